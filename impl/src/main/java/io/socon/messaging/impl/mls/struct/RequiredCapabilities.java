package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Optional;

/**
 * The content of a {@code required_capabilities} group context extension (RFC 9420 section 11.1): what every
 * member's leaf must list in its capabilities.
 *
 * @param extensionTypes  extension types every member must support
 * @param proposalTypes   proposal types every member must support
 * @param credentialTypes credential types every member must support
 */
public record RequiredCapabilities(List<Integer> extensionTypes, List<Integer> proposalTypes,
                                   List<Integer> credentialTypes) implements TlsEncodable {

    /** Copies the lists. */
    public RequiredCapabilities {
        extensionTypes = List.copyOf(extensionTypes);
        proposalTypes = List.copyOf(proposalTypes);
        credentialTypes = List.copyOf(credentialTypes);
    }

    /** Reads one RequiredCapabilities. */
    public static RequiredCapabilities readFrom(TlsReader in) {
        return new RequiredCapabilities(
                in.readList("RequiredCapabilities.extension_types",
                        r -> r.readUint16("RequiredCapabilities.extension_types")),
                in.readList("RequiredCapabilities.proposal_types",
                        r -> r.readUint16("RequiredCapabilities.proposal_types")),
                in.readList("RequiredCapabilities.credential_types",
                        r -> r.readUint16("RequiredCapabilities.credential_types")));
    }

    /**
     * The required capabilities among {@code extensions}, if one of them is a required_capabilities extension.
     *
     * @throws MlsDecodeException if its data is not exactly one RequiredCapabilities
     */
    public static Optional<RequiredCapabilities> find(List<Extension> extensions) {
        return Extension.find(extensions, ExtensionType.REQUIRED_CAPABILITIES)
                .map(e -> TlsReader.decodeExactly(e.data().toByteArray(), "RequiredCapabilities",
                        RequiredCapabilities::readFrom));
    }

    /** This as a group context extension. */
    public Extension toExtension() {
        return new Extension(ExtensionType.REQUIRED_CAPABILITIES, Bytes.copyOf(toBytes()));
    }

    /**
     * What {@code capabilities} lack of these requirements, as readable text; empty if nothing. Default
     * extension and proposal types (RFC 9420 section 7.2) count as supported; credential types do not.
     */
    public Optional<String> missingFrom(Capabilities capabilities) {
        for (int type : extensionTypes) {
            if (!capabilities.supportsExtension(type)) {
                return Optional.of("extension " + ExtensionType.describe(type));
            }
        }
        for (int type : proposalTypes) {
            if (!(type >= ProposalType.ADD && type <= ProposalType.GROUP_CONTEXT_EXTENSIONS)
                    && !capabilities.proposals().contains(type)) {
                return Optional.of("proposal type " + Codes.hex16(type));
            }
        }
        for (int type : credentialTypes) {
            if (!capabilities.credentials().contains(type)) {
                return Optional.of("credential type " + Codes.hex16(type));
            }
        }
        return Optional.empty();
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeList(extensionTypes, TlsWriter::writeUint16)
                .writeList(proposalTypes, TlsWriter::writeUint16)
                .writeList(credentialTypes, TlsWriter::writeUint16);
    }
}
