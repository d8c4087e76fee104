package io.socon.messaging.impl.mls.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable sequence of bytes: the value type for keys, identifiers, signatures and opaque MLS fields.
 *
 * <p>Two instances are equal when their contents are equal, so records built from {@code Bytes} get correct
 * {@code equals} and {@code hashCode}. Every way in and out copies, so no caller can change a value that
 * someone else holds.
 */
public final class Bytes {

    /** The empty sequence. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private static final HexFormat HEX = HexFormat.of();
    private static final int TO_STRING_LIMIT = 32;

    private final byte[] value;

    private Bytes(byte[] owned) {
        this.value = owned;
    }

    /** A copy of {@code bytes}. */
    public static Bytes copyOf(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public static Bytes copyOf(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The bytes written as lowercase or uppercase hexadecimal, without separators or prefix. */
    public static Bytes fromHex(String hex) {
        return wrapOwned(HEX.parseHex(hex));
    }

    /** Takes ownership of an array that nobody else holds; for this package's decoders only. */
    static Bytes wrapOwned(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Bytes(owned);
    }

    /** The array itself, for this package's writer, which only reads it. */
    byte[] internalArray() {
        return value;
    }

    /** The number of bytes. */
    public int length() {
        return value.length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        return value[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Whether the bytes equal {@code other}. */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(value, other);
    }

    /** The bytes as lowercase hexadecimal. */
    public String toHex() {
        return HEX.formatHex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** The length and the first bytes in hexadecimal, e.g. {@code 32:a1b2…}; long values are shortened. */
    @Override
    public String toString() {
        if (value.length <= TO_STRING_LIMIT) {
            return value.length + ":" + toHex();
        }
        return value.length + ":" + HEX.formatHex(value, 0, TO_STRING_LIMIT) + "…";
    }
}
