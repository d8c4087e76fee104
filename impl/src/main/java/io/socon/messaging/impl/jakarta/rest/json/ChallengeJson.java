package io.socon.messaging.impl.jakarta.rest.json;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Text the caller's own wallet must sign (EIP-191 {@code personal_sign}) before the inbox can open.
 *
 * @param id what to send back as {@code challengeId}
 * @param text the exact text to sign
 * @param address the wallet that must sign
 * @param expiresAt ISO-8601 instant after which the challenge is void
 */
@Schema(name = "WalletChallenge", description = "Text the user's wallet must sign (personal_sign)")
@JsonbPropertyOrder({"id", "text", "address", "expiresAt"})
public record ChallengeJson(String id, String text, String address, String expiresAt) {
}
