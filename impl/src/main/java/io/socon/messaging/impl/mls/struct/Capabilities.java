package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;

/**
 * What a client supports (RFC 9420 section 7.2), carried in its leaf node. Each list holds uint16 codes in
 * the order they came, unknown and GREASE values included.
 *
 * @param versions     protocol versions, see {@link ProtocolVersion}
 * @param cipherSuites cipher suites, see {@link CipherSuite}
 * @param extensions   extension types beyond RFC 9420's defaults, see {@link ExtensionType}
 * @param proposals    proposal types beyond RFC 9420's defaults, see {@link ProposalType}
 * @param credentials  credential types, see {@link CredentialType}
 */
public record Capabilities(List<Integer> versions, List<Integer> cipherSuites, List<Integer> extensions,
                           List<Integer> proposals, List<Integer> credentials) implements TlsEncodable {

    /** Copies the lists and checks that every value fits in a uint16. */
    public Capabilities {
        versions = uint16s(versions, "versions");
        cipherSuites = uint16s(cipherSuites, "cipherSuites");
        extensions = uint16s(extensions, "extensions");
        proposals = uint16s(proposals, "proposals");
        credentials = uint16s(credentials, "credentials");
    }

    /** Reads one Capabilities structure. */
    public static Capabilities readFrom(TlsReader in) {
        return new Capabilities(
                in.readList("Capabilities.versions", r -> r.readUint16("Capabilities.versions")),
                in.readList("Capabilities.cipher_suites", r -> r.readUint16("Capabilities.cipher_suites")),
                in.readList("Capabilities.extensions", r -> r.readUint16("Capabilities.extensions")),
                in.readList("Capabilities.proposals", r -> r.readUint16("Capabilities.proposals")),
                in.readList("Capabilities.credentials", r -> r.readUint16("Capabilities.credentials")));
    }

    /**
     * Whether a leaf with these capabilities may carry an extension of {@code type}: RFC 9420's default
     * extensions always, others only when listed.
     */
    public boolean supportsExtension(int type) {
        return ExtensionType.isDefault(type) || extensions.contains(type);
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeList(versions, TlsWriter::writeUint16)
                .writeList(cipherSuites, TlsWriter::writeUint16)
                .writeList(extensions, TlsWriter::writeUint16)
                .writeList(proposals, TlsWriter::writeUint16)
                .writeList(credentials, TlsWriter::writeUint16);
    }

    private static List<Integer> uint16s(List<Integer> values, String name) {
        List<Integer> copy = List.copyOf(values);
        for (int value : copy) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("Capabilities." + name + " holds a value out of uint16 range: "
                        + value);
            }
        }
        return copy;
    }
}
