/**
 * Cryptographic building blocks shared by identity and MLS: secp256k1 and EIP-191 (through web3j),
 * Ed25519 and Ed25519ph, X25519, HPKE, HKDF and ChaCha20-Poly1305 (through Bouncy Castle and the JDK).
 *
 * <p>Small, stateless helpers with byte-array inputs checked at the boundary; private keys are used
 * through the {@code KeyVault} SPI rather than held here.
 */
package io.socon.messaging.impl.crypto;
