package io.socon.messaging.impl.jakarta.rest;

import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the work of a resource method: the container's thread returns at once and the response is sent when the
 * work's stage completes. Every failure, thrown at once or completing the stage, becomes a problem response.
 */
final class Async {

    private Async() {
    }

    static CompletionStage<Response> respond(Supplier<? extends CompletionStage<Response>> work) {
        CompletionStage<Response> stage;
        try {
            stage = work.get();
        } catch (Throwable t) {
            if (t instanceof Error e && !(t instanceof AssertionError)) {
                throw e;
            }
            return CompletableFuture.completedFuture(Problems.response(t));
        }
        return stage.handle((response, failure) -> failure == null ? response : Problems.response(failure));
    }
}
