package io.socon.messaging.impl.jakarta.rest.json;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies the REST API accepts. Members that are absent arrive as null. */
public final class Requests {

    private Requests() {
    }

    /**
     * {@code POST inbox/signature}.
     *
     * @param challengeId the challenge's id
     * @param signature {@code 0x} and 130 hex digits: the 65-byte EIP-191 signature
     */
    @Schema(name = "SignatureRequest")
    public record Signature(String challengeId, String signature) {
    }

    /**
     * {@code POST can-message}.
     *
     * @param peers addresses or inbox ids, at most 1000
     */
    @Schema(name = "CanMessageRequest")
    public record CanMessage(List<String> peers) {
    }

    /**
     * {@code POST conversations/dm}.
     *
     * @param peer an address or inbox id
     */
    @Schema(name = "DmRequest")
    public record Dm(String peer) {
    }

    /**
     * {@code POST conversations/group}.
     *
     * @param name the group's name (may be empty)
     * @param description its description (may be empty)
     * @param imageUrl an http(s) image URL, or empty
     * @param members addresses or inbox ids of the other members
     */
    @Schema(name = "NewGroupRequest")
    public record NewGroup(String name, String description, String imageUrl, List<String> members) {
    }

    /**
     * {@code POST conversations/{id}/members}.
     *
     * @param members addresses or inbox ids to add
     */
    @Schema(name = "MembersRequest")
    public record Members(List<String> members) {
    }

    /**
     * {@code PATCH conversations/{id}}: the members present are changed, the others kept.
     *
     * @param name a new name
     * @param description a new description
     * @param imageUrl a new image URL; empty removes it
     */
    @Schema(name = "GroupPatchRequest")
    public record GroupPatch(String name, String description, String imageUrl) {
    }

    /**
     * {@code POST conversations/{id}/messages}.
     *
     * @param type {@code text}, {@code reply} or {@code reaction}
     * @param text the text, for text and reply
     * @param reference the message replied or reacted to
     * @param emoji the reaction
     * @param action {@code ADDED} (default) or {@code REMOVED}, for reactions
     */
    @Schema(name = "SendRequest")
    public record Send(@Schema(enumeration = {"text", "reply", "reaction"}) String type, String text, String reference,
            String emoji, @Schema(enumeration = {"ADDED", "REMOVED"}) String action) {
    }

    /**
     * A frame the WebSocket client may send.
     *
     * @param event {@code ping}
     */
    public record ClientFrame(String event) {
    }
}
