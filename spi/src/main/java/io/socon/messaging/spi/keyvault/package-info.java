/**
 * Key vault SPI: where private keys live and are used, never leaving.
 *
 * <p>{@link io.socon.messaging.spi.keyvault.KeyVault} has Tink's {@code KmsClient} shape: a vault
 * {@link io.socon.messaging.spi.keyvault.KeyVault#handles(io.socon.messaging.spi.keyvault.KeyUri) handles} the
 * {@link io.socon.messaging.spi.keyvault.KeyUri}s of its prefix, generates or imports keys of a
 * {@link io.socon.messaging.spi.keyvault.KeyKind}, and signs, agrees (X25519) or encrypts inside. Only public
 * keys come out, in {@link io.socon.messaging.spi.keyvault.KeyInfo}. Failures are
 * {@link io.socon.messaging.spi.keyvault.KeyVaultException}s with a stable reason. Methods are synchronous
 * (like Tink's); Socon Messaging calls them off request threads.
 *
 * <p>{@link io.socon.messaging.spi.keyvault.KeyVaults} routes keys to vaults. Registration is explicit (CDI
 * beans in a server, {@code register} elsewhere); {@code ServiceLoader} discovery happens only for class names
 * on a configured allow-list, because a vault found on the classpath would receive every key it claims.
 *
 * <p>Defaults:
 * <ul>
 *   <li>{@link io.socon.messaging.spi.keyvault.InMemoryKeyVault}: JDK only, for tests and development.</li>
 *   <li>The encrypted file vault (to be built in {@code impl}): JDK PKCS#12 cannot hold these keys (a
 *       private-key entry needs an X.509 certificate, which the JDK cannot create without internal APIs, and
 *       the JDK has no secp256k1 since JDK 16), so the vault is one file of entries, each the key's 32-byte
 *       private material sealed with AES-256-GCM under a key derived from the configured password with
 *       PBKDF2-HMAC-SHA256 (600,000 iterations, 16-byte random salt per file), the key URI and kind as
 *       associated data, written atomically (temp file and rename), with a file-format version byte. The
 *       password comes from MicroProfile Config ({@code socon.vault.file.password}); secp256k1 signing there
 *       uses Bouncy Castle.</li>
 * </ul>
 *
 * <p>{@link io.socon.messaging.spi.keyvault.SignatureVerifier} checks a vault's signatures against its
 * public keys with the JDK only. The conformance kit {@code KeyVaultConformanceKit} (in this module's
 * test-jar, package {@code io.socon.messaging.spi.keyvault.conformance}) is the test every vault must pass.
 */
package io.socon.messaging.spi.keyvault;
