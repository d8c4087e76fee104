package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code POST can-message}.
 *
 * @param results one per peer asked, in the order asked
 */
@Schema(name = "CanMessageResults")
public record CanMessageJson(List<Result> results) {

    /**
     * Whether one peer can receive XMTP messages.
     *
     * @param peer the peer as given
     * @param canMessage whether it has an inbox with an installation
     */
    @Schema(name = "CanMessageResult")
    @JsonbPropertyOrder({"peer", "canMessage"})
    public record Result(String peer, boolean canMessage) {
    }
}
