package io.socon.messaging.impl.mls.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MessageHeaderReaderTest {

    private static final String GROUP_ID = "000102030405060708090a0b0c0d0e0f";

    @Test
    void readsThePrivateMessageLayoutXmtpSends() {
        // version 1, wire format 2, group id (16 bytes), epoch, content type commit, aad, sender data, ciphertext
        MessageHeader header = MessageHeaderReader.read(hex(
                "0001" + "0002" + "10" + GROUP_ID + "0000000000000102" + "03" + "00" + "02aabb" + "03ccddee"));

        assertThat(header.wireFormat()).isEqualTo(WireFormat.PRIVATE_MESSAGE);
        assertThat(header.groupId()).isEqualTo(Bytes.fromHex(GROUP_ID));
        assertThat(header.epoch()).isEqualTo(0x102);
        assertThat(header.contentType()).isEqualTo(ContentType.COMMIT);
        assertThat(header.isCommit()).isTrue();
    }

    @Test
    void readsApplicationMessagesAndLargeEpochs() {
        MessageHeader header = MessageHeaderReader.read(hex(
                "0001" + "0002" + "01" + "aa" + "ffffffffffffffff" + "01" + "00" + "00" + "00"));

        assertThat(header.contentType()).isEqualTo(ContentType.APPLICATION);
        assertThat(header.isCommit()).isFalse();
        assertThat(Long.toUnsignedString(header.epoch())).isEqualTo("18446744073709551615");
    }

    @Test
    void refusesAPrivateMessageWithTrailingBytes() {
        assertThatThrownBy(() -> MessageHeaderReader.read(hex(
                "0001" + "0002" + "01" + "aa" + "0000000000000001" + "01" + "00" + "00" + "00" + "ff")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("MLSMessage at offset 18: 1 unexpected byte(s) after the end of MLSMessage");
    }

    @Test
    void refusesATruncatedPrivateMessage() {
        assertThatThrownBy(() -> MessageHeaderReader.read(hex(
                "0001" + "0002" + "10" + GROUP_ID + "0000000000000001" + "01" + "00" + "00" + "05aabb")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("PrivateMessage.ciphertext at offset 32")
                .hasMessageContaining("runs past the end");
        assertThatThrownBy(() -> MessageHeaderReader.read(hex("0001" + "0002" + "10" + "0001")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("PrivateMessage.group_id at offset 4");
    }

    @Test
    void refusesANonMinimalGroupIdLength() {
        assertThatThrownBy(() -> MessageHeaderReader.read(hex(
                "0001" + "0002" + "4010" + GROUP_ID + "0000000000000001" + "01" + "00" + "00" + "00")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("PrivateMessage.group_id at offset 4")
                .hasMessageContaining("shortest encoding");
    }

    @Test
    void refusesUnknownContentTypes() {
        for (String type : new String[] {"00", "04"}) {
            assertThatThrownBy(() -> MessageHeaderReader.read(hex(
                    "0001" + "0002" + "01" + "aa" + "0000000000000001" + type + "00" + "00" + "00")))
                    .isInstanceOf(MlsDecodeException.class)
                    .hasMessageContaining("PrivateMessage.content_type at offset 14: unknown content type");
        }
    }

    @Test
    void readsPublicMessagesFromEverySenderType() {
        String member = "01" + "00000007";
        String external = "02" + "00000001";
        String newMemberProposal = "03";
        String newMemberCommit = "04";
        String[][] cases = {
                {member, "01", "APPLICATION"},
                {external, "02", "PROPOSAL"},
                {newMemberProposal, "02", "PROPOSAL"},
                {newMemberCommit, "03", "COMMIT"},
        };
        for (String[] c : cases) {
            MessageHeader header = MessageHeaderReader.read(hex(
                    "0001" + "0001" + "02" + "abcd" + "0000000000000009" + c[0] + "03616164" + c[1] + "ffff"));

            assertThat(header.wireFormat()).isEqualTo(WireFormat.PUBLIC_MESSAGE);
            assertThat(header.groupId()).isEqualTo(Bytes.fromHex("abcd"));
            assertThat(header.epoch()).isEqualTo(9);
            assertThat(header.contentType()).isEqualTo(ContentType.valueOf(c[2]));
        }
    }

    @Test
    void refusesAnUnknownSenderType() {
        assertThatThrownBy(() -> MessageHeaderReader.read(hex(
                "0001" + "0001" + "02" + "abcd" + "0000000000000009" + "05" + "00" + "01")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("Sender.sender_type at offset 15: unknown sender type 5");
    }

    @Test
    void refusesMessagesThatAreNotFramed() {
        assertThatThrownBy(() -> MessageHeaderReader.read(hex("0001" + "0003" + "0003" + "00" + "00")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("MLSMessage.wire_format at offset 2: expected a public or private message, not WELCOME");
        assertThatThrownBy(() -> MessageHeaderReader.read(hex("0002" + "0002" + "01aa")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("unsupported protocol version 0x0002");
        assertThatThrownBy(() -> MessageHeaderReader.read(hex("0001" + "0009")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("unknown wire format 9");
        assertThatThrownBy(() -> MessageHeaderReader.read(new byte[0]))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("MLSMessage.version at offset 0");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
