package io.socon.messaging.impl.jakarta.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The {@link Caller} of a JAX-RS request. */
final class Callers {

    private Callers() {
    }

    static Caller of(SecurityContext security, HttpServletRequest request, HttpHeaders headers) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null && request != null) {
            principal = request.getUserPrincipal();
        }
        return Caller.of(principal, request == null ? null : request.getSession(false),
                headers == null ? null : headers.getRequestHeaders());
    }
}
