package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * Names a pre-shared key (RFC 9420 section 8.4, {@code PreSharedKeyID}): an external PSK by its id, or a
 * resumption PSK by group, epoch and usage; each with a fresh nonce.
 */
public sealed interface PreSharedKeyId extends TlsEncodable {

    /** {@code PSKType} external. */
    int EXTERNAL = 1;
    /** {@code PSKType} resumption. */
    int RESUMPTION = 2;

    /** The nonce that makes each use of the PSK distinct. */
    Bytes nonce();

    /**
     * Reads one PreSharedKeyID.
     *
     * @throws MlsDecodeException for a PSK type other than external or resumption, whose layout is unknown
     */
    static PreSharedKeyId readFrom(TlsReader in) {
        int start = in.position();
        int type = in.readUint8("PreSharedKeyID.psktype");
        return switch (type) {
            case EXTERNAL -> new External(in.readOpaque("PreSharedKeyID.psk_id"), in.readOpaque("PreSharedKeyID.psk_nonce"));
            case RESUMPTION -> {
                int usage = in.readUint8("PreSharedKeyID.usage");
                Bytes groupId = in.readOpaque("PreSharedKeyID.psk_group_id");
                long epoch = in.readUint64("PreSharedKeyID.psk_epoch");
                yield new Resumption(usage, groupId, epoch, in.readOpaque("PreSharedKeyID.psk_nonce"));
            }
            default -> throw new MlsDecodeException("PreSharedKeyID.psktype", start, "unknown PSK type " + type);
        };
    }

    /**
     * An external PSK.
     *
     * @param pskId the application's id for the key
     * @param nonce the nonce
     */
    record External(Bytes pskId, Bytes nonce) implements PreSharedKeyId {

        /** Checks for nulls. */
        public External {
            Objects.requireNonNull(pskId, "pskId");
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(EXTERNAL).writeOpaque(pskId).writeOpaque(nonce);
        }
    }

    /**
     * A resumption PSK from an earlier epoch of a group.
     *
     * @param usage   {@code ResumptionPSKUsage}: 1 application, 2 reinit, 3 branch (others kept as they came)
     * @param groupId the group
     * @param epoch   the epoch (unsigned 64-bit)
     * @param nonce   the nonce
     */
    record Resumption(int usage, Bytes groupId, long epoch, Bytes nonce) implements PreSharedKeyId {

        /** Checks for nulls and the usage range. */
        public Resumption {
            if (usage < 0 || usage > 0xFF) {
                throw new IllegalArgumentException("usage is a uint8: " + usage);
            }
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(nonce, "nonce");
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint8(RESUMPTION).writeUint8(usage).writeOpaque(groupId).writeUint64(epoch).writeOpaque(nonce);
        }
    }
}
