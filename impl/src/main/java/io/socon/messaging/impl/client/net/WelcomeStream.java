package io.socon.messaging.impl.client.net;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import java.util.Map;

/**
 * New welcomes for one installation or several, from a node's {@code SubscribeWelcomeMessages}: each welcome (V1
 * or pointer) is handed to the consumer exactly once, in id order per installation, on the stream's own thread;
 * the stream resubscribes by itself after a drop (see {@link Resubscriber}) and when installations are added
 * ({@link #addInstallation}). Opened by {@link NodeConnection#streamWelcomeMessages}; {@link #close} it when done.
 */
public final class WelcomeStream implements AutoCloseable {

    static final Resubscriber.Wire<SubscribeWelcomeMessagesRequest, WelcomeMessage> WIRE = new Resubscriber.Wire<>() {
        @Override
        public io.grpc.MethodDescriptor<SubscribeWelcomeMessagesRequest, WelcomeMessage> method() {
            return MlsApiGrpc.getSubscribeWelcomeMessagesMethod();
        }

        @Override
        public SubscribeWelcomeMessagesRequest request(Map<ByteString, Long> cursors) {
            SubscribeWelcomeMessagesRequest.Builder request = SubscribeWelcomeMessagesRequest.newBuilder();
            cursors.forEach((installation, cursor) -> request.addFilters(SubscribeWelcomeMessagesRequest.Filter
                    .newBuilder().setInstallationKey(installation).setIdCursor(cursor)));
            return request.build();
        }

        @Override
        public ByteString topic(WelcomeMessage message) {
            return switch (message.getVersionCase()) {
                case V1 -> message.getV1().getInstallationKey();
                case WELCOME_POINTER -> message.getWelcomePointer().getInstallationKey();
                default -> null;
            };
        }

        @Override
        public long id(WelcomeMessage message) {
            return message.hasV1() ? message.getV1().getId() : message.getWelcomePointer().getId();
        }
    };

    private final Resubscriber<SubscribeWelcomeMessagesRequest, WelcomeMessage> engine;
    private final ByteString installationKey;

    WelcomeStream(Resubscriber<SubscribeWelcomeMessagesRequest, WelcomeMessage> engine, ByteString installationKey) {
        this.engine = engine;
        this.installationKey = installationKey;
    }

    /** The id of the last welcome delivered for the first installation (the starting cursor until then). */
    public long cursor() {
        return engine.highWaterMark(installationKey).orElseThrow();
    }

    /** The id of the last welcome delivered for an installation (its cursor until then); empty if not streamed. */
    public java.util.OptionalLong cursor(byte[] installationKey) {
        return engine.highWaterMark(ByteString.copyFrom(installationKey));
    }

    /**
     * Streams the welcomes of one more installation, after {@code afterId}; a new installation makes the stream
     * resubscribe with all of them (nothing lost or doubled, as {@link GroupMessageStream#addGroup}).
     *
     * @throws IllegalStateException if the stream is closed
     */
    public void addInstallation(byte[] installationKey, long afterId) {
        if (installationKey == null || installationKey.length == 0) {
            throw new IllegalArgumentException("installationKey is empty");
        }
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId must not be negative, got " + afterId);
        }
        engine.addTopics(Map.of(ByteString.copyFrom(installationKey), afterId));
    }

    public StreamState state() {
        return engine.state();
    }

    /** How many times the stream has subscribed again after its subscription failed. */
    public long reconnects() {
        return engine.reconnects();
    }

    Resubscriber<SubscribeWelcomeMessagesRequest, WelcomeMessage> engine() {
        return engine;
    }

    /** Cancels the subscription; the consumer is not called after this returns (unless it calls close itself). */
    @Override
    public void close() {
        engine.close();
    }
}
