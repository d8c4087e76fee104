package io.socon.messaging.impl.jakarta.rest;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;

/**
 * JSON-B for the bodies this module reads itself and for WebSocket frames. Request bodies are read here, not by
 * the JAX-RS provider, so that malformed JSON becomes a {@code 400} problem with a clear detail in our
 * resources without a global mapper that would also change the host application's own resources.
 */
final class RestJson {

    /** Longest request body read (the largest is a text message of up to a million characters). */
    static final int MAX_BODY_CHARS = 4 * 1024 * 1024;

    private RestJson() {
    }

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    static Jsonb jsonb() {
        return Holder.JSONB;
    }

    /** Writes a record as JSON. */
    static String write(Object value) {
        return jsonb().toJson(value);
    }

    /**
     * Reads a request body.
     *
     * @param shape the expected form, shown to the caller when the body does not have it
     * @throws RestProblemException 400 if the body is missing, not JSON or not of the expected form
     */
    static <T> T read(String body, Class<T> type, String shape) {
        if (body == null || body.isBlank()) {
            throw RestProblemException.badRequest("a JSON body is required: " + shape);
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw RestProblemException.badRequest("the body is longer than " + MAX_BODY_CHARS + " characters");
        }
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            throw RestProblemException.badRequest("the body must be a JSON object: " + shape);
        }
        T value;
        try {
            value = jsonb().fromJson(trimmed, type);
        } catch (JsonbException | jakarta.json.JsonException | IllegalArgumentException | ClassCastException e) {
            throw RestProblemException.badRequest(describe(e) + "; expected " + shape);
        }
        if (value == null) {
            throw RestProblemException.badRequest("a JSON body is required: " + shape);
        }
        return value;
    }

    /** A description of a JSON failure without class names or stack traces. */
    private static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonParsingException p && p.getLocation() != null) {
                return "the body is not valid JSON (line " + p.getLocation().getLineNumber() + ", column "
                        + p.getLocation().getColumnNumber() + ")";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "the body is not JSON of the expected form (a member has the wrong type, or the JSON is malformed)";
    }
}
