package io.socon.messaging.impl.mls.secret;

import io.socon.messaging.impl.mls.framing.ContentType;

/** The two hash ratchets of each leaf (RFC 9420 section 9.1). */
public enum RatchetType {
    /** Keys proposals and commits. */
    HANDSHAKE("handshake"),
    /** Keys application messages. */
    APPLICATION("application");

    private final String label;

    RatchetType(String label) {
        this.label = label;
    }

    /** The ExpandWithLabel label that starts this ratchet from the leaf's tree secret. */
    String label() {
        return label;
    }

    /** The ratchet that keys messages of {@code contentType}. */
    public static RatchetType of(ContentType contentType) {
        return contentType == ContentType.APPLICATION ? APPLICATION : HANDSHAKE;
    }
}
