package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MLS extension (RFC 9420 section 13): {@code struct { ExtensionType extension_type; opaque
 * extension_data<V>; }}. The data is always kept as raw bytes, whatever the type, so extensions we do not
 * know survive a round trip unchanged; typed readings are offered where a type is known.
 *
 * @param type the extension type (uint16), see {@link ExtensionType}
 * @param data the extension_data bytes
 */
public record Extension(int type, Bytes data) implements TlsEncodable {

    /** Checks the type range and the data. */
    public Extension {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("extension type out of range: " + type);
        }
        Objects.requireNonNull(data, "data");
    }

    /** An application_id extension (RFC 9420 section 5.3.3): the data is {@code opaque application_id<V>}. */
    public static Extension applicationId(Bytes applicationId) {
        return new Extension(ExtensionType.APPLICATION_ID,
                Bytes.copyOf(new TlsWriter().writeOpaque(applicationId).toByteArray()));
    }

    /** A last_resort extension: type 0x000A with empty data. */
    public static Extension lastResort() {
        return new Extension(ExtensionType.LAST_RESORT, Bytes.EMPTY);
    }

    /**
     * The application id carried by an application_id extension.
     *
     * @throws IllegalStateException if this is another type
     * @throws MlsDecodeException    if the data is not exactly one {@code opaque<V>}
     */
    public Bytes applicationId() {
        if (type != ExtensionType.APPLICATION_ID) {
            throw new IllegalStateException("not an application_id extension: " + ExtensionType.describe(type));
        }
        return TlsReader.decodeExactly(data.toByteArray(), "ApplicationIdExtension",
                reader -> reader.readOpaque("ApplicationIdExtension.application_id"));
    }

    /** Reads one extension. */
    public static Extension readFrom(TlsReader in) {
        int type = in.readUint16("Extension.extension_type");
        Bytes data = in.readOpaque("Extension.extension_data");
        return new Extension(type, data);
    }

    /**
     * Reads {@code Extension extensions<V>}, refusing a list that holds one type twice (RFC 9420 section 13.4
     * forbids it; OpenMLS refuses it while decoding).
     *
     * @param field the list's name for error messages, e.g. {@code "LeafNode.extensions"}
     */
    public static List<Extension> readList(TlsReader in, String field) {
        int start = in.position();
        List<Extension> extensions = in.readList(field, Extension::readFrom);
        if (extensions.size() > 1) {
            // sorting keeps this O(n log n) however many extensions a hostile sender packs in
            int[] types = new int[extensions.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = extensions.get(i).type();
            }
            Arrays.sort(types);
            for (int i = 1; i < types.length; i++) {
                if (types[i] == types[i - 1]) {
                    throw new MlsDecodeException(field, start,
                            "extension type " + ExtensionType.describe(types[i]) + " appears twice");
                }
            }
        }
        return extensions;
    }

    /** The first extension of {@code type} in {@code extensions}. */
    public static Optional<Extension> find(List<Extension> extensions, int type) {
        return extensions.stream().filter(extension -> extension.type() == type).findFirst();
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(type).writeOpaque(data);
    }

    @Override
    public String toString() {
        return "Extension[" + ExtensionType.describe(type) + ", data=" + data + "]";
    }
}
