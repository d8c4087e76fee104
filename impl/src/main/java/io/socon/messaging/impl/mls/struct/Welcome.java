package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * A Welcome (RFC 9420 section 12.4.3.1): the group secrets encrypted to each new member's init key and the
 * GroupInfo encrypted under the welcome secret. Nothing here decrypts; this is the structure only.
 *
 * @param cipherSuite        the group's cipher suite
 * @param secrets            one entry per new member
 * @param encryptedGroupInfo the encrypted GroupInfo
 */
public record Welcome(int cipherSuite, List<EncryptedGroupSecrets> secrets, Bytes encryptedGroupInfo)
        implements TlsEncodable {

    /** Checks nulls and ranges, and copies the list. */
    public Welcome {
        if (cipherSuite < 0 || cipherSuite > 0xFFFF) {
            throw new IllegalArgumentException("cipher suite is a uint16: " + cipherSuite);
        }
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(encryptedGroupInfo, "encryptedGroupInfo");
    }

    /**
     * Decodes a Welcome that makes up all of {@code bytes}.
     *
     * @throws MlsDecodeException if the bytes are not exactly one well-formed Welcome
     */
    public static Welcome decode(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "Welcome", Welcome::readFrom);
    }

    /** Reads one Welcome. */
    public static Welcome readFrom(TlsReader in) {
        return new Welcome(
                in.readUint16("Welcome.cipher_suite"),
                in.readList("Welcome.secrets", EncryptedGroupSecrets::readFrom),
                in.readOpaque("Welcome.encrypted_group_info"));
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(cipherSuite).writeList(secrets).writeOpaque(encryptedGroupInfo);
    }

    /**
     * The group secrets for one new member.
     *
     * @param newMember             the KeyPackageRef of the member's key package
     * @param encryptedGroupSecrets the GroupSecrets sealed to the key package's init key
     */
    public record EncryptedGroupSecrets(Bytes newMember, HpkeCiphertext encryptedGroupSecrets)
            implements TlsEncodable {

        /** Checks for nulls. */
        public EncryptedGroupSecrets {
            Objects.requireNonNull(newMember, "newMember");
            Objects.requireNonNull(encryptedGroupSecrets, "encryptedGroupSecrets");
        }

        /** Reads one EncryptedGroupSecrets. */
        public static EncryptedGroupSecrets readFrom(TlsReader in) {
            return new EncryptedGroupSecrets(in.readOpaque("EncryptedGroupSecrets.new_member"),
                    HpkeCiphertext.readFrom(in));
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeOpaque(newMember).write(encryptedGroupSecrets);
        }
    }
}
