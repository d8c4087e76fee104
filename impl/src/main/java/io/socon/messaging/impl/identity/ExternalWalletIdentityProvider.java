package io.socon.messaging.impl.identity;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.spi.identity.IdentityProvider;
import io.socon.messaging.spi.identity.IdentityResult;
import io.socon.messaging.spi.identity.Signer;
import io.socon.messaging.spi.identity.SigningResult;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The default identity of host users who bring their own wallet: the user's wallet address comes from a lookup
 * the host supplies (by default: the host user id is itself an Ethereum address, as after a Sign-In with Ethereum
 * login), and its {@link Signer} cannot sign: it answers every text with a {@link SigningResult.Pending}
 * {@link WalletChallenge} that the user's wallet signs in the browser ({@code personal_sign}), valid for a
 * configurable time. Users the lookup does not know are {@link IdentityResult#NOT_HANDLED}, so the next provider
 * (the custodial one by default) is asked.
 */
public final class ExternalWalletIdentityProvider implements IdentityProvider {

    /** Asked before the default priority (100), so a user with a wallet of their own does not get a custodial one. */
    public static final int DEFAULT_PRIORITY = 50;

    /** How long a challenge stays valid by default. */
    public static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofMinutes(10);

    private final Function<HostUser, Optional<EthereumAddress>> walletOf;
    private final Duration challengeTtl;
    private final Clock clock;
    private final int priority;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param walletOf     the wallet address of a host user, or empty if they have none of their own
     * @param challengeTtl how long a challenge may wait for the signature
     * @param clock        for the challenges' expiry
     * @param priority     the order among providers
     */
    public ExternalWalletIdentityProvider(Function<HostUser, Optional<EthereumAddress>> walletOf,
            Duration challengeTtl, Clock clock, int priority) {
        this.walletOf = Objects.requireNonNull(walletOf, "walletOf");
        this.challengeTtl = Objects.requireNonNull(challengeTtl, "challengeTtl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (challengeTtl.isNegative() || challengeTtl.isZero()) {
            throw new IllegalArgumentException("the challenge time to live must be positive, got " + challengeTtl);
        }
        this.priority = priority;
    }

    /** Users whose id is an Ethereum address ({@link #addressAsUserId()}), challenges valid 10 minutes. */
    public static ExternalWalletIdentityProvider forAddressUserIds() {
        return new ExternalWalletIdentityProvider(addressAsUserId(), DEFAULT_CHALLENGE_TTL, Clock.systemUTC(),
                DEFAULT_PRIORITY);
    }

    /**
     * The lookup that treats a host user id of the form {@code 0x} and 40 hex digits (optionally written
     * {@code eip155:<chain>:0x...}, as CAIP-10 account ids are) as that wallet's address, and any other id as a user
     * without a wallet of their own.
     */
    public static Function<HostUser, Optional<EthereumAddress>> addressAsUserId() {
        return user -> {
            String id = user.id().trim();
            if (id.startsWith("eip155:")) {
                id = id.substring(id.lastIndexOf(':') + 1);
            }
            if (!id.matches("0[xX][0-9a-fA-F]{40}")) {
                return Optional.empty();
            }
            try {
                return Optional.of(EthereumAddress.of(id));
            } catch (InvalidValueException badChecksum) {
                return Optional.empty();
            }
        };
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public IdentityResult resolve(HostUser user) {
        Optional<EthereumAddress> wallet = walletOf.apply(user);
        if (wallet == null || wallet.isEmpty()) {
            return IdentityResult.NOT_HANDLED;
        }
        EthereumAddress address = wallet.get();
        return IdentityResult.externalWallet(new Signer() {
            @Override
            public EthereumAddress address() {
                return address;
            }

            @Override
            public SigningResult sign(String text) {
                return new SigningResult.Pending(new WalletChallenge(newChallengeId(), address, text,
                        clock.instant().plus(challengeTtl)));
            }

            @Override
            public String toString() {
                return "ExternalWalletSigner[" + address + "]";
            }
        });
    }

    private WalletChallenge.Id newChallengeId() {
        byte[] token = new byte[24];
        random.nextBytes(token);
        return new WalletChallenge.Id(Base64.getUrlEncoder().withoutPadding().encodeToString(token));
    }

    @Override
    public String toString() {
        return "ExternalWalletIdentityProvider[challenges valid " + challengeTtl + "]";
    }
}
