package io.socon.messaging.impl.mls.struct;

import java.util.Optional;

/** What an MLSMessage carries ({@code uint16 WireFormat}, RFC 9420 section 6). */
public enum WireFormat {
    /** mls_public_message: a signed, unencrypted handshake message. XMTP refuses these. */
    PUBLIC_MESSAGE(1),
    /** mls_private_message: an encrypted application or handshake message; what XMTP sends. */
    PRIVATE_MESSAGE(2),
    /** mls_welcome. */
    WELCOME(3),
    /** mls_group_info. */
    GROUP_INFO(4),
    /** mls_key_package. */
    KEY_PACKAGE(5);

    private final int code;

    WireFormat(int code) {
        this.code = code;
    }

    /** The uint16 code on the wire. */
    public int code() {
        return code;
    }

    /** The wire format with this code, if it is one of RFC 9420's. */
    public static Optional<WireFormat> fromCode(int code) {
        for (WireFormat format : values()) {
            if (format.code == code) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
