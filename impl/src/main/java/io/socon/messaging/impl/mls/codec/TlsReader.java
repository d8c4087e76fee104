package io.socon.messaging.impl.mls.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the TLS presentation language as MLS uses it (RFC 9420 section 2.1): big-endian unsigned integers,
 * vectors with a variable-length integer length prefix, and {@code optional<T>}.
 *
 * <p>The reader works in place on the caller's array and tracks a position, like a {@code ByteBuffer};
 * {@link #readVector(String)} returns a reader confined to one vector's contents that shares the array, so
 * offsets in errors are always absolute. Values handed out ({@link Bytes}) are copies. Every read names the
 * field it reads; on malformed input it throws {@link MlsDecodeException} with that name and the offset.
 *
 * <p>The decoder is strict: a length must use the shortest encoding, the {@code 0b11} prefix is refused, and
 * a vector may not run past the end of what encloses it. Use {@link #decodeExactly} where a whole structure
 * is expected, so that bytes left over are refused too. Not thread-safe; one reader per decoding.
 */
public final class TlsReader {

    /** The largest vector length MLS can express: 2^30 - 1. */
    public static final int MAX_VECTOR_LENGTH = (1 << 30) - 1;

    private final byte[] input;
    private final int limit;
    private int position;

    private TlsReader(byte[] input, int position, int limit) {
        this.input = input;
        this.position = position;
        this.limit = limit;
    }

    /**
     * A reader over all of {@code input}. The array is read in place, so it must not change while decoding.
     */
    public static TlsReader over(byte[] input) {
        Objects.requireNonNull(input, "input");
        return new TlsReader(input, 0, input.length);
    }

    /**
     * Decodes one whole structure from {@code input} and refuses bytes left over after it.
     *
     * @param structure the structure's name for error messages, e.g. {@code "KeyPackage"}
     * @throws MlsDecodeException if the bytes are not exactly one well-formed structure
     */
    public static <T> T decodeExactly(byte[] input, String structure, Decoder<T> decoder) {
        TlsReader reader = over(input);
        T value = decoder.read(reader);
        reader.expectEnd(structure);
        return value;
    }

    /** The absolute offset of the next byte to read. */
    public int position() {
        return position;
    }

    /** How many bytes are left before the end of this reader (the end of the input or of the vector). */
    public int remaining() {
        return limit - position;
    }

    /** Whether any bytes are left. */
    public boolean hasRemaining() {
        return position < limit;
    }

    /** Reads a {@code uint8}. */
    public int readUint8(String field) {
        require(1, field);
        return input[position++] & 0xFF;
    }

    /** Reads a {@code uint16}. */
    public int readUint16(String field) {
        require(2, field);
        int value = (input[position] & 0xFF) << 8 | (input[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    /** Reads a {@code uint32} into the low 32 bits of a {@code long}. */
    public long readUint32(String field) {
        require(4, field);
        return readBigEndian(4);
    }

    /**
     * Reads a {@code uint64}. Java has no unsigned long: values of 2^63 and above come back negative, so
     * compare them with {@link Long#compareUnsigned}.
     */
    public long readUint64(String field) {
        require(8, field);
        return readBigEndian(8);
    }

    /**
     * Reads a variable-length integer as RFC 9420 section 2.1.2 defines it (a vector length): the two top
     * bits of the first byte give the size (1, 2 or 4 bytes), the rest is the value.
     *
     * @throws MlsDecodeException for the reserved {@code 0b11} prefix, an encoding longer than needed, or
     *                            too few bytes
     */
    public int readVarint(String field) {
        int start = position;
        require(1, field);
        int first = input[position] & 0xFF;
        int prefix = first >>> 6;
        if (prefix == 3) {
            throw new MlsDecodeException(field, start,
                    "length prefix 0b11 is reserved (first byte 0x" + Integer.toHexString(first) + ")");
        }
        int size = 1 << prefix;
        require(size, field);
        int value = first & 0x3F;
        for (int i = 1; i < size; i++) {
            value = value << 8 | (input[position + i] & 0xFF);
        }
        position += size;
        if (size > 1 && value < minimumForSize(size)) {
            throw new MlsDecodeException(field, start,
                    "length " + value + " is encoded in " + size + " bytes but needs only "
                            + TlsWriter.varintSize(value) + " (MLS requires the shortest encoding)");
        }
        return value;
    }

    /** Reads {@code opaque field<V>}: a length-prefixed byte string. */
    public Bytes readOpaque(String field) {
        int length = readVectorLength(field);
        return takeBytes(length);
    }

    /** Reads exactly {@code length} bytes with no prefix ({@code opaque field[length]}). */
    public Bytes readFixed(int length, String field) {
        require(length, field);
        return takeBytes(length);
    }

    /**
     * Reads a vector's length and returns a reader confined to its contents; this reader moves past it.
     * Decode the contents from the returned reader and check that it {@link #expectEnd ends} where expected.
     */
    public TlsReader readVector(String field) {
        int length = readVectorLength(field);
        TlsReader contents = new TlsReader(input, position, position + length);
        position += length;
        return contents;
    }

    /**
     * Reads a vector of structures ({@code T field<V>}): elements are decoded one after another until the
     * vector's bytes are used up. An element that would run past the vector's end is an error.
     *
     * @return an unmodifiable list
     */
    public <T> List<T> readList(String field, Decoder<? extends T> element) {
        TlsReader contents = readVector(field);
        List<T> items = new ArrayList<>();
        while (contents.hasRemaining()) {
            int before = contents.position;
            items.add(element.read(contents));
            if (contents.position == before) {
                throw new IllegalStateException("element decoder for " + field + " consumed no bytes");
            }
        }
        return List.copyOf(items);
    }

    /**
     * Reads {@code optional<T>}: a presence byte (0 or 1) followed by the value when present.
     *
     * @throws MlsDecodeException if the presence byte is neither 0 nor 1
     */
    public <T> Optional<T> readOptional(String field, Decoder<? extends T> element) {
        int start = position;
        int present = readUint8(field);
        return switch (present) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(element.read(this));
            default -> throw new MlsDecodeException(field, start,
                    "optional presence byte must be 0 or 1, not " + present);
        };
    }

    /**
     * Skips {@code opaque field<V>} without copying it, after checking that its length is well formed and
     * fits.
     */
    public void skipOpaque(String field) {
        int length = readVectorLength(field);
        position += length;
    }

    /**
     * Checks that nothing is left: a whole structure (or vector) was expected to end here.
     *
     * @param structure the name for the error message
     */
    public void expectEnd(String structure) {
        if (position != limit) {
            throw new MlsDecodeException(structure, position,
                    (limit - position) + " unexpected byte(s) after the end of " + structure);
        }
    }

    /** A copy of the input between two absolute offsets, e.g. the raw encoding of a structure just read. */
    public Bytes copyRange(int from, int to) {
        Objects.checkFromToIndex(from, to, limit);
        return Bytes.copyOf(input, from, to - from);
    }

    private int readVectorLength(String field) {
        int start = position;
        int length = readVarint(field);
        if (length > remaining()) {
            throw new MlsDecodeException(field, start,
                    "vector of " + length + " bytes runs past the end (" + remaining() + " left)");
        }
        return length;
    }

    private Bytes takeBytes(int length) {
        byte[] copy = new byte[length];
        System.arraycopy(input, position, copy, 0, length);
        position += length;
        return Bytes.wrapOwned(copy);
    }

    private long readBigEndian(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (input[position + i] & 0xFF);
        }
        position += size;
        return value;
    }

    private void require(int count, String field) {
        if (limit - position < count) {
            throw new MlsDecodeException(field, position,
                    "needs " + count + " byte(s) but only " + (limit - position) + " left");
        }
    }

    private static int minimumForSize(int size) {
        return size == 2 ? 1 << 6 : 1 << 14;
    }

    /**
     * Decodes one value from a reader, leaving the reader just after it.
     *
     * @param <T> the decoded type
     */
    @FunctionalInterface
    public interface Decoder<T> {
        /** Reads one value; throws {@link MlsDecodeException} on malformed input. */
        T read(TlsReader reader);
    }
}
