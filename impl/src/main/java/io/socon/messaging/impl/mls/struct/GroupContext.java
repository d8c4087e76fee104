package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * The state all members of a group agree on in an epoch (RFC 9420 section 8.1).
 *
 * @param version                 the protocol version
 * @param cipherSuite             the group's cipher suite
 * @param groupId                 the group id
 * @param epoch                   the epoch (unsigned 64-bit)
 * @param treeHash                the ratchet tree's root hash
 * @param confirmedTranscriptHash the confirmed transcript hash
 * @param extensions              the group context extensions
 */
public record GroupContext(int version, int cipherSuite, Bytes groupId, long epoch, Bytes treeHash,
                           Bytes confirmedTranscriptHash, List<Extension> extensions) implements TlsEncodable {

    /** Checks nulls and ranges, and copies the list. */
    public GroupContext {
        if (version < 0 || version > 0xFFFF || cipherSuite < 0 || cipherSuite > 0xFFFF) {
            throw new IllegalArgumentException("version and cipher suite are uint16 values");
        }
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(treeHash, "treeHash");
        Objects.requireNonNull(confirmedTranscriptHash, "confirmedTranscriptHash");
        extensions = List.copyOf(extensions);
    }

    /** Reads one GroupContext. */
    public static GroupContext readFrom(TlsReader in) {
        return new GroupContext(
                in.readUint16("GroupContext.version"),
                in.readUint16("GroupContext.cipher_suite"),
                in.readOpaque("GroupContext.group_id"),
                in.readUint64("GroupContext.epoch"),
                in.readOpaque("GroupContext.tree_hash"),
                in.readOpaque("GroupContext.confirmed_transcript_hash"),
                Extension.readList(in, "GroupContext.extensions"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(version)
                .writeUint16(cipherSuite)
                .writeOpaque(groupId)
                .writeUint64(epoch)
                .writeOpaque(treeHash)
                .writeOpaque(confirmedTranscriptHash)
                .writeList(extensions);
    }
}
