package io.socon.messaging.impl.mls.codec;

/**
 * Bytes that are not a well-formed encoding of the expected MLS structure: truncated input, a vector that
 * runs past its end, a variable-length integer that is not minimal or uses the reserved {@code 0b11} prefix,
 * an unknown enumeration value where the layout depends on it, or bytes left over after a whole structure.
 *
 * <p>The message names the field (as {@code Structure.field}) and the absolute offset in the input where
 * decoding failed, so that a refusal can be explained to whoever sent the bytes.
 */
public final class MlsDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    /**
     * @param field  the field being decoded, e.g. {@code "LeafNode.signature_key"}
     * @param offset the absolute offset in the input where the field starts or the failure was seen
     * @param problem what was wrong, in words
     */
    public MlsDecodeException(String field, int offset, String problem) {
        super(field + " at offset " + offset + ": " + problem);
        this.field = field;
        this.offset = offset;
    }

    /** The field that could not be decoded, e.g. {@code "KeyPackage.init_key"}. */
    public String field() {
        return field;
    }

    /** The absolute offset in the input where decoding failed. */
    public int offset() {
        return offset;
    }
}
