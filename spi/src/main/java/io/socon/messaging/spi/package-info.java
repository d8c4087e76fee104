/**
 * The plugin SPI of Socon Messaging: what plugin authors implement to adapt the product to their
 * infrastructure. Three single-purpose SPIs, each in its package with its own value types:
 * <ul>
 *   <li>{@code spi.keyvault}: {@code KeyVault} stores and uses private keys (installation keys, key-package
 *       HPKE keys, custodial wallet keys, the local data key) so that they never leave a KMS, HSM or file
 *       vault in the clear; {@code KeyVaults} routes key URIs to vaults; an in-memory vault and a conformance
 *       kit come with it;</li>
 *   <li>{@code spi.identity}: {@code IdentityProvider} maps an authenticated host user to an XMTP identity
 *       and a wallet {@code Signer} (EIP-191), custodial or the user's own wallet;</li>
 *   <li>{@code spi.notify}: {@code NotificationSink} tells users without a live connection of new messages
 *       (webhooks, push, mail).</li>
 * </ul>
 *
 * <p>Rules: each SPI takes and returns immutable values of its own or of {@code io.socon.messaging.api};
 * optional capabilities are {@code default} methods, so an SPI can grow without breaking plugins (JDBI's
 * way); a sensible default exists for each. Inside a Jakarta server plugins are CDI beans, chosen with
 * {@code @Priority} and alternatives; outside one they are registered explicitly. Key vaults are never
 * discovered from the classpath unless allow-listed by class name. No type from gRPC, protobuf, Bouncy Castle
 * or web3j appears here; this module depends on {@code api} and the JDK only.
 *
 * <p>Blocking or not: {@code KeyVault} and {@code IdentityProvider} are synchronous (fast, local, and simplest
 * for plugin authors; callers run them off request threads); {@code NotificationSink} is asynchronous
 * ({@code CompletionStage}) because delivery goes over the network and may retry for minutes.
 */
package io.socon.messaging.spi;
