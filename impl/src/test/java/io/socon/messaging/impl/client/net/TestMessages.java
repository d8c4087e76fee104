package io.socon.messaging.impl.client.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Messages as they travel to the node. A group message is the TLS encoding of an {@code MLSMessage} carrying a
 * PrivateMessage (RFC 9420 section 6.3): the node never decrypts, so the ciphertext is filler, but every field it
 * parses is well formed.
 */
final class TestMessages {

    static final int APPLICATION = 1;

    private TestMessages() {
    }

    static byte[] group(int number) {
        byte[] id = new byte[16];
        byte[] name = ("test-group-" + number).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, id, 0, Math.min(name.length, 16));
        return id;
    }

    static GroupMessageInput application(byte[] groupId, String text) {
        return GroupMessageInput.newBuilder().setV1(GroupMessageInput.V1.newBuilder()
                .setData(ByteString.copyFrom(privateMessage(groupId, 1, APPLICATION, text.getBytes(StandardCharsets.UTF_8))))
                .setSenderHmac(ByteString.copyFrom(new byte[32]))
                .setShouldPush(true)).build();
    }

    static byte[] installation(int number) {
        byte[] key = new byte[32];
        key[0] = (byte) number;
        key[31] = 7;
        return key;
    }

    static WelcomeMessageInput welcome(byte[] installationKey, String data) {
        return WelcomeMessageInput.newBuilder().setV1(WelcomeMessageInput.V1.newBuilder()
                .setInstallationKey(ByteString.copyFrom(installationKey))
                .setData(ByteString.copyFromUtf8(data))
                .setHpkePublicKey(ByteString.copyFromUtf8("hpke public key"))
                .setWrapperAlgorithm(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519)).build();
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

    private static void uint16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    private static void vector(ByteArrayOutputStream out, byte[] bytes) {
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

    /** Waits up to {@code timeout} for a condition, then asserts it. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
