package io.socon.messaging.impl.client.group;

import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The two inboxes of a DM as its immutable metadata names them. libxmtp's creator writes itself as member one
 * and the peer as member two; readers treat the pair as unordered.
 *
 * @param memberOne the first inbox id
 * @param memberTwo the second inbox id
 */
public record DmMembers(String memberOne, String memberTwo) {

    /** Checks for nulls. */
    public DmMembers {
        Objects.requireNonNull(memberOne, "memberOne");
        Objects.requireNonNull(memberTwo, "memberTwo");
    }

    /** Whether {@code inboxId} is one of the two. */
    public boolean contains(String inboxId) {
        return memberOne.equals(inboxId) || memberTwo.equals(inboxId);
    }

    /** Whether the pair is {@code a} and {@code b}, in either order. */
    public boolean isPair(String a, String b) {
        return memberOne.equals(a) && memberTwo.equals(b) || memberOne.equals(b) && memberTwo.equals(a);
    }

    /**
     * libxmtp's DM id, under which it finds an existing DM with the same peer: {@code "dm:"} and the two inbox
     * ids, lowercased, sorted and joined by {@code ":"}.
     */
    public String dmId() {
        return "dm:" + String.join(":", Stream.of(memberOne, memberTwo)
                .map(id -> id.toLowerCase(Locale.ROOT)).sorted().toList());
    }
}
