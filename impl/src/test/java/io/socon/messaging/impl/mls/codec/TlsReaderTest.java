package io.socon.messaging.impl.mls.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsReaderTest {

    @Test
    void readsBigEndianUnsignedIntegers() {
        TlsReader in = TlsReader.over(hex("ff" + "fffe" + "fffffffd" + "fffffffffffffffc" + "01"));

        assertThat(in.readUint8("a")).isEqualTo(0xFF);
        assertThat(in.readUint16("b")).isEqualTo(0xFFFE);
        assertThat(in.readUint32("c")).isEqualTo(0xFFFF_FFFDL);
        assertThat(in.readUint64("d")).isEqualTo(0xFFFF_FFFF_FFFF_FFFCL);
        assertThat(in.position()).isEqualTo(15);
        assertThat(in.remaining()).isEqualTo(1);
    }

    @Test
    void varintHeadersOfTheRfcVectors() {
        List<JsonObject> vectors = MlsTestVectors.load("deserialization.json");
        assertThat(vectors).isNotEmpty();
        for (JsonObject vector : vectors) {
            byte[] header = MlsTestVectors.hex(vector, "vlbytes_header");
            int length = vector.get("length").getAsInt();

            TlsReader in = TlsReader.over(header);
            assertThat(in.readVarint("length")).as("header %s", HexFormat.of().formatHex(header)).isEqualTo(length);
            in.expectEnd("header");
            assertThat(new TlsWriter().writeVarint(length).toByteArray()).isEqualTo(header);
        }
    }

    @Test
    void refusesTheReservedPrefix() {
        assertThatThrownBy(() -> TlsReader.over(hex("c000000000000001")).readVarint("Thing.data"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("Thing.data at offset 0")
                .hasMessageContaining("0b11 is reserved");
    }

    @Test
    void refusesNonMinimalLengths() {
        // 1 in two bytes, 63 in two bytes, 16383 in four bytes, 0 in four bytes
        for (String encoding : List.of("4001", "403f", "80003fff", "80000000")) {
            assertThatThrownBy(() -> TlsReader.over(hex(encoding)).readVarint("Thing.data"))
                    .as(encoding)
                    .isInstanceOf(MlsDecodeException.class)
                    .hasMessageContaining("shortest encoding");
        }
        // the smallest values of each size are minimal
        assertThat(TlsReader.over(hex("4040")).readVarint("x")).isEqualTo(64);
        assertThat(TlsReader.over(hex("80004000")).readVarint("x")).isEqualTo(16384);
    }

    @Test
    void refusesTruncatedIntegersAndLengths() {
        assertThatThrownBy(() -> TlsReader.over(hex("00")).readUint16("Thing.count"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Thing.count at offset 0: needs 2 byte(s) but only 1 left");
        assertThatThrownBy(() -> TlsReader.over(hex("80ff")).readVarint("Thing.data"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("needs 4 byte(s)");
        assertThatThrownBy(() -> TlsReader.over(new byte[0]).readUint8("Thing.flag"))
                .isInstanceOf(MlsDecodeException.class);
    }

    @Test
    void refusesAVectorThatRunsPastTheEnd() {
        TlsReader in = TlsReader.over(hex("0102" + "05aabbcc"));
        in.readUint16("Thing.version");

        assertThatThrownBy(() -> in.readOpaque("Thing.data"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Thing.data at offset 2: vector of 5 bytes runs past the end (3 left)")
                .satisfies(e -> {
                    MlsDecodeException decode = (MlsDecodeException) e;
                    assertThat(decode.field()).isEqualTo("Thing.data");
                    assertThat(decode.offset()).isEqualTo(2);
                });
    }

    @Test
    void anInnerVectorMayNotRunPastTheOuterOne() {
        // outer vector of 3 bytes holds an inner vector claiming 4 bytes; the input itself has enough bytes
        TlsReader in = TlsReader.over(hex("03" + "04aabb" + "ccdd"));
        TlsReader outer = in.readVector("Outer.items");

        assertThatThrownBy(() -> outer.readOpaque("Inner.data"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Inner.data at offset 1: vector of 4 bytes runs past the end (2 left)");
        assertThat(in.position()).isEqualTo(4);
    }

    @Test
    void readsNestedVectorsWithAbsoluteOffsets() {
        byte[] input = hex("0b" + "0003" + "08" + "02aaaa" + "00" + "03bbbbbb");
        TlsReader in = TlsReader.over(input);
        TlsReader outer = in.readVector("Outer");
        assertThat(outer.readUint16("Outer.kind")).isEqualTo(3);
        List<Bytes> items = outer.readList("Outer.items", r -> r.readOpaque("Item"));
        outer.expectEnd("Outer");
        in.expectEnd("Input");

        assertThat(items).containsExactly(Bytes.fromHex("aaaa"), Bytes.EMPTY, Bytes.fromHex("bbbbbb"));
        assertThat(in.position()).isEqualTo(input.length);
    }

    @Test
    void aListElementThatSpillsOverTheVectorEndIsRefused() {
        // a vector of uint16 values whose length (3) is odd
        TlsReader in = TlsReader.over(hex("03" + "0001" + "02" + "ffff"));

        assertThatThrownBy(() -> in.readList("Caps.versions", r -> r.readUint16("Caps.versions")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Caps.versions at offset 3: needs 2 byte(s) but only 1 left");
    }

    @Test
    void readsOptionals() {
        TlsReader in = TlsReader.over(hex("00" + "01" + "0102"));

        Optional<Integer> absent = in.readOptional("A", r -> r.readUint16("A.value"));
        Optional<Integer> present = in.readOptional("B", r -> r.readUint16("B.value"));

        assertThat(absent).isEmpty();
        assertThat(present).contains(0x0102);
        in.expectEnd("Input");
    }

    @Test
    void refusesAPresenceByteOtherThanZeroOrOne() {
        assertThatThrownBy(() -> TlsReader.over(hex("02ffff")).readOptional("Thing.maybe", r -> r.readUint16("v")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Thing.maybe at offset 0: optional presence byte must be 0 or 1, not 2");
    }

    @Test
    void decodeExactlyRefusesTrailingBytes() {
        int value = TlsReader.decodeExactly(hex("0102"), "Pair", r -> r.readUint16("Pair.value"));
        assertThat(value).isEqualTo(0x0102);
        assertThatThrownBy(() -> TlsReader.decodeExactly(hex("010203"), "Pair", r -> r.readUint16("Pair.value")))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessage("Pair at offset 2: 1 unexpected byte(s) after the end of Pair");
    }

    @Test
    void opaqueValuesAreCopies() {
        byte[] input = hex("02aabb");
        Bytes value = TlsReader.over(input).readOpaque("x");
        input[1] = 0;

        assertThat(value).isEqualTo(Bytes.fromHex("aabb"));
    }

    @Test
    void skipsOpaqueValuesAfterCheckingTheirLength() {
        TlsReader in = TlsReader.over(hex("02aabb07"));
        in.skipOpaque("x");
        assertThat(in.readUint8("y")).isEqualTo(7);

        assertThatThrownBy(() -> TlsReader.over(hex("05aabb")).skipOpaque("x"))
                .isInstanceOf(MlsDecodeException.class)
                .hasMessageContaining("runs past the end");
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
