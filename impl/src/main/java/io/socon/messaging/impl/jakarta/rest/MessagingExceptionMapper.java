package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.MessagingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers a {@link MessagingException} that escapes any JAX-RS resource of the application (ours, or the
 * host's own resources that call the API) with a problem+json body and the status of the contract's table.
 */
@Provider
public class MessagingExceptionMapper implements ExceptionMapper<MessagingException> {

    @Override
    public Response toResponse(MessagingException exception) {
        return Problems.response(exception);
    }
}
