package io.socon.messaging.impl.testing;

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
 * Runs a Node.js script that judges a batch of cases with XMTP's own JavaScript code: the cases go to the
 * script as a JSON file, the script prints one JSON array of results, each with the case's {@code id} and
 * either its answer or an {@code error}.
 */
public final class NodeJudge {

    private NodeJudge() {
    }

    /**
     * @return the results by case id
     * @throws IllegalStateException if Node fails, times out, or a case reports an error
     */
    public static Map<String, JsonObject> run(Path script, JsonArray cases) throws IOException, InterruptedException {
        Path input = Files.createTempFile("judge-cases", ".json");
        Path output = Files.createTempFile("judge-results", ".json");
        Path errors = Files.createTempFile("judge-errors", ".txt");
        try {
            Files.writeString(input, new Gson().toJson(cases), StandardCharsets.UTF_8);
            Process node = new ProcessBuilder("node", script.toString(), input.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new IllegalStateException("node did not finish " + script.getFileName() + " within 120 s");
            }
            if (node.exitValue() != 0) {
                throw new IllegalStateException("node exited with " + node.exitValue() + ": " + Files.readString(errors));
            }
            Map<String, JsonObject> results = new LinkedHashMap<>();
            for (JsonElement element : JsonParser.parseString(Files.readString(output, StandardCharsets.UTF_8))
                    .getAsJsonArray()) {
                JsonObject result = element.getAsJsonObject();
                String id = result.get("id").getAsString();
                if (result.has("error")) {
                    throw new IllegalStateException("XMTP's code failed on " + id + ": " + result.get("error").getAsString());
                }
                results.put(id, result);
            }
            return results;
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
