package io.socon.messaging.impl.mls.secret;

import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Kdf;

/**
 * The key and nonce that protect a PrivateMessage's sender data (RFC 9420 section 6.3.2): expanded from the
 * epoch's sender_data_secret with a sample of the content ciphertext as context, the first Nh bytes (or all
 * of it when shorter).
 */
public final class SenderDataKeys {

    private SenderDataKeys() {
    }

    /** sender_data_key = ExpandWithLabel(sender_data_secret, "key", ciphertext_sample, Nk). */
    public static byte[] key(byte[] senderDataSecret, byte[] ciphertext) {
        return Kdf.expandWithLabel(senderDataSecret, "key", sample(ciphertext), Aead.KEY_LENGTH);
    }

    /** sender_data_nonce = ExpandWithLabel(sender_data_secret, "nonce", ciphertext_sample, Nn). */
    public static byte[] nonce(byte[] senderDataSecret, byte[] ciphertext) {
        return Kdf.expandWithLabel(senderDataSecret, "nonce", sample(ciphertext), Aead.NONCE_LENGTH);
    }

    private static byte[] sample(byte[] ciphertext) {
        return ciphertext.length <= Kdf.HASH_LENGTH ? ciphertext : java.util.Arrays.copyOf(ciphertext,
                Kdf.HASH_LENGTH);
    }
}
