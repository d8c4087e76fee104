package io.socon.messaging.spi.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook deliveries: the contract between the webhook sink (built in {@code impl}) and a
 * receiver, following <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> so receivers can use
 * any of its libraries.
 *
 * <h2>The contract</h2>
 * <ul>
 *   <li>{@code POST} to the configured https URL, {@code Content-Type: application/json}, body the
 *       {@link Notification} as JSON (ids as strings, instants as RFC 3339, {@code preview} omitted when
 *       empty).</li>
 *   <li>Headers {@code webhook-id} (the notification id), {@code webhook-timestamp} (Unix seconds) and
 *       {@code webhook-signature}: {@code v1,} then Base64 of HMAC-SHA256 under the shared secret over
 *       {@code id + "." + timestamp + "." + body}. Several space-separated signatures may appear while a
 *       secret is rotated; one valid signature suffices.</li>
 *   <li>The secret is configured as {@code whsec_} followed by Base64 of 24 to 64 random bytes.</li>
 *   <li>Receivers refuse timestamps more than 5 minutes from their clock (replay protection) and drop
 *       repeated {@code webhook-id}s (delivery is at least once).</li>
 *   <li>A 2xx answer means delivered. Anything else, or no answer within 10 seconds, is retried after 5 s,
 *       30 s, 2 min, 10 min and 30 min, then given up and logged; 410 Gone is not retried.</li>
 * </ul>
 *
 * <p>Thread-safe. {@code @Beta} until the webhook sink in {@code impl} has shipped against real receivers.
 */
@io.socon.messaging.api.Beta
public final class WebhookSignature {

    /** The replay window receivers should allow. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] secret;

    private WebhookSignature(byte[] secret) {
        this.secret = secret;
    }

    /**
     * Reads a secret written {@code whsec_<base64>}.
     *
     * @throws IllegalArgumentException if the text has another form or decodes to fewer than 24 bytes
     */
    public static WebhookSignature fromSecret(String whsec) {
        Objects.requireNonNull(whsec, "whsec");
        if (!whsec.startsWith("whsec_")) {
            throw new IllegalArgumentException("a webhook secret is written whsec_ followed by Base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(whsec.substring(6));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("the part of the webhook secret after whsec_ is not Base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret holds 24 to 64 bytes, this one " + key.length
                    + "; generate one with 32 random bytes");
        }
        return new WebhookSignature(key);
    }

    /** The {@code webhook-signature} header value for a delivery: {@code v1,<base64>}. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        return "v1," + Base64.getEncoder().encodeToString(mac(id, timestampSeconds, body));
    }

    /**
     * Whether a delivery is authentic and fresh: one of the header's signatures matches (compared in constant
     * time) and the timestamp is within {@code tolerance} of {@code now}.
     */
    public boolean verify(String id, long timestampSeconds, byte[] body, String signatureHeader, Instant now,
            Duration tolerance) {
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        if (Math.abs(now.getEpochSecond() - timestampSeconds) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = mac(id, timestampSeconds, body);
        boolean match = false;
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (candidate.startsWith("v1,")) {
                try {
                    match |= MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)));
                } catch (IllegalArgumentException notBase64) {
                    // ignore malformed entries
                }
            }
        }
        return match;
    }

    private byte[] mac(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[secret hidden]";
    }
}
