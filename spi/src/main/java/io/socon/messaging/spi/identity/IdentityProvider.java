package io.socon.messaging.spi.identity;

import io.socon.messaging.api.HostUser;

/**
 * Maps an authenticated host user to an XMTP identity: the wallet that owns their inbox and a {@link Signer}
 * for it. Modelled on Jakarta Security's {@code IdentityStore}: several providers may be installed, they are
 * asked in {@link #priority()} order, and each answers with an {@link IdentityResult} that is either an
 * identity or one of the named sentinels {@link IdentityResult#NOT_HANDLED} (ask the next provider) and
 * {@link IdentityResult#DENIED} (stop: this user gets no inbox). {@link IdentityProviders#resolve} does the
 * asking.
 *
 * <p>Inside a Jakarta server providers are CDI beans (the Jakarta module collects them); elsewhere they are
 * passed to the bootstrap. Defaults in {@code impl}:
 * <ul>
 *   <li><b>custodial</b>: a secp256k1 key per host user, generated in the {@code KeyVault} on first use under
 *       a URI derived from the user id, signing inside the vault;</li>
 *   <li><b>external wallet</b>: the user's own wallet address (from a host-provided attribute or an earlier
 *       link step); its signer returns {@link SigningResult.Pending} challenges that the browser signs and the
 *       REST API returns.</li>
 * </ul>
 *
 * <p>Implementations must be thread-safe and quick: {@link #resolve} runs on every inbox open. It may
 * consult a database; it must not wait for a person.
 */
public interface IdentityProvider {

    /** The default priority. */
    int DEFAULT_PRIORITY = 100;

    /**
     * The order in which providers are asked: lower values first (as Jakarta Security's identity stores).
     * Providers with equal priority are asked in the order they were registered.
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * The identity of {@code user}, or a sentinel.
     *
     * @return never null; {@link IdentityResult#NOT_HANDLED} if this provider does not know the user
     */
    IdentityResult resolve(HostUser user);
}
