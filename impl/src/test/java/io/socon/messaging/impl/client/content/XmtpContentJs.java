package io.socon.messaging.impl.client.content;

import io.socon.messaging.impl.testing.NodeJudge;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
        return NodeJudge.run(projectDir.resolve("content-judge.mjs"), cases);
    }
}
