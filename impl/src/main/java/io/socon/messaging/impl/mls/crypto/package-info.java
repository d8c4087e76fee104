/**
 * The cryptographic primitives of MLS cipher suite 3 (MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519) on
 * Bouncy Castle and the JDK: Ed25519 signature keys and the labelled signatures of RFC 9420 section 5.1.2,
 * X25519 HPKE keys, HPKE base mode with EncryptWithLabel / DecryptWithLabel ({@link
 * io.socon.messaging.impl.mls.crypto.Hpke}), the ChaCha20-Poly1305 AEAD ({@link
 * io.socon.messaging.impl.mls.crypto.Aead}) and HKDF-SHA256 with ExpandWithLabel, DeriveSecret,
 * DeriveTreeSecret and RefHash ({@link io.socon.messaging.impl.mls.crypto.Kdf}).
 *
 * <p>Secrets pass as {@code byte[]} that the caller owns; every method returns fresh arrays. Failures caused
 * by input from peers (a ciphertext that does not authenticate) raise
 * {@link io.socon.messaging.impl.mls.crypto.MlsCryptoException}.
 */
package io.socon.messaging.impl.mls.crypto;
