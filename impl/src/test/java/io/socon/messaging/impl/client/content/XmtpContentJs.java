package io.socon.messaging.impl.client.content;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs XMTP's published content-type codecs (the xmtp-js {@code @xmtp/content-type-*} packages from npm) in
 * Node.js on a batch of cases; see {@code src/test/node-content/content-judge.mjs} for the case format.
 *
 * <p>The build copies that npm project to {@code target/content-compat} and runs {@code npm ci} there (system
 * property {@code socon.contentCompat.dir}).
 */
final class XmtpContentJs {

    private final Path projectDir;
    private final JsonArray cases = new JsonArray();

    private XmtpContentJs(Path projectDir) {
        this.projectDir = projectDir;
    }

    static XmtpContentJs fromBuild() {
        String dir = System.getProperty("socon.contentCompat.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "node_modules", "@xmtp", "content-type-text"))) {
            throw new IllegalStateException("XMTP's content-type codecs are not installed at " + dir
                    + "; run the tests through Maven, which runs npm ci there. Node.js 20+ is required.");
        }
        return new XmtpContentJs(Path.of(dir));
    }

    /** Adds a case; {@code id} must be unique. */
    XmtpContentJs add(String id, String op, JsonObject fields) {
        JsonObject c = fields.deepCopy();
        c.addProperty("id", id);
        c.addProperty("op", op);
        cases.add(c);
        return this;
    }

    /** Runs every case added, in one Node.js process. */
    Map<String, JsonObject> run() throws IOException, InterruptedException {
        Path input = Files.createTempFile("content-cases", ".json");
        Path output = Files.createTempFile("content-results", ".json");
        Path errors = Files.createTempFile("content-errors", ".txt");
        try {
            Files.writeString(input, new Gson().toJson(cases), StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", projectDir.resolve("content-judge.mjs").toString(),
                    input.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("node did not finish within 120 s");
            }
            if (node.exitValue() != 0) {
                throw new IllegalStateException("node exited with " + node.exitValue() + ": " + Files.readString(errors));
            }
            Map<String, JsonObject> results = new LinkedHashMap<>();
            for (JsonElement e : JsonParser.parseString(Files.readString(output, StandardCharsets.UTF_8))
                    .getAsJsonArray()) {
                JsonObject r = e.getAsJsonObject();
                if (r.has("error")) {
                    throw new IllegalStateException("XMTP's codec failed on " + r.get("id").getAsString() + ": "
                            + r.get("error").getAsString());
                }
                results.put(r.get("id").getAsString(), r);
            }
            return results;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
