package io.socon.messaging.impl.identity;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Names derived from a host user id, so the raw id never appears in file names or key URIs: a hash of the id
 * (SHA-256 over a fixed label and the UTF-8 id, 64 lowercase hex digits) names the user's client store directory
 * and their keys in the key vault.
 *
 * <p>Key URIs are {@code <prefix>socon/wallet/<hash>} (the custodial secp256k1 wallet) and
 * {@code <prefix>socon/store/<hash>} (the symmetric key that wraps the client store's data key), where the prefix
 * is the vault's own, such as {@code memory://} or {@code file-vault://}.
 */
public final class HostUserKeys {

    private static final byte[] LABEL = "socon-messaging/host-user/v1\n".getBytes(StandardCharsets.UTF_8);

    private HostUserKeys() {
    }

    /** The 64-hex-digit hash that names the user's data and keys. */
    public static String hash(HostUser user) {
        Objects.requireNonNull(user, "user");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            return HexFormat.of().formatHex(sha256.digest(user.id().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The URI of the user's custodial wallet key. */
    public static KeyUri walletKey(String prefix, HostUser user) {
        return KeyUri.of(checkedPrefix(prefix) + "socon/wallet/" + hash(user));
    }

    /** The URI of the vault key that wraps the user's client store data key, by the user's hash. */
    public static KeyUri storeKey(String prefix, String userHash) {
        return KeyUri.of(checkedPrefix(prefix) + "socon/store/" + userHash);
    }

    private static String checkedPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!(prefix.endsWith("://") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("a key URI prefix ends with :// or /, like memory://, got '" + prefix + "'");
        }
        return prefix;
    }
}
