package io.socon.messaging.api;

import java.security.Principal;

/**
 * A user of the host application, as the host knows them: the name of the authenticated
 * {@link Principal} (Jakarta Security) or any stable id the host passes. Socon Messaging maps it to an XMTP
 * identity through the configured identity providers; it never interprets the id.
 *
 * <p>The id must be stable for the life of the user: a new id is a new XMTP inbox.
 *
 * @param id 1 to 256 characters, not blank
 */
public record HostUser(String id) {

    /** Longest id accepted. */
    public static final int MAX_LENGTH = 256;

    /** @throws InvalidValueException with {@link ErrorCode#INVALID_ARGUMENT} if the id is blank or too long */
    public HostUser {
        Checks.text(id, MAX_LENGTH, "a host user id");
    }

    /** The host user named by a stable id. */
    public static HostUser of(String id) {
        return new HostUser(id);
    }

    /** The host user named by an authenticated principal's {@link Principal#getName() name}. */
    public static HostUser of(Principal principal) {
        return new HostUser(Checks.notNull(principal, "principal").getName());
    }
}
