package io.socon.messaging.impl.client.group;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A version as libxmtp compares them for {@code minimum_supported_protocol_version} ({@code LibXMTPVersion}):
 * exactly three dot-separated parts, major and minor unsigned 32-bit numbers, and a patch number optionally
 * followed by {@code -suffix}. Versions order by major, minor, patch, then suffix, where no suffix comes before
 * any suffix (so "1.10.0" is below "1.10.0-rc1", as in libxmtp).
 *
 * @param major  the major version
 * @param minor  the minor version
 * @param patch  the patch version
 * @param suffix the text after the first {@code -} of the patch part, if any
 */
public record LibxmtpVersion(long major, long minor, long patch, Optional<String> suffix)
        implements Comparable<LibxmtpVersion> {

    private static final Comparator<LibxmtpVersion> ORDER = Comparator.comparingLong(LibxmtpVersion::major)
            .thenComparingLong(LibxmtpVersion::minor)
            .thenComparingLong(LibxmtpVersion::patch)
            .thenComparing(LibxmtpVersion::suffix, (a, b) -> a.isEmpty()
                    ? (b.isEmpty() ? 0 : -1)
                    : (b.isEmpty() ? 1 : a.get().compareTo(b.get())));

    /** Checks for null. */
    public LibxmtpVersion {
        Objects.requireNonNull(suffix, "suffix");
    }

    /**
     * Parses a version as libxmtp does.
     *
     * @throws IllegalArgumentException if it is not three parts or a number does not parse
     */
    public static LibxmtpVersion parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not major.minor.patch: " + text);
        }
        String[] patchAndSuffix = parts[2].split("-", -1);
        return new LibxmtpVersion(number(parts[0], text), number(parts[1], text), number(patchAndSuffix[0], text),
                patchAndSuffix.length > 1 ? Optional.of(patchAndSuffix[1]) : Optional.empty());
    }

    private static long number(String part, String text) {
        try {
            return Integer.toUnsignedLong(Integer.parseUnsignedInt(part));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a version number in " + text + ": " + part, e);
        }
    }

    @Override
    public int compareTo(LibxmtpVersion other) {
        return ORDER.compare(this, other);
    }
}
