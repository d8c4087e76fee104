package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * PreSharedKeyID (RFC 9420 section 8.4): names a pre-shared key mixed into the key schedule, either an
 * external one or the resumption secret of an earlier epoch, with a fresh nonce.
 */
public sealed interface PreSharedKeyId extends TlsEncodable {

    /** PSKType external. */
    int EXTERNAL = 1;
    /** PSKType resumption. */
    int RESUMPTION = 2;

    /** The psk_nonce. */
    Bytes nonce();

    /**
     * An external PSK.
     *
     * @param pskId the application's name for the key
     * @param nonce the psk_nonce
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
     * A resumption PSK: the resumption_psk of epoch {@code epoch} of group {@code groupId}.
     *
     * @param usage   ResumptionPSKUsage: 1 application, 2 reinit, 3 branch
     * @param groupId the psk_group_id
     * @param epoch   the psk_epoch (unsigned 64-bit)
     * @param nonce   the psk_nonce
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
            out.writeUint8(RESUMPTION).writeUint8(usage).writeOpaque(groupId).writeUint64(epoch)
                    .writeOpaque(nonce);
        }
    }

    /**
     * Reads one PreSharedKeyID.
     *
     * @throws MlsDecodeException for a PSK type other than external and resumption
     */
    static PreSharedKeyId readFrom(TlsReader in) {
        int start = in.position();
        int type = in.readUint8("PreSharedKeyID.psktype");
        return switch (type) {
            case EXTERNAL -> new External(in.readOpaque("PreSharedKeyID.psk_id"),
                    in.readOpaque("PreSharedKeyID.psk_nonce"));
            case RESUMPTION -> new Resumption(in.readUint8("PreSharedKeyID.usage"),
                    in.readOpaque("PreSharedKeyID.psk_group_id"),
                    in.readUint64("PreSharedKeyID.psk_epoch"),
                    in.readOpaque("PreSharedKeyID.psk_nonce"));
            default -> throw new MlsDecodeException("PreSharedKeyID.psktype", start,
                    "unknown PSK type " + type + " (expected 1 external or 2 resumption)");
        };
    }
}
