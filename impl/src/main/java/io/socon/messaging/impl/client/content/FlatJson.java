package io.socon.messaging.impl.client.content;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the legacy reaction needs: writing an object of string members the way
 * {@code JSON.stringify} does, and reading the string members of an object while skipping any other value.
 */
final class FlatJson {

    private static final int MAX_DEPTH = 32;

    private FlatJson() {
    }

    /** Writes {@code {"k":"v",...}} in the map's order, escaping as {@code JSON.stringify} does. */
    static String write(Map<String, String> members) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> e : members.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, e.getKey());
            sb.append(':');
            quote(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                                    && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Reads a JSON object and returns its members whose values are strings; members with other values are
     * skipped, and a later duplicate replaces an earlier one (as {@code JSON.parse} does).
     *
     * @throws IllegalArgumentException if the text is not a single JSON object
     */
    static Map<String, String> readStringMembers(String text) {
        Reader r = new Reader(text);
        r.ws();
        Map<String, String> members = r.object(0, true);
        r.ws();
        if (r.pos != text.length()) {
            throw r.error("text after the end of the object");
        }
        return members;
    }

    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + pos);
        }

        void ws() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("unexpected end of JSON");
            }
            return s.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        Map<String, String> object(int depth, boolean keep) {
            if (depth > MAX_DEPTH) {
                throw error("JSON nested too deeply");
            }
            expect('{');
            Map<String, String> members = keep ? new LinkedHashMap<>() : null;
            ws();
            if (peek() == '}') {
                pos++;
                return members;
            }
            while (true) {
                ws();
                String key = string();
                ws();
                expect(':');
                ws();
                if (peek() == '"') {
                    String value = string();
                    if (keep) {
                        members.put(key, value);
                    }
                } else {
                    if (keep) {
                        members.remove(key);
                    }
                    skipValue(depth + 1);
                }
                ws();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return members;
            }
        }

        void skipValue(int depth) {
            char c = peek();
            if (c == '{') {
                object(depth, false);
            } else if (c == '[') {
                if (depth > MAX_DEPTH) {
                    throw error("JSON nested too deeply");
                }
                pos++;
                ws();
                if (peek() == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    ws();
                    skipValue(depth + 1);
                    ws();
                    if (peek() == ',') {
                        pos++;
                        continue;
                    }
                    expect(']');
                    return;
                }
            } else if (c == '"') {
                string();
            } else if (s.startsWith("true", pos)) {
                pos += 4;
            } else if (s.startsWith("false", pos)) {
                pos += 5;
            } else if (s.startsWith("null", pos)) {
                pos += 4;
            } else {
                number();
            }
        }

        void number() {
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String n = s.substring(start, pos);
            if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                pos = start;
                throw error("not a JSON value");
            }
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a JSON string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = Character.digit(s.charAt(pos + k), 16);
                            if (digit < 0) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        sb.append((char) code);
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }
    }
}
