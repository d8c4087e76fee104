package io.socon.messaging.impl.node;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.socon.messaging.impl.store.StoreException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Runs a unary call and maps what can go wrong to a gRPC status: refused input to
 * {@code INVALID_ARGUMENT} with its message, limits to {@code RESOURCE_EXHAUSTED}, database trouble to
 * {@code UNAVAILABLE} (clients retry), anything unexpected to {@code INTERNAL} without internals.
 */
final class Calls {

    private static final Logger LOG = System.getLogger(Calls.class.getName());

    private Calls() {
    }

    static <T> void unary(StreamObserver<T> response, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (InvalidRequestException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (LimitExceededException e) {
            response.onError(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (StoreException e) {
            LOG.log(Level.WARNING, "database failure: " + e.getMessage(), e);
            response.onError(Status.UNAVAILABLE.withDescription("the node's database is unavailable; try again")
                    .asRuntimeException());
            return;
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "unexpected failure in a node call", e);
            response.onError(Status.INTERNAL.withDescription("the node failed unexpectedly; it has logged the cause")
                    .asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
