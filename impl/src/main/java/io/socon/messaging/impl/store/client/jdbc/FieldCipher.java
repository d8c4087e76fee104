package io.socon.messaging.impl.store.client.jdbc;

import io.socon.messaging.impl.store.StoreException;
import java.io.Serial;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens the secret columns of the client store with the unwrapped data key: AES-256-GCM, a random
 * 12-byte nonce per write, and associated data naming the table, the column and the row's key, so a ciphertext
 * copied into another row or column does not open. Stored form: {@code 0x01 || nonce || ciphertext || tag}.
 *
 * <p>Holds the data key in memory until {@link #close()}, which overwrites it. Thread-safe.
 */
final class FieldCipher implements AutoCloseable {

    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD_LABEL = "socon-messaging/client-store/field/v1".getBytes(StandardCharsets.UTF_8);

    private final WipeableKey key;
    private final SecureRandom random = new SecureRandom();

    /** @param dataKey 32 bytes; copied (the caller wipes its own array) */
    FieldCipher(byte[] dataKey) {
        if (dataKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the data key is " + KEY_BYTES + " bytes, got " + dataKey.length);
        }
        this.key = new WipeableKey(dataKey);
    }

    /** A fresh random data key. */
    static byte[] newDataKey() {
        byte[] dataKey = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(dataKey);
        return dataKey;
    }

    /** Encrypts {@code plaintext} for {@code table.column} of the row whose key is {@code rowKey}. */
    byte[] seal(String table, String column, byte[] rowKey, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.checked(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(table, column, rowKey));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot encrypt " + table + "." + column + " of row " + hex(rowKey)
                    + ": the JDK's AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same table, column and row.
     *
     * @throws StoreException if the value was altered, copied from another row or column, or sealed with
     *     another data key
     */
    byte[] open(String table, String column, byte[] rowKey, byte[] sealed) {
        String where = table + "." + column + " of row " + hex(rowKey);
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new StoreException("cannot decrypt " + where + ": the stored value is not in the expected format"
                    + " (version " + VERSION + ", nonce, ciphertext, tag)", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.checked(), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(table, column, rowKey));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new StoreException("cannot decrypt " + where + ": the stored value was altered, copied from"
                    + " another row or column, or encrypted with another data key", e);
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot decrypt " + where + ": the JDK's AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /** Overwrites the data key; later calls fail. */
    @Override
    public void close() {
        key.destroy();
    }

    private static byte[] associatedData(String table, String column, byte[] rowKey) {
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        byte[] c = column.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_LABEL.length + 12 + t.length + c.length + rowKey.length)
                .put(AAD_LABEL)
                .putInt(t.length).put(t)
                .putInt(c.length).put(c)
                .putInt(rowKey.length).put(rowKey)
                .array();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "FieldCipher[AES-256-GCM" + (key.isDestroyed() ? ", closed" : "") + "]";
    }

    /** An AES key whose bytes this class owns and can overwrite ({@code SecretKeySpec} cannot be destroyed). */
    private static final class WipeableKey implements SecretKey {
        @Serial
        private static final long serialVersionUID = 1L;
        private final transient byte[] bytes;
        private volatile boolean destroyed;

        WipeableKey(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        WipeableKey checked() {
            if (destroyed) {
                throw new IllegalStateException("the client store is closed: its data key was wiped");
            }
            return this;
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(bytes, (byte) 0);
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "WipeableKey[AES]";
        }
    }
}
