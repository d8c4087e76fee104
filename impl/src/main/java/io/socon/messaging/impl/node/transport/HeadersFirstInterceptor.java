package io.socon.messaging.impl.node.transport;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends response headers as soon as a server-streaming call starts. libxmtp (tonic) waits for the headers
 * before it considers a subscription open, while grpc-java would send them only with the first message:
 * an idle stream would then hang the client.
 */
public final class HeadersFirstInterceptor implements ServerInterceptor {

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        if (call.getMethodDescriptor().getType() != MethodType.SERVER_STREAMING) {
            return next.startCall(call, headers);
        }
        AtomicBoolean sent = new AtomicBoolean();
        ServerCall<Q, A> once = new SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata responseHeaders) {
                if (sent.compareAndSet(false, true)) {
                    super.sendHeaders(responseHeaders);
                }
            }
        };
        once.sendHeaders(new Metadata());
        return next.startCall(once, headers);
    }
}
