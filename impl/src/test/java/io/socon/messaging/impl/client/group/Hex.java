package io.socon.messaging.impl.client.group;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Test helper: bytes written as hex fragments and quoted ASCII, e.g. {@code bytes("1a40", "'abc'")}. */
final class Hex {

    private Hex() {
    }

    /** Concatenates the parts: a part in single quotes is its UTF-8 text, any other part is hex (spaces ok). */
    static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            if (part.length() >= 2 && part.startsWith("'") && part.endsWith("'")) {
                out.writeBytes(part.substring(1, part.length() - 1).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(HexFormat.of().parseHex(part.replace(" ", "")));
            }
        }
        return out.toByteArray();
    }

    /** {@link #bytes} as lowercase hex, for readable assertion failures. */
    static String hex(String... parts) {
        return HexFormat.of().formatHex(bytes(parts));
    }

    /** Quotes {@code text} for {@link #bytes}. */
    static String q(String text) {
        return "'" + text + "'";
    }
}
