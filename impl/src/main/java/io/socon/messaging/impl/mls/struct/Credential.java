package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Objects;

/**
 * An MLS credential (RFC 9420 section 5.3): a credential type followed by its content.
 *
 * <p>RFC 9420 defines the content of basic ({@code opaque identity<V>}) and X.509 ({@code Certificate
 * certificates<V>}) credentials; both are one variable-length vector. For other types the RFC gives no
 * layout, so, like OpenMLS, we read their content as one {@code opaque<V>} and keep it raw.
 */
public sealed interface Credential extends TlsEncodable {

    /** The credential type, see {@link CredentialType}. */
    int type();

    /** Reads one credential. */
    static Credential readFrom(TlsReader in) {
        int type = in.readUint16("Credential.credential_type");
        return switch (type) {
            case CredentialType.BASIC -> new Basic(in.readOpaque("BasicCredential.identity"));
            case CredentialType.X509 -> new X509(in.readList("X509Credential.certificates",
                    reader -> reader.readOpaque("Certificate.cert_data")));
            default -> new Unknown(type, in.readOpaque("Credential.content"));
        };
    }

    /**
     * A basic credential: an identity whose meaning the application defines.
     *
     * @param identity the identity bytes (in XMTP, an encoded {@code MlsCredential} protobuf)
     */
    record Basic(Bytes identity) implements Credential {

        /** Checks the identity. */
        public Basic {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public int type() {
            return CredentialType.BASIC;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint16(CredentialType.BASIC).writeOpaque(identity);
        }
    }

    /**
     * An X.509 credential: a chain of DER certificates, the leaf first.
     *
     * @param certificates the certificates' DER bytes
     */
    record X509(List<Bytes> certificates) implements Credential {

        /** Copies the list. */
        public X509 {
            certificates = List.copyOf(certificates);
        }

        @Override
        public int type() {
            return CredentialType.X509;
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint16(CredentialType.X509).writeList(certificates, TlsWriter::writeOpaque);
        }
    }

    /**
     * A credential of a type we do not know, kept as it came.
     *
     * @param type    the credential type
     * @param content the content's bytes (what followed the type, without its length prefix)
     */
    record Unknown(int type, Bytes content) implements Credential {

        /** Checks the type and content; basic and X.509 have their own records. */
        public Unknown {
            if (type < 0 || type > 0xFFFF || type == CredentialType.BASIC || type == CredentialType.X509) {
                throw new IllegalArgumentException("not an unknown credential type: " + type);
            }
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void writeTo(TlsWriter out) {
            out.writeUint16(type).writeOpaque(content);
        }
    }
}
