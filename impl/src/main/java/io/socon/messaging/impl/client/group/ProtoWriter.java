package io.socon.messaging.impl.client.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A minimal protobuf writer that produces the bytes libxmtp's encoder (prost) produces for the group-context
 * protos. We do not use protobuf-java's serializer for these because the two differ in one place that shows in
 * the bytes: inside a map entry prost leaves out a key or value that equals its default (an empty string, a
 * zero), while protobuf-java always writes both. Each caller writes fields in field-number order and decides
 * which proto3 defaults to leave out, as prost does.
 */
final class ProtoWriter {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The bytes written so far. */
    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A varint field; the caller leaves it out when proto3 would (value 0 outside a oneof). */
    ProtoWriter varint(int field, long value) {
        tag(field, WIRE_VARINT);
        rawVarint(value);
        return this;
    }

    /** A string field, written even when empty (the caller leaves out empty singular strings). */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field, written even when empty. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, WIRE_LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A bytes field, written even when empty. */
    ProtoWriter bytes(int field, Bytes value) {
        return bytes(field, value.toByteArray());
    }

    /** An embedded message, written even when its body is empty (prost writes every present message). */
    ProtoWriter message(int field, Consumer<ProtoWriter> body) {
        ProtoWriter inner = new ProtoWriter();
        body.accept(inner);
        return bytes(field, inner.toByteArray());
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
