package io.socon.messaging.api;

import java.util.Locale;

/** Boundary checks shared by the value types. Not part of the API. */
final class Checks {

    private Checks() {
    }

    /** Whether every character is an ASCII hex digit of either case. */
    static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!digit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that {@code text} is exactly {@code hexDigits} hex digits (either case, no {@code 0x}) and returns it
     * lowercased.
     */
    static String lowercaseHex(String text, int hexDigits, ErrorCode code, String what) {
        if (text == null) {
            throw new InvalidValueException(code, what + " is missing");
        }
        if (text.length() != hexDigits || !isHex(text)) {
            throw new InvalidValueException(code, what + " must be " + hexDigits
                    + " hex digits without 0x, got '" + abbreviate(text) + "' (" + text.length() + " characters)");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Rejects null, blank and over-long text, naming the argument. */
    static String text(String text, int maxLength, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be empty");
        }
        if (text.length() > maxLength) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    what + " is " + text.length() + " characters; the most allowed is " + maxLength);
        }
        return text;
    }

    /** Like {@link #text} but allows the empty string. */
    static String optionalText(String text, int maxLength, String what) {
        if (text == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be null (use \"\")");
        }
        if (text.length() > maxLength) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    what + " is " + text.length() + " characters; the most allowed is " + maxLength);
        }
        return text;
    }

    static <T> T notNull(T value, String what) {
        if (value == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be null");
        }
        return value;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
