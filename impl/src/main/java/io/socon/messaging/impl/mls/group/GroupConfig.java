package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.secret.RatchetConfig;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.util.Objects;

/**
 * How a member runs its groups. Local policy only: none of this is agreed with the other members.
 *
 * @param retainedEpochs  how many past epochs keep their decryption keys, so that application messages sent just
 *                        before a commit still decrypt (0 keeps none)
 * @param ratchet         the out-of-order window of the secret tree
 * @param handshakeFormat how proposals and commits are sent: {@link WireFormat#PRIVATE_MESSAGE} or
 *                        {@link WireFormat#PUBLIC_MESSAGE}
 * @param paddingBlock    PrivateMessage plaintexts are padded with zeros to a multiple of this (0 or 1: none)
 * @param alwaysPath      whether every commit carries an UpdatePath, even where RFC 9420 does not require one
 */
public record GroupConfig(int retainedEpochs, RatchetConfig ratchet, WireFormat handshakeFormat, int paddingBlock,
                          boolean alwaysPath) {

    /** XMTP's policy: 3 past epochs, PURE_CIPHERTEXT handshakes, a path in every commit. */
    public static final GroupConfig XMTP = new GroupConfig(3, RatchetConfig.DEFAULT, WireFormat.PRIVATE_MESSAGE, 0,
            true);

    /** RFC 9420's minimum: public handshakes, a path only when required, past epochs kept as XMTP does. */
    public static final GroupConfig STANDARD = new GroupConfig(3, RatchetConfig.DEFAULT, WireFormat.PUBLIC_MESSAGE,
            0, false);

    /** Checks ranges. */
    public GroupConfig {
        if (retainedEpochs < 0 || retainedEpochs > 255) {
            throw new IllegalArgumentException("retainedEpochs must be in 0..255: " + retainedEpochs);
        }
        Objects.requireNonNull(ratchet, "ratchet");
        if (handshakeFormat != WireFormat.PRIVATE_MESSAGE && handshakeFormat != WireFormat.PUBLIC_MESSAGE) {
            throw new IllegalArgumentException("handshakes are sent as public or private messages");
        }
        if (paddingBlock < 0 || paddingBlock > 0xFFFF) {
            throw new IllegalArgumentException("paddingBlock must be in 0..65535");
        }
    }

    /** This configuration keeping {@code epochs} past epochs. */
    public GroupConfig withRetainedEpochs(int epochs) {
        return new GroupConfig(epochs, ratchet, handshakeFormat, paddingBlock, alwaysPath);
    }

    /** This configuration sending handshakes as {@code format}. */
    public GroupConfig withHandshakeFormat(WireFormat format) {
        return new GroupConfig(retainedEpochs, ratchet, format, paddingBlock, alwaysPath);
    }

    /** This configuration with or without a path in every commit. */
    public GroupConfig withAlwaysPath(boolean always) {
        return new GroupConfig(retainedEpochs, ratchet, handshakeFormat, paddingBlock, always);
    }
}
