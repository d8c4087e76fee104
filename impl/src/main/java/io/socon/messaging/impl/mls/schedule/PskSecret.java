package io.socon.messaging.impl.mls.schedule;

import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import java.util.Arrays;
import java.util.List;

/**
 * Combines the pre-shared keys of a commit into the psk_secret of the key schedule (RFC 9420 section 8.4).
 *
 * <p>Each PSK is extracted, expanded with a PSKLabel that binds its id, its position and the number of PSKs,
 * and chained into the running secret with Extract. With no PSKs the result is Nh zero bytes.
 */
public final class PskSecret {

    private PskSecret() {
    }

    /**
     * The psk_secret of {@code ids} with the secret values {@code psks}, in the order the commit lists them.
     *
     * @throws IllegalArgumentException if the lists differ in size or there are more than 65535 PSKs
     */
    public static byte[] combine(List<? extends PreSharedKeyId> ids, List<byte[]> psks) {
        if (ids.size() != psks.size()) {
            throw new IllegalArgumentException(ids.size() + " PSK ids but " + psks.size() + " PSK values");
        }
        int count = ids.size();
        if (count > 0xFFFF) {
            throw new IllegalArgumentException("too many PSKs: " + count);
        }
        byte[] secret = Kdf.zeros();
        for (int i = 0; i < count; i++) {
            byte[] extracted = Kdf.extract(Kdf.zeros(), psks.get(i));
            byte[] pskLabel = new TlsWriter().write(ids.get(i)).writeUint16(i).writeUint16(count).toByteArray();
            byte[] input = Kdf.expandWithLabel(extracted, "derived psk", pskLabel, Kdf.HASH_LENGTH);
            byte[] next = Kdf.extract(input, secret);
            Arrays.fill(extracted, (byte) 0);
            Arrays.fill(input, (byte) 0);
            Arrays.fill(secret, (byte) 0);
            secret = next;
        }
        return secret;
    }
}
