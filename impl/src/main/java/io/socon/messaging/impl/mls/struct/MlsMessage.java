package io.socon.messaging.impl.mls.struct;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsEncodable;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.Objects;

/**
 * The envelope of every MLS message on the wire (RFC 9420 section 6): {@code ProtocolVersion version =
 * mls10; WireFormat wire_format;} followed by the message of that format, kept here as raw bytes so that
 * the envelope round-trips exactly. The typed accessors decode the body on demand and refuse bytes left over.
 *
 * <p>Only MLS 1.0 is defined, so decoding refuses any other version: the body's layout would be unknown.
 *
 * @param wireFormat what the body is
 * @param body       the encoded body (PublicMessage, PrivateMessage, Welcome, GroupInfo or KeyPackage)
 */
public record MlsMessage(WireFormat wireFormat, Bytes body) implements TlsEncodable {

    /** Checks for nulls. */
    public MlsMessage {
        Objects.requireNonNull(wireFormat, "wireFormat");
        Objects.requireNonNull(body, "body");
    }

    /** An envelope around an encodable body. */
    public static MlsMessage wrap(WireFormat wireFormat, TlsEncodable body) {
        return new MlsMessage(wireFormat, Bytes.copyOf(body.toBytes()));
    }

    /**
     * Decodes the envelope. The body is not decoded; the rest of the bytes become the body.
     *
     * @throws MlsDecodeException if the version is not mls10, the wire format is unknown, or the input is
     *                            shorter than the envelope
     */
    public static MlsMessage decode(byte[] bytes) {
        TlsReader in = TlsReader.over(bytes);
        WireFormat wireFormat = readEnvelope(in);
        return new MlsMessage(wireFormat, in.copyRange(in.position(), bytes.length));
    }

    /**
     * Reads {@code version} and {@code wire_format}, leaving the reader at the start of the body.
     *
     * @throws MlsDecodeException if the version is not mls10 or the wire format is unknown
     */
    public static WireFormat readEnvelope(TlsReader in) {
        int start = in.position();
        int version = in.readUint16("MLSMessage.version");
        if (version != ProtocolVersion.MLS10) {
            throw new MlsDecodeException("MLSMessage.version", start,
                    "unsupported protocol version " + ProtocolVersion.describe(version) + " (only mls10 is defined)");
        }
        int formatStart = in.position();
        int code = in.readUint16("MLSMessage.wire_format");
        return WireFormat.fromCode(code).orElseThrow(() -> new MlsDecodeException("MLSMessage.wire_format",
                formatStart, "unknown wire format " + code));
    }

    /**
     * The key package this message carries.
     *
     * @throws IllegalStateException if the wire format is not mls_key_package
     * @throws MlsDecodeException    if the body is not exactly one well-formed key package
     */
    public KeyPackage keyPackage() {
        requireFormat(WireFormat.KEY_PACKAGE);
        return KeyPackage.decode(body.toByteArray());
    }

    /**
     * The Welcome this message carries.
     *
     * @throws IllegalStateException if the wire format is not mls_welcome
     * @throws MlsDecodeException    if the body is not exactly one well-formed Welcome
     */
    public Welcome welcome() {
        requireFormat(WireFormat.WELCOME);
        return Welcome.decode(body.toByteArray());
    }

    /**
     * The GroupInfo this message carries.
     *
     * @throws IllegalStateException if the wire format is not mls_group_info
     * @throws MlsDecodeException    if the body is not exactly one well-formed GroupInfo
     */
    public GroupInfo groupInfo() {
        requireFormat(WireFormat.GROUP_INFO);
        return GroupInfo.decode(body.toByteArray());
    }

    @Override
    public void writeTo(TlsWriter out) {
        out.writeUint16(ProtocolVersion.MLS10).writeUint16(wireFormat.code()).writeRaw(body);
    }

    private void requireFormat(WireFormat expected) {
        if (wireFormat != expected) {
            throw new IllegalStateException("this MLSMessage carries " + wireFormat + ", not " + expected);
        }
    }
}
