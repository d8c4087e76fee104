/**
 * The default key vaults behind the {@code KeyVault} SPI: {@link io.socon.messaging.impl.keyvault.FileKeyVault},
 * private keys in a password-protected PKCS#12 file, each used in memory and never handed out.
 */
package io.socon.messaging.impl.keyvault;
