package io.socon.messaging.impl.mls.struct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proposals: every proposal body of messages.json decodes as its type and encodes back to the same bytes, whole
 * proposals round-trip with their type, and unknown types are kept raw.
 */
class ProposalTest {

    private static final Map<String, Integer> BODIES = Map.of(
            "add_proposal", ProposalType.ADD,
            "update_proposal", ProposalType.UPDATE,
            "remove_proposal", ProposalType.REMOVE,
            "pre_shared_key_proposal", ProposalType.PSK,
            "re_init_proposal", ProposalType.REINIT,
            "external_init_proposal", ProposalType.EXTERNAL_INIT,
            "group_context_extensions_proposal", ProposalType.GROUP_CONTEXT_EXTENSIONS);

    @Test
    void messagesVectorBodiesRoundTripForEveryType() {
        List<JsonObject> entries = MlsTestVectors.load("messages.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            for (Map.Entry<String, Integer> field : BODIES.entrySet()) {
                byte[] body = MlsTestVectors.hex(entry, field.getKey());
                int type = field.getValue();
                Proposal proposal = TlsReader.decodeExactly(body, field.getKey(), in -> Proposal.readBody(type, in));
                assertThat(proposal.type()).isEqualTo(type);
                TlsWriter out = new TlsWriter();
                proposal.writeBody(out);
                assertThat(out.toByteArray()).as(field.getKey()).isEqualTo(body);

                byte[] whole = proposal.toBytes();
                assertThat(Proposal.decode(whole)).isEqualTo(proposal);
            }
        }
    }

    @Test
    void unknownTypesKeepTheirPayload() {
        Proposal custom = new Proposal.Unknown(0xF001, Bytes.fromHex("0a0b0c"));
        byte[] bytes = custom.toBytes();
        assertThat(bytes).isEqualTo(Bytes.fromHex("f001030a0b0c").toByteArray());
        assertThat(Proposal.decode(bytes)).isEqualTo(custom);
        assertThatThrownBy(() -> new Proposal.Unknown(ProposalType.REMOVE, Bytes.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removeAndPreSharedKeyEncodings() {
        assertThat(new Proposal.Remove(5).toBytes()).isEqualTo(Bytes.fromHex("000300000005").toByteArray());
        Proposal psk = new Proposal.PreSharedKey(new PreSharedKeyId.Resumption(1, Bytes.fromHex("aa"), 7,
                Bytes.fromHex("bbcc")));
        assertThat(Proposal.decode(psk.toBytes())).isEqualTo(psk);
        assertThatThrownBy(() -> Proposal.decode(Bytes.fromHex("00040300").toByteArray()))
                .isInstanceOf(MlsDecodeException.class).hasMessageContaining("PSK type");
        assertThatThrownBy(() -> Proposal.decode(Bytes.fromHex("00030000000500").toByteArray()))
                .isInstanceOf(MlsDecodeException.class);
    }

    @Test
    void requiredCapabilitiesRoundTripAndReportWhatIsMissing() {
        RequiredCapabilities required = new RequiredCapabilities(List.of(0xff00, ExtensionType.RATCHET_TREE),
                List.of(ProposalType.GROUP_CONTEXT_EXTENSIONS, 0xf001), List.of(CredentialType.BASIC));
        Extension extension = required.toExtension();
        assertThat(RequiredCapabilities.find(List.of(extension))).contains(required);

        Capabilities lacking = new Capabilities(List.of(1), List.of(3), List.of(0xff00), List.of(),
                List.of(CredentialType.BASIC));
        assertThat(required.missingFrom(lacking)).hasValueSatisfying(m -> assertThat(m).contains("proposal"));
        Capabilities enough = new Capabilities(List.of(1), List.of(3), List.of(0xff00), List.of(0xf001),
                List.of(CredentialType.BASIC));
        assertThat(required.missingFrom(enough)).isEmpty();
    }
}
