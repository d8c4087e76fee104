package io.socon.messaging.impl.node;

import java.io.ByteArrayOutputStream;

/**
 * Builds MLS messages as they travel to the node: the TLS encoding of an {@code MLSMessage} carrying a
 * PrivateMessage (RFC 9420 section 6.3). The node never decrypts, so the ciphertext is filler, but every
 * field is well formed.
 */
final class MlsTestMessages {

    static final int APPLICATION = 1;
    static final int PROPOSAL = 2;
    static final int COMMIT = 3;

    private MlsTestMessages() {
    }

    static byte[] privateMessage(byte[] groupId, long epoch, int contentType, byte[] ciphertext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        uint16(out, 1); // mls10
        uint16(out, 2); // mls_private_message
        vector(out, groupId);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (epoch >>> shift) & 0xff);
        }
        out.write(contentType);
        vector(out, new byte[0]); // authenticated_data
        vector(out, new byte[] {1, 2, 3, 4}); // encrypted_sender_data
        vector(out, ciphertext);
        return out.toByteArray();
    }

    static byte[] application(byte[] groupId, String text) {
        return privateMessage(groupId, 1, APPLICATION, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void uint16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    /** An MLS variable-length vector: a minimal QUIC-style varint length, then the bytes. */
    static void vector(ByteArrayOutputStream out, byte[] bytes) {
        int length = bytes.length;
        if (length < 0x40) {
            out.write(length);
        } else if (length < 0x4000) {
            out.write(0x40 | (length >>> 8));
            out.write(length & 0xff);
        } else {
            out.write(0x80 | (length >>> 24));
            out.write((length >>> 16) & 0xff);
            out.write((length >>> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(bytes);
    }
}
