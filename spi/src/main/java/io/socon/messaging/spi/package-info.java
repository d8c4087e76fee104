/**
 * The plugin SPI of Socon Messaging: what plugin authors implement to adapt the product to their
 * infrastructure.
 *
 * <p>What belongs here:
 * <ul>
 *   <li>{@code KeyVault}: stores and uses private keys (installation keys, the database key,
 *       key-package keys) so that they never leave a key vault, KMS or HSM in the clear;</li>
 *   <li>{@code IdentityProvider} and the wallet {@code Signer}: how an authenticated host user is
 *       mapped to an XMTP identity and an Ethereum account that signs (EIP-191) on its behalf;</li>
 *   <li>{@code NotificationSink}: how users without a live connection hear of new messages
 *       (webhooks, push, mail).</li>
 * </ul>
 *
 * <p>Rules for this package: each SPI does one thing, takes and returns its own immutable value types
 * (or those of {@code io.socon.messaging.api}), and has a sensible default in {@code impl}. Plugins are
 * registered explicitly or as CDI beans; key vaults are never discovered from the classpath. No type
 * from gRPC, protobuf, Bouncy Castle or web3j may appear in a signature here.
 */
package io.socon.messaging.spi;
