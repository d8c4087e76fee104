package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.InvalidValueException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers an {@link InvalidValueException} (a malformed address, id or text refused by the API) that escapes a
 * JAX-RS resource with {@code 400} (or {@code 413} for {@code CONTENT_TOO_LARGE}) and a problem+json body.
 */
@Provider
public class InvalidValueExceptionMapper implements ExceptionMapper<InvalidValueException> {

    @Override
    public Response toResponse(InvalidValueException exception) {
        return Problems.response(exception);
    }
}
