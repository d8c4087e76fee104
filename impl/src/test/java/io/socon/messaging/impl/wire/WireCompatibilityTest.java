package io.socon.messaging.impl.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that our {@code .proto} files put the same bytes on the wire as XMTP's: for every message type
 * of every schema file (and every member of every oneof), a fully populated instance encoded by our
 * generated classes must equal, byte for byte, the same message encoded by XMTP's own published codecs
 * ({@code @xmtp/proto} from npm), and each side must decode the other's bytes back to an equal message.
 *
 * <p>The few files {@code @xmtp/proto} does not publish are checked against hand-assembled bytes in
 * {@link HandAssembledWireTest}.
 */
class WireCompatibilityTest {

    /** Schema files that {@code @xmtp/proto} 3.96.0 has no codec for. */
    static final Set<String> NOT_PUBLISHED_ON_NPM = Set.of(
            "mls/message_contents/group_permissions.proto",
            "mls/message_contents/proposal_support.proto",
            "mls/message_contents/content_types/delete_message.proto",
            "mls/message_contents/content_types/edit_message.proto",
            "mls/message_contents/content_types/leave_request.proto");

    private record Case(Message message, boolean byteExact) {
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();
    private static Map<String, XmtpProtoJs.Result> xmtp;

    @BeforeAll
    static void encodeEverythingWithXmtpCodecs() throws IOException, InterruptedException {
        for (FileDescriptor file : WireSchemas.files().values()) {
            if (NOT_PUBLISHED_ON_NPM.contains(file.getName())) {
                continue;
            }
            for (Descriptor type : WireSchemas.messageTypes(file)) {
                Message prototype = SampleMessages.defaultInstance(type);
                for (int variant = 0; variant < SampleMessages.variantsNeeded(type); variant++) {
                    Message exact = new SampleMessages(variant, true).fill(prototype);
                    Message complete = new SampleMessages(variant, false).fill(prototype);
                    CASES.put(type.getFullName() + " #" + variant, new Case(exact, true));
                    if (!complete.equals(exact)) {
                        CASES.put(type.getFullName() + " #" + variant + " (all fields)", new Case(complete, false));
                    }
                }
            }
        }
        Map<String, Message> messages = new LinkedHashMap<>();
        CASES.forEach((id, c) -> messages.put(id, c.message()));
        xmtp = XmtpProtoJs.fromBuild().run(messages);
    }

    @Test
    void everySchemaFileIsReachedAndChecked() throws IOException {
        Path protoRoot = Path.of("src", "main", "proto");
        Set<String> onDisk;
        try (Stream<Path> paths = Files.walk(protoRoot)) {
            onDisk = paths.filter(p -> p.toString().endsWith(".proto"))
                    .map(p -> protoRoot.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(new TreeSet<>(WireSchemas.files().keySet()))
                .as("schema files reached from WireSchemas' roots; add a root for a new file")
                .isEqualTo(onDisk);
        Set<String> checkedAgainstNpm = CASES.values().stream()
                .map(c -> c.message().getDescriptorForType().getFile().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(onDisk);
        expected.removeAll(NOT_PUBLISHED_ON_NPM);
        assertThat(checkedAgainstNpm).isEqualTo(expected);
        assertThat(CASES).hasSizeGreaterThan(150);
    }

    @TestFactory
    Stream<DynamicTest> ourBytesEqualXmtpsAndDecodeBack() {
        return CASES.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Message ours = entry.getValue().message();
            XmtpProtoJs.Result theirs = xmtp.get(entry.getKey());
            assertThat(theirs).as("XMTP's codec answered").isNotNull();

            if (entry.getValue().byteExact()) {
                assertThat(HexFormat.of().formatHex(ours.toByteArray()))
                        .as("our encoding of %s vs @xmtp/proto's", entry.getKey())
                        .isEqualTo(HexFormat.of().formatHex(theirs.encoded()));
            }
            assertThat(ours.getParserForType().parseFrom(theirs.encoded()))
                    .as("our classes decode XMTP's bytes")
                    .isEqualTo(ours);
            assertThat(XmtpProtoJs.fromJson(theirs.decodedJson(), ours))
                    .as("XMTP's codec decodes our bytes")
                    .isEqualTo(ours);
        }));
    }
}
