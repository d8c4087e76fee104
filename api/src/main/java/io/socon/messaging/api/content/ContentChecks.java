package io.socon.messaging.api.content;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;

/** Boundary checks for content values. Not part of the API. */
final class ContentChecks {

    private ContentChecks() {
    }

    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
        }
        return value;
    }

    static String text(String text, int maxLength, String what) {
        notNull(text, what);
        if (text.isEmpty()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be empty");
        }
        if (text.length() > maxLength) {
            throw new InvalidValueException(ErrorCode.CONTENT_TOO_LARGE,
                    what + " is " + text.length() + " characters; the most allowed is " + maxLength);
        }
        return text;
    }

    static byte[] bytes(byte[] bytes, int length, String what) {
        notNull(bytes, what);
        if (bytes.length != length) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    what + " must be " + length + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }
}
