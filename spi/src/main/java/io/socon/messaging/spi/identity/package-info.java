/**
 * Identity SPI: who a host user is on XMTP. An {@link io.socon.messaging.spi.identity.IdentityProvider} maps a
 * {@link io.socon.messaging.api.HostUser} to an {@link io.socon.messaging.spi.identity.IdentityResult} (an
 * identity, or the sentinels {@code NOT_HANDLED} and {@code DENIED}); the identity carries a wallet
 * {@link io.socon.messaging.spi.identity.Signer} whose EIP-191 signatures are either available at once
 * ({@link io.socon.messaging.spi.identity.Custody#CUSTODIAL}) or pending the user's own wallet
 * ({@link io.socon.messaging.spi.identity.Custody#EXTERNAL_WALLET}). Providers are ordered by priority, lowest
 * first; {@link io.socon.messaging.spi.identity.IdentityProviders#resolve} applies that rule.
 *
 * <p>Synchronous on purpose: resolving and custodial signing are local and quick, and the only slow step
 * (a person signing in a browser) is not waited for but returned as a
 * {@link io.socon.messaging.spi.identity.SigningResult.Pending} challenge.
 */
package io.socon.messaging.spi.identity;
