package io.socon.messaging.impl.client.content;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import io.socon.messaging.impl.wire.mls.messagecontents.PlaintextEnvelope;
import java.util.Objects;

/**
 * The plaintext of an MLS application message: {@code PlaintextEnvelope.v1} with the serialized
 * {@code EncodedContent} and an idempotency key, which libxmtp sets to the send time in nanoseconds, written in
 * decimal. The message id is computed over the group id, these content bytes and that key, so both are kept
 * exactly as received.
 *
 * <p>{@code PlaintextEnvelope.v2} carried device-sync messages in libxmtp's first device-sync design; libxmtp 1.10
 * drops them unread, and {@link #unwrap} refuses them with UNSUPPORTED_CONTENT_TYPE so the caller can do the same.
 */
public final class PlaintextEnvelopes {

    private PlaintextEnvelopes() {
    }

    /**
     * An application payload.
     *
     * @param content the serialized EncodedContent, as sent
     * @param idempotencyKey the sender's idempotency key
     */
    public record ApplicationPayload(byte[] content, String idempotencyKey) {
        public ApplicationPayload {
            content = Objects.requireNonNull(content, "content").clone();
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The content parsed as EncodedContent. */
        public EncodedContent encodedContent() {
            return ContentCodecs.parse(content);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ApplicationPayload p && java.util.Arrays.equals(content, p.content)
                    && idempotencyKey.equals(p.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(content) + idempotencyKey.hashCode();
        }

        @Override
        public String toString() {
            return "ApplicationPayload[" + content.length + " bytes, idempotencyKey=" + idempotencyKey + "]";
        }
    }

    /** Wraps content as libxmtp does when sending at {@code sentAtNs} (nanoseconds since the epoch). */
    public static byte[] wrap(EncodedContent content, long sentAtNs) {
        return wrap(content.toByteArray(), Long.toString(sentAtNs));
    }

    /** Wraps serialized EncodedContent with an idempotency key. */
    public static byte[] wrap(byte[] encodedContent, String idempotencyKey) {
        Objects.requireNonNull(encodedContent, "encodedContent");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return PlaintextEnvelope.newBuilder()
                .setV1(PlaintextEnvelope.V1.newBuilder()
                        .setContent(ByteString.copyFrom(encodedContent))
                        .setIdempotencyKey(idempotencyKey))
                .build()
                .toByteArray();
    }

    /**
     * Reads the plaintext of an application message.
     *
     * @throws ContentCodecException INVALID_ARGUMENT if the bytes are not a PlaintextEnvelope or have no version,
     *     UNSUPPORTED_CONTENT_TYPE for a version 2 (device sync) envelope
     */
    public static ApplicationPayload unwrap(byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        PlaintextEnvelope envelope;
        try {
            envelope = PlaintextEnvelope.parseFrom(plaintext);
        } catch (InvalidProtocolBufferException e) {
            throw ContentCodecException.malformed(null, "the application message is not a PlaintextEnvelope", e);
        }
        return switch (envelope.getContentCase()) {
            case V1 -> new ApplicationPayload(envelope.getV1().getContent().toByteArray(),
                    envelope.getV1().getIdempotencyKey());
            case V2 -> throw new ContentCodecException(ErrorCode.UNSUPPORTED_CONTENT_TYPE, null,
                    "a PlaintextEnvelope v2 (" + v2Kind(envelope.getV2()) + ") is a device-sync message of the first "
                            + "device-sync design; libxmtp 1.10 ignores these and so should the caller", null);
            case CONTENT_NOT_SET -> throw ContentCodecException.malformed(null,
                    "the PlaintextEnvelope has neither v1 nor v2 content");
        };
    }

    private static String v2Kind(PlaintextEnvelope.V2 v2) {
        return switch (v2.getMessageTypeCase()) {
            case CONTENT -> "content";
            case DEVICE_SYNC_REQUEST -> "device_sync_request";
            case DEVICE_SYNC_REPLY -> "device_sync_reply";
            case USER_PREFERENCE_UPDATE -> "user_preference_update";
            case MESSAGETYPE_NOT_SET -> "empty";
        };
    }
}
