package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.ExtensionType;
import java.util.List;

/**
 * The {@code external_senders} group context extension (RFC 9420 section 12.1.8.1): {@code ExternalSender
 * external_senders<V>} with {@code struct { SignaturePublicKey signature_key; Credential credential; }}.
 */
public final class ExternalSenders {

    private ExternalSenders() {
    }

    /**
     * One external sender.
     *
     * @param signatureKey its signature public key
     * @param credential   its credential
     */
    public record ExternalSender(Bytes signatureKey, Credential credential) implements TlsEncodable {
        @Override
        public void writeTo(TlsWriter out) {
            out.writeOpaque(signatureKey).write(credential);
        }
    }

    /** The external senders among {@code groupContextExtensions}; empty if the extension is absent. */
    public static List<ExternalSender> of(List<Extension> groupContextExtensions) {
        return Extension.find(groupContextExtensions, ExtensionType.EXTERNAL_SENDERS)
                .map(e -> TlsReader.decodeExactly(e.data().toByteArray(), "ExternalSenders",
                        in -> in.readList("external_senders", r -> new ExternalSender(
                                r.readOpaque("ExternalSender.signature_key"), Credential.readFrom(r)))))
                .orElse(List.of());
    }

    /** An external_senders extension carrying {@code senders}. */
    public static Extension toExtension(List<ExternalSender> senders) {
        return new Extension(ExtensionType.EXTERNAL_SENDERS,
                Bytes.copyOf(new TlsWriter().writeList(senders).toByteArray()));
    }
}
