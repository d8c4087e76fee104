package io.socon.messaging.impl.node.transport;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a request body that is not a valid protobuf message with {@code INVALID_ARGUMENT} and a message
 * that says so. Left to itself, grpc-java reports a request it cannot parse as an application error
 * ({@code UNKNOWN}) and logs it as severe.
 *
 * <p>How: {@link #wrap} gives every method a request marshaller that, when parsing fails, remembers the
 * failure on the calling thread and hands on the default instance; the {@link #interceptor()} sees the
 * flag in {@code onMessage} (same thread, right after parsing) and closes the call instead of passing
 * the placeholder on.
 */
public final class StrictRequestParsing {

    private static final ThreadLocal<String> FAILURE = new ThreadLocal<>();

    private StrictRequestParsing() {
    }

    /** The service with tolerant request marshallers; pair it with {@link #interceptor()}. */
    public static ServerServiceDefinition wrap(ServerServiceDefinition service) {
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
                .setSchemaDescriptor(service.getServiceDescriptor().getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> tolerant = tolerant(method);
            methods.add(tolerant);
            descriptor.addMethod(tolerant.getMethodDescriptor());
        }
        ServerServiceDefinition.Builder rebuilt = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(rebuilt::addMethod);
        return rebuilt.build();
    }

    private static <Q, A> ServerMethodDefinition<Q, A> tolerant(ServerMethodDefinition<Q, A> method) {
        MethodDescriptor<Q, A> original = method.getMethodDescriptor();
        MethodDescriptor.Marshaller<Q> strict = original.getRequestMarshaller();
        Q placeholder = strict.parse(InputStream.nullInputStream());
        MethodDescriptor.Marshaller<Q> tolerant = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Q value) {
                return strict.stream(value);
            }

            @Override
            public Q parse(InputStream stream) {
                try {
                    return strict.parse(stream);
                } catch (RuntimeException e) {
                    FAILURE.set(original.getFullMethodName());
                    return placeholder;
                }
            }
        };
        return ServerMethodDefinition.create(original.toBuilder(tolerant, original.getResponseMarshaller()).build(),
                method.getServerCallHandler());
    }

    /** Closes calls whose request did not parse; must be the outermost interceptor. */
    public static ServerInterceptor interceptor() {
        return new ServerInterceptor() {
            @Override
            public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                    ServerCallHandler<Q, A> next) {
                ServerCall.Listener<Q> delegate = next.startCall(call, headers);
                return new SimpleForwardingServerCallListener<>(delegate) {
                    private boolean refused;

                    @Override
                    public void onMessage(Q message) {
                        String failedMethod = FAILURE.get();
                        if (failedMethod != null) {
                            FAILURE.remove();
                            refused = true;
                            call.close(Status.INVALID_ARGUMENT.withDescription("the request is not a valid protobuf "
                                    + "message for " + failedMethod), new Metadata());
                            return;
                        }
                        if (!refused) {
                            super.onMessage(message);
                        }
                    }

                    @Override
                    public void onHalfClose() {
                        if (!refused) {
                            super.onHalfClose();
                        }
                    }

                    @Override
                    public void onReady() {
                        if (!refused) {
                            super.onReady();
                        }
                    }
                };
            }
        };
    }
}
