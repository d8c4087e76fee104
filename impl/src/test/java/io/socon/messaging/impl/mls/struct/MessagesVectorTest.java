package io.socon.messaging.impl.mls.struct;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.MessageHeader;
import io.socon.messaging.impl.mls.framing.MessageHeaderReader;
import io.socon.messaging.impl.mls.framing.PrivateMessage;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The messages.json vectors of RFC 9420's test suite: every structure we decode must encode back to the
 * vector's bytes exactly, and framed messages must yield the right header. The messages are random but
 * well-formed; decoding does not depend on their cipher suite.
 */
class MessagesVectorTest {

    private static List<JsonObject> entries;

    @BeforeAll
    static void load() {
        entries = MlsTestVectors.load("messages.json");
        assertThat(entries).isNotEmpty();
    }

    @Test
    void keyPackagesRoundTrip() {
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "mls_key_package");
            MlsMessage message = MlsMessage.decode(bytes);

            assertThat(message.wireFormat()).isEqualTo(WireFormat.KEY_PACKAGE);
            KeyPackage keyPackage = message.keyPackage();
            assertThat(keyPackage.leafNode().source()).isInstanceOf(LeafNodeSource.FromKeyPackage.class);
            assertThat(keyPackage.toBytes()).isEqualTo(message.body().toByteArray());
            assertThat(MlsMessage.wrap(WireFormat.KEY_PACKAGE, keyPackage).toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void welcomesRoundTrip() {
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "mls_welcome");
            MlsMessage message = MlsMessage.decode(bytes);

            assertThat(message.wireFormat()).isEqualTo(WireFormat.WELCOME);
            assertThat(MlsMessage.wrap(WireFormat.WELCOME, message.welcome()).toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void groupInfosRoundTrip() {
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "mls_group_info");
            MlsMessage message = MlsMessage.decode(bytes);

            assertThat(message.wireFormat()).isEqualTo(WireFormat.GROUP_INFO);
            assertThat(MlsMessage.wrap(WireFormat.GROUP_INFO, message.groupInfo()).toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void addProposalKeyPackagesRoundTrip() {
        // struct { KeyPackage key_package; } Add
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "add_proposal");
            assertThat(KeyPackage.decode(bytes).toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void updateProposalLeafNodesRoundTrip() {
        // struct { LeafNode leaf_node; } Update, with leaf_node_source = update
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "update_proposal");
            LeafNode leaf = LeafNode.decode(bytes);

            assertThat(leaf.source()).isInstanceOf(LeafNodeSource.FromUpdate.class);
            assertThat(leaf.lifetime()).isEmpty();
            assertThat(leaf.toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void groupContextExtensionsProposalsRoundTrip() {
        // struct { Extension extensions<V>; } GroupContextExtensions
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "group_context_extensions_proposal");
            List<Extension> extensions = TlsReader.decodeExactly(bytes, "GroupContextExtensions",
                    in -> Extension.readList(in, "GroupContextExtensions.extensions"));

            assertThat(new TlsWriter().writeList(extensions).toByteArray()).isEqualTo(bytes);
        }
    }

    @Test
    void ratchetTreeLeavesRoundTrip() {
        int leaves = 0;
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "ratchet_tree");
            RatchetTree tree = RatchetTree.decode(bytes);

            assertThat(tree.toBytes()).isEqualTo(bytes);
            leaves += tree.memberCount();
        }
        assertThat(leaves).isPositive();
    }

    @Test
    void publicMessageHeaders() {
        for (JsonObject entry : entries) {
            Bytes groupId = MlsMessage.decode(MlsTestVectors.hex(entry, "mls_group_info")).groupInfo()
                    .groupContext().groupId();
            assertPublicHeader(entry, "public_message_application", ContentType.APPLICATION, groupId);
            assertPublicHeader(entry, "public_message_proposal", ContentType.PROPOSAL, groupId);
            assertPublicHeader(entry, "public_message_commit", ContentType.COMMIT, groupId);
        }
    }

    @Test
    void privateMessagesRoundTripAndGiveTheirHeader() {
        for (JsonObject entry : entries) {
            byte[] bytes = MlsTestVectors.hex(entry, "private_message");
            MlsMessage message = MlsMessage.decode(bytes);
            PrivateMessage privateMessage = PrivateMessage.decode(message.body().toByteArray());
            MessageHeader header = MessageHeaderReader.read(bytes);

            assertThat(message.wireFormat()).isEqualTo(WireFormat.PRIVATE_MESSAGE);
            assertThat(MlsMessage.wrap(WireFormat.PRIVATE_MESSAGE, privateMessage).toBytes()).isEqualTo(bytes);
            assertThat(header.wireFormat()).isEqualTo(WireFormat.PRIVATE_MESSAGE);
            assertThat(header.groupId()).isEqualTo(privateMessage.groupId());
            assertThat(header.epoch()).isEqualTo(privateMessage.epoch());
            assertThat(header.contentType()).isEqualTo(privateMessage.contentType());
        }
    }

    private static void assertPublicHeader(JsonObject entry, String field, ContentType expected, Bytes groupId) {
        byte[] bytes = MlsTestVectors.hex(entry, field);
        MessageHeader header = MessageHeaderReader.read(bytes);

        assertThat(header.wireFormat()).as(field).isEqualTo(WireFormat.PUBLIC_MESSAGE);
        assertThat(header.contentType()).as(field).isEqualTo(expected);
        // the generator of these vectors uses one group id per entry
        assertThat(header.groupId()).as(field).isEqualTo(groupId);
        assertThat(MlsMessage.decode(bytes).toBytes()).isEqualTo(bytes);
    }
}
