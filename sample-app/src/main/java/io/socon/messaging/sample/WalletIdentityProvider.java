package io.socon.messaging.sample;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.spi.identity.IdentityProvider;
import io.socon.messaging.spi.identity.IdentityResult;
import io.socon.messaging.spi.identity.Signer;
import io.socon.messaging.spi.identity.SigningResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Users who signed in with a browser wallet ({@code wallet:0x…}) own their wallet: every text XMTP needs signed
 * becomes a challenge that the page has the wallet sign ({@code personal_sign}) and submits through REST.
 * Asked before the module's custodial default; other users are left to it.
 */
@ApplicationScoped
public class WalletIdentityProvider implements IdentityProvider {

    /** How long the wallet has to sign. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public IdentityResult resolve(HostUser user) {
        if (!user.id().startsWith(SessionResource.WALLET_PREFIX)) {
            return IdentityResult.NOT_HANDLED;
        }
        EthereumAddress address;
        try {
            address = EthereumAddress.of(user.id().substring(SessionResource.WALLET_PREFIX.length()));
        } catch (InvalidValueException e) {
            return IdentityResult.DENIED;
        }
        return IdentityResult.externalWallet(new BrowserWallet(address));
    }

    /** A wallet in the user's browser: it cannot sign here, so every signature is a challenge. */
    private record BrowserWallet(EthereumAddress address) implements Signer {

        @Override
        public SigningResult sign(String text) {
            byte[] id = new byte[24];
            RANDOM.nextBytes(id);
            return new SigningResult.Pending(new WalletChallenge(
                    new WalletChallenge.Id(Base64.getUrlEncoder().withoutPadding().encodeToString(id)), address, text,
                    Instant.now().plus(CHALLENGE_LIFETIME)));
        }
    }
}
