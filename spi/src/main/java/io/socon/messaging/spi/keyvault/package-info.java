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
 *   <li>The file vault (to be built in {@code impl}, because its secp256k1 signing should use Bouncy
 *       Castle rather than this module's plain-Java curve code): a standard PKCS#12 file. The JDK's PKCS#12
 *       cannot store these keys as private-key entries (those need an X.509 certificate chain, which the JDK
 *       cannot create without internal APIs), but it does store the 32-byte private material as
 *       <em>secret-key</em> entries labelled {@code Ed25519}, {@code X25519}, {@code secp256k1} or {@code AES}
 *       (checked on JDK 17 and 25; {@code ChaCha20} is not accepted as a label, so ChaCha20-Poly1305 keys are
 *       stored as {@code AES}-labelled entries), with the {@link io.socon.messaging.spi.keyvault.KeyKind} and
 *       creation time as PKCS#12 attributes and the key URI's path as alias. The JDK seals each entry with
 *       PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and MACs the file with HMAC-SHA256, at 10,000 iterations by
 *       default. The vault seals the keys under a random 256-bit entry password, itself an entry sealed under
 *       the vault's password at 600,000 iterations ({@code KeyStore.PasswordProtection} with a
 *       {@code PBEParameterSpec}), so opening costs one slow derivation however many keys there are; the MAC's
 *       count is only settable JVM-wide ({@code keystore.pkcs12.macIterationCount}), which the vault documents
 *       rather than sets. The file is written atomically
 *       (temporary file, then rename) and its password comes from MicroProfile Config
 *       ({@code socon.vault.file.password}, never logged). If PKCS#12 ever proves unsuitable, the fallback is
 *       our own file of AES-256-GCM-sealed entries under a PBKDF2-HMAC-SHA256 key (the JDK has no scrypt).
 *       It must pass the conformance kit.</li>
 * </ul>
 *
 * <p>{@link io.socon.messaging.spi.keyvault.SignatureVerifier} checks a vault's signatures against its
 * public keys with the JDK only. The conformance kit {@code KeyVaultConformanceKit} (in this module's
 * test-jar, package {@code io.socon.messaging.spi.keyvault.conformance}) is the test every vault must pass.
 */
package io.socon.messaging.spi.keyvault;
