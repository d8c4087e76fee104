package io.socon.messaging.impl.mls;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 9420 test vectors of mlswg/mls-implementations, read from the shared folder outside the
 * repository (they are not copied into the project).
 *
 * <p>The folder is the system property {@code socon.mls.vectors} if set, else the first
 * {@code shared/test-vectors/mls} found walking up from the working directory, else
 * {@code /work/shared/test-vectors/mls}. When it is missing, tests fail if the environment variable
 * {@code CI} is {@code true} and are skipped otherwise.
 */
public final class MlsTestVectors {

    /** XMTP's cipher suite; entries of other suites are filtered out where a file has the field. */
    public static final int XMTP_SUITE = 3;

    private static final String PROPERTY = "socon.mls.vectors";
    private static final Path RELATIVE = Path.of("shared", "test-vectors", "mls");
    private static final Path FALLBACK = Path.of("/work/shared/test-vectors/mls");

    private MlsTestVectors() {
    }

    /** The entries of one vector file, e.g. {@code "messages.json"}. */
    public static List<JsonObject> load(String file) {
        Path path = folder().resolve(file);
        try (Reader reader = Files.newBufferedReader(path)) {
            JsonArray array = JsonParser.parseReader(reader).getAsJsonArray();
            List<JsonObject> entries = new ArrayList<>();
            for (JsonElement element : array) {
                entries.add(element.getAsJsonObject());
            }
            return entries;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read MLS test vector file " + path, e);
        }
    }

    /** The entries of one vector file for cipher suite 3 only. */
    public static List<JsonObject> loadSuite3(String file) {
        return load(file).stream()
                .filter(entry -> entry.get("cipher_suite").getAsInt() == XMTP_SUITE)
                .toList();
    }

    /** A hex string field of an entry as bytes. */
    public static byte[] hex(JsonObject entry, String field) {
        return HexFormat.of().parseHex(entry.get(field).getAsString());
    }

    /** The vector folder, or a skipped (failed on CI) test when it cannot be found. */
    public static Path folder() {
        Path found = locate();
        if (found == null) {
            String message = "MLS test vectors not found: set -D" + PROPERTY + "=<folder>, or provide "
                    + RELATIVE + " above the working directory, or " + FALLBACK;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        return found;
    }

    private static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isDirectory(path) ? path : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Files.isDirectory(FALLBACK) ? FALLBACK : null;
    }
}
