package io.socon.messaging.spi.keyvault;

import java.util.regex.Pattern;

/**
 * Names a key in a vault, in Tink's style: {@code scheme://path}, where the scheme says which vault holds the
 * key and the path is the vault's own name for it (an alias, a KMS key ARN, an HSM label). Examples:
 * {@code memory://installation/alice}, {@code file-vault://wallet/4f1c...}, {@code aws-kms://arn:aws:kms:...}.
 *
 * <p>Routing by prefix lets several vaults coexist in one process: {@link KeyVault#handles(KeyUri)} usually
 * compares the prefix. A key URI names a key; it is not a secret.
 *
 * @param value {@code scheme://path}; the scheme starts with a lowercase letter and may hold lowercase letters,
 *     digits, {@code + . -}; the path is 1 to 1024 visible ASCII characters
 */
public record KeyUri(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9+.-]{0,31}://[\\x21-\\x7e]{1,1024}");

    /** @throws IllegalArgumentException if the text is not {@code scheme://path} */
    public KeyUri {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a key URI is scheme://path (scheme like memory or aws-kms, path of"
                    + " visible ASCII without spaces, at most 1024 characters), got '" + value + "'");
        }
    }

    /** Parses a key URI; see the constructor for the rules. */
    public static KeyUri of(String value) {
        return new KeyUri(value);
    }

    /** The scheme, before {@code ://}. */
    public String scheme() {
        return value.substring(0, value.indexOf("://"));
    }

    /** The path, after {@code ://}. */
    public String path() {
        return value.substring(value.indexOf("://") + 3);
    }

    /** Whether this URI starts with {@code prefix} (for example {@code "memory://"}). */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public String toString() {
        return value;
    }
}
