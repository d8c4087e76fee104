package io.socon.messaging.impl.mls.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes the TLS presentation language as MLS uses it (RFC 9420 section 2.1) into a growing buffer.
 *
 * <p>Vectors get the shortest variable-length integer prefix. {@link #writeVector} lets the body write
 * straight into this buffer and inserts the prefix afterwards, so nested structures are encoded without
 * intermediate arrays. Values out of range for their type are refused with
 * {@link IllegalArgumentException}: encoding never silently truncates. Not thread-safe.
 */
public final class TlsWriter {

    private byte[] buffer;
    private int size;

    /** A writer with a small initial buffer. */
    public TlsWriter() {
        this(128);
    }

    /** A writer whose buffer starts at {@code initialCapacity} bytes. */
    public TlsWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of everything written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Writes a {@code uint8} (0..255). */
    public TlsWriter writeUint8(int value) {
        checkRange(value, 0xFF, "uint8");
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Writes a {@code uint16} (0..65535). */
    public TlsWriter writeUint16(int value) {
        checkRange(value, 0xFFFF, "uint16");
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    /** Writes a {@code uint32} (0..2^32 - 1). */
    public TlsWriter writeUint32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        writeBigEndian(value, 4);
        return this;
    }

    /** Writes a {@code uint64}; a negative {@code long} stands for a value of 2^63 or more. */
    public TlsWriter writeUint64(long value) {
        writeBigEndian(value, 8);
        return this;
    }

    /** Writes a variable-length integer (RFC 9420 section 2.1.2) in its shortest form. */
    public TlsWriter writeVarint(int value) {
        int width = varintSize(value);
        ensure(width);
        putVarint(size, value, width);
        size += width;
        return this;
    }

    /** Writes {@code opaque<V>}: the length, then the bytes. */
    public TlsWriter writeOpaque(Bytes value) {
        return writeOpaque(value.internalArray());
    }

    /** Writes {@code opaque<V>}: the length, then the bytes. */
    public TlsWriter writeOpaque(byte[] value) {
        writeVarint(value.length);
        return writeRaw(value);
    }

    /** Writes bytes as they are, with no length prefix (fixed-size fields, pre-encoded structures). */
    public TlsWriter writeRaw(Bytes value) {
        return writeRaw(value.internalArray());
    }

    /** Writes bytes as they are, with no length prefix. */
    public TlsWriter writeRaw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
        return this;
    }

    /**
     * Writes a vector whose contents {@code body} writes into this writer; the length prefix is inserted in
     * front of them afterwards.
     */
    public TlsWriter writeVector(Consumer<TlsWriter> body) {
        int start = size;
        writeUint8(0); // room for the shortest prefix; widened below if the contents need more
        body.accept(this);
        int length = size - start - 1;
        int width = varintSize(length);
        if (width > 1) {
            ensure(width - 1);
            System.arraycopy(buffer, start + 1, buffer, start + width, length);
            size += width - 1;
        }
        putVarint(start, length, width);
        return this;
    }

    /** Writes a vector of structures that encode themselves. */
    public TlsWriter writeList(List<? extends TlsEncodable> items) {
        return writeVector(out -> {
            for (TlsEncodable item : items) {
                item.writeTo(out);
            }
        });
    }

    /** Writes a vector of values, each written by {@code element}. */
    public <T> TlsWriter writeList(List<? extends T> items, BiConsumer<TlsWriter, ? super T> element) {
        return writeVector(out -> {
            for (T item : items) {
                element.accept(out, item);
            }
        });
    }

    /** Writes {@code optional<T>}: 0 when empty, else 1 followed by the value. */
    public <T> TlsWriter writeOptional(Optional<? extends T> value, BiConsumer<TlsWriter, ? super T> element) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            return writeUint8(0);
        }
        writeUint8(1);
        element.accept(this, value.get());
        return this;
    }

    /** Writes a structure that encodes itself. */
    public TlsWriter write(TlsEncodable value) {
        value.writeTo(this);
        return this;
    }

    /**
     * How many bytes the shortest variable-length encoding of {@code value} takes: 1, 2 or 4.
     *
     * @throws IllegalArgumentException if the value is negative or 2^30 or more
     */
    public static int varintSize(int value) {
        if (value < 0 || value > TlsReader.MAX_VECTOR_LENGTH) {
            throw new IllegalArgumentException("vector length out of range for MLS (0..2^30-1): " + value);
        }
        if (value < 1 << 6) {
            return 1;
        }
        return value < 1 << 14 ? 2 : 4;
    }

    private void putVarint(int at, int value, int width) {
        switch (width) {
            case 1 -> buffer[at] = (byte) value;
            case 2 -> {
                buffer[at] = (byte) (0x40 | value >>> 8);
                buffer[at + 1] = (byte) value;
            }
            default -> {
                buffer[at] = (byte) (0x80 | value >>> 24);
                buffer[at + 1] = (byte) (value >>> 16);
                buffer[at + 2] = (byte) (value >>> 8);
                buffer[at + 3] = (byte) value;
            }
        }
    }

    private void writeBigEndian(long value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    private static void checkRange(int value, int max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }
}
