package io.socon.messaging.impl.identity;

import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text that every signer of an identity update signs, byte for byte as libxmtp builds it
 * ({@code xmtp_id/src/associations/unsigned_actions.rs}, {@code UnsignedIdentityUpdate::signature_text}):
 *
 * <pre>
 * XMTP : Authenticate to inbox
 *
 * Inbox ID: {inbox id}
 * Current time: {client_timestamp_ns as RFC 3339 UTC, whole seconds, "Z"}
 *
 * {two lines per action, joined by "\n"}
 *
 * For more info: https://xmtp.org/signatures
 * </pre>
 *
 * Lines are separated by a single {@code \n} and the text has no trailing newline. The action lines are, for
 * example, {@code "- Create inbox\n  (Owner: 0x…)"} and {@code "- Grant messaging access to app\n  (ID: hex)"}.
 */
public final class SignatureText {

    static final String HEADER = "XMTP : Authenticate to inbox";
    static final String FOOTER = "For more info: https://xmtp.org/signatures";

    private static final DateTimeFormatter RFC_3339_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private SignatureText() {
    }

    /**
     * The signature text of an update; its signatures are ignored.
     *
     * @throws IllegalArgumentException if an action is malformed (no kind, a missing member identifier, a
     *     passkey identifier that is not hex)
     */
    public static String of(IdentityUpdate update) {
        Objects.requireNonNull(update, "update");
        List<UnsignedAction> actions;
        try {
            actions = WireReader.unsignedActions(update);
        } catch (IdentityUpdateRejectedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return of(update.getInboxId(), update.getClientTimestampNs(), actions);
    }

    static String of(String inboxId, long clientTimestampNs, List<UnsignedAction> actions) {
        String lines = actions.stream().map(UnsignedAction::textLines).collect(Collectors.joining("\n"));
        return HEADER + "\n\nInbox ID: " + inboxId + "\nCurrent time: " + formatTime(clientTimestampNs)
                + "\n\n" + lines + "\n\n" + FOOTER;
    }

    /**
     * Formats {@code client_timestamp_ns} as libxmtp does: the 64 bits read as a signed count of nanoseconds
     * since 1970 (Rust's {@code as i64}), rounded down to the second, written {@code 2024-05-01T12:00:00Z}.
     */
    static String formatTime(long clientTimestampNs) {
        long seconds = Math.floorDiv(clientTimestampNs, 1_000_000_000L);
        return RFC_3339_SECONDS.format(Instant.ofEpochSecond(seconds));
    }
}
