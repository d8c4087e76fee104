package io.socon.messaging.impl.mls.framing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.Commit;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.ProposalType;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * messages.json: every proposal type, commits and public messages decode into the typed records and encode
 * back to the same bytes.
 */
class FramedContentVectorTest {

    private static final Map<String, Integer> PROPOSALS = Map.of(
            "add_proposal", ProposalType.ADD,
            "update_proposal", ProposalType.UPDATE,
            "remove_proposal", ProposalType.REMOVE,
            "pre_shared_key_proposal", ProposalType.PSK,
            "re_init_proposal", ProposalType.REINIT,
            "external_init_proposal", ProposalType.EXTERNAL_INIT,
            "group_context_extensions_proposal", ProposalType.GROUP_CONTEXT_EXTENSIONS);

    @Test
    void proposalsCommitsAndPublicMessagesRoundTrip() {
        List<JsonObject> entries = MlsTestVectors.load("messages.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            for (var field : PROPOSALS.entrySet()) {
                // The vectors hold the body of each proposal type; Proposal adds the uint16 type in front.
                byte[] body = MlsTestVectors.hex(entry, field.getKey());
                byte[] encoded = new TlsWriter().writeUint16(field.getValue()).writeRaw(body).toByteArray();
                Proposal proposal = Proposal.decode(encoded);
                assertThat(proposal.type()).isEqualTo(field.getValue());
                assertThat(proposal).isNotInstanceOf(Proposal.Unknown.class);
                assertThat(proposal.toBytes()).isEqualTo(encoded);
            }
            byte[] commit = MlsTestVectors.hex(entry, "commit");
            assertThat(Commit.decode(commit).toBytes()).isEqualTo(commit);

            for (String field : List.of("public_message_application", "public_message_proposal",
                    "public_message_commit")) {
                byte[] bytes = MlsTestVectors.hex(entry, field);
                MlsMessage message = MlsMessage.decode(bytes);
                assertThat(message.wireFormat()).isEqualTo(WireFormat.PUBLIC_MESSAGE);
                PublicMessage publicMessage = PublicMessage.decode(message.body().toByteArray());
                assertThat(MlsMessage.wrap(WireFormat.PUBLIC_MESSAGE, publicMessage).toBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void unknownProposalTypesStayRaw() {
        byte[] encoded = {(byte) 0xF0, 0x01, 3, 7, 8, 9};
        Proposal proposal = Proposal.decode(encoded);
        assertThat(proposal).isInstanceOf(Proposal.Unknown.class);
        assertThat(proposal.type()).isEqualTo(0xF001);
        assertThat(proposal.toBytes()).isEqualTo(encoded);
    }
}
