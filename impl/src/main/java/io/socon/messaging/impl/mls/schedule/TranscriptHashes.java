package io.socon.messaging.impl.mls.schedule;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.framing.AuthenticatedContent;
import io.socon.messaging.impl.mls.framing.ContentType;

/**
 * The transcript hashes of RFC 9420 section 8.2, which chain every commit into the GroupContext.
 *
 * <pre>
 * confirmed[n] = Hash(interim[n-1] || ConfirmedTranscriptHashInput)   wire_format, FramedContent, signature
 * interim[n]   = Hash(confirmed[n] || InterimTranscriptHashInput)     confirmation_tag
 * </pre>
 *
 * A new group starts with both hashes empty (epoch 0).
 */
public final class TranscriptHashes {

    private TranscriptHashes() {
    }

    /**
     * The confirmed transcript hash after {@code commit}, given the interim hash of the epoch it was sent in.
     *
     * @throws IllegalArgumentException if the content is not a commit
     */
    public static byte[] confirmed(byte[] interimBefore, AuthenticatedContent commit) {
        if (commit.content().contentType() != ContentType.COMMIT) {
            throw new IllegalArgumentException("transcript hashes cover commits only");
        }
        TlsWriter input = new TlsWriter(interimBefore.length + 512);
        input.writeRaw(interimBefore)
                .writeUint16(commit.wireFormat().code())
                .write(commit.content())
                .writeOpaque(commit.auth().signature());
        return Kdf.hash(input.toByteArray());
    }

    /** The interim transcript hash from the confirmed hash and the commit's confirmation tag. */
    public static byte[] interim(byte[] confirmed, Bytes confirmationTag) {
        TlsWriter input = new TlsWriter(confirmed.length + confirmationTag.length() + 4);
        input.writeRaw(confirmed).writeOpaque(confirmationTag);
        return Kdf.hash(input.toByteArray());
    }

    /** Both hashes after {@code commit}: {confirmed, interim}. */
    public static byte[][] afterCommit(byte[] interimBefore, AuthenticatedContent commit) {
        byte[] confirmed = confirmed(interimBefore, commit);
        Bytes tag = commit.auth().confirmationTag().orElseThrow();
        return new byte[][] {confirmed, interim(confirmed, tag)};
    }
}
