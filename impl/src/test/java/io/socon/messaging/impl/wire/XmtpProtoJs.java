package io.socon.messaging.impl.wire;

import io.socon.messaging.impl.testing.NodeJudge;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs XMTP's own published codecs ({@code @xmtp/proto} from npm: ts-proto code on protobufjs) in Node.js
 * on a batch of messages: each is encoded from its proto3 JSON form and our bytes are decoded back.
 *
 * <p>The npm project lives in {@code src/test/node}; the build copies it to {@code target/wire-compat}
 * and runs {@code npm ci} there (system property {@code socon.wireCompat.dir}).
 */
final class XmtpProtoJs {

    /** What XMTP's codec made of one message. */
    record Result(byte[] encoded, String decodedJson) {
    }

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final Path projectDir;

    XmtpProtoJs(Path projectDir) {
        this.projectDir = projectDir;
    }

    static XmtpProtoJs fromBuild() {
        String dir = System.getProperty("socon.wireCompat.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir, "node_modules", "@xmtp", "proto"))) {
            throw new IllegalStateException("XMTP's codecs are not installed at " + dir
                    + "; run the tests through Maven (./mvnw verify), which runs npm ci there. Node.js 20+ is required.");
        }
        return new XmtpProtoJs(Path.of(dir));
    }

    /** The ts-proto module that holds a type's codec, e.g. {@code mls/api/v1/mls.pb.js}. */
    static String moduleOf(Descriptor type) {
        return type.getFile().getName().replaceFirst("\\.proto$", ".pb.js");
    }

    /** The ts-proto export of a type: nested names joined by {@code _}, e.g. {@code GroupMessage_V1}. */
    static String exportOf(Descriptor type) {
        String packagePrefix = type.getFile().getPackage().isEmpty() ? "" : type.getFile().getPackage() + ".";
        return type.getFullName().substring(packagePrefix.length()).replace('.', '_');
    }

    /** Encodes and decodes every message with XMTP's codecs, in one Node.js process. */
    Map<String, Result> run(Map<String, Message> messages) throws IOException, InterruptedException {
        JsonArray cases = new JsonArray();
        for (Map.Entry<String, Message> entry : messages.entrySet()) {
            Message message = entry.getValue();
            JsonObject c = new JsonObject();
            c.addProperty("id", entry.getKey());
            c.addProperty("module", moduleOf(message.getDescriptorForType()));
            c.addProperty("type", exportOf(message.getDescriptorForType()));
            c.add("json", JsonParser.parseString(PRINTER.print(message)));
            c.addProperty("hex", HexFormat.of().formatHex(message.toByteArray()));
            cases.add(c);
        }
        Map<String, Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, JsonObject> r : NodeJudge.run(projectDir.resolve("xmtp-proto-codec.mjs"), cases).entrySet()) {
            results.put(r.getKey(), new Result(HexFormat.of().parseHex(r.getValue().get("encodedHex").getAsString()),
                    r.getValue().get("decodedJson").toString()));
        }
        return results;
    }

    /** Parses proto3 JSON (as XMTP's codec printed it) into a message of the prototype's type. */
    static Message fromJson(String json, Message prototype) throws InvalidProtocolBufferException {
        Message.Builder builder = prototype.newBuilderForType();
        JsonFormat.parser().merge(json, builder);
        return builder.build();
    }
}
