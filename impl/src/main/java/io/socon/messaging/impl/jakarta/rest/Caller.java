package io.socon.messaging.impl.jakarta.rest;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is known about the caller of a REST request or a WebSocket handshake, for a {@link HostUserResolver}.
 *
 * @param principal the authenticated principal of the request, if any
 * @param session the HTTP session, if one exists (never created for the resolver)
 * @param headers the request headers; names compare case-insensitively
 */
public record Caller(Optional<Principal> principal, Optional<HttpSession> session, Map<String, List<String>> headers) {

    /** @throws NullPointerException if a component is null */
    public Caller {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.put(name, List.copyOf(values));
            }
        });
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** A caller from nullable parts. */
    public static Caller of(Principal principal, HttpSession session, Map<String, List<String>> headers) {
        return new Caller(Optional.ofNullable(principal), Optional.ofNullable(session),
                headers == null ? Map.of() : headers);
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }
}
