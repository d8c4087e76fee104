package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Welcome encrypts to each new member (RFC 9420 section 12.4.3.1): {@code struct { opaque
 * joiner_secret<V>; optional<PathSecret> path_secret; PreSharedKeyID psks<V>; } GroupSecrets}, where
 * {@code PathSecret} is one {@code opaque path_secret<V>}. Holds secrets: encode, encrypt and drop it.
 *
 * @param joinerSecret the joiner secret of the new epoch
 * @param pathSecret   the path secret of the lowest node of the committer's path above the new member, if the
 *                     commit had a path
 * @param psks         the PSKs the commit injected
 */
public record GroupSecrets(Bytes joinerSecret, Optional<Bytes> pathSecret, List<PreSharedKeyId> psks)
        implements TlsEncodable {

    /** Checks for nulls and copies the list. */
    public GroupSecrets {
        Objects.requireNonNull(joinerSecret, "joinerSecret");
        Objects.requireNonNull(pathSecret, "pathSecret");
        psks = List.copyOf(psks);
    }

    /**
     * Decodes GroupSecrets that make up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed GroupSecrets
     */
    public static GroupSecrets decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "GroupSecrets", in -> new GroupSecrets(
                in.readOpaque("GroupSecrets.joiner_secret"),
                in.readOptional("GroupSecrets.path_secret", r -> r.readOpaque("PathSecret.path_secret")),
                in.readList("GroupSecrets.psks", PreSharedKeyId::readFrom)));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeOpaque(joinerSecret)
                .writeOptional(pathSecret, TlsWriter::writeOpaque)
                .writeList(psks);
    }

    @Override
    public String toString() {
        return "GroupSecrets[…, psks=" + psks.size() + "]";
    }
}
