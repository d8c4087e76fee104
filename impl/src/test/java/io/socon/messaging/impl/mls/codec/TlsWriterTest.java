package io.socon.messaging.impl.mls.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsWriterTest {

    @Test
    void writesUnsignedIntegersBigEndian() {
        byte[] bytes = new TlsWriter()
                .writeUint8(0xFF)
                .writeUint16(0xFFFE)
                .writeUint32(0xFFFF_FFFDL)
                .writeUint64(0xFFFF_FFFF_FFFF_FFFCL)
                .toByteArray();

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("ff" + "fffe" + "fffffffd" + "fffffffffffffffc");
    }

    @Test
    void refusesValuesOutOfRange() {
        TlsWriter out = new TlsWriter();
        assertThatThrownBy(() -> out.writeUint8(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.writeUint8(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.writeUint16(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.writeUint32(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.writeVarint(1 << 30)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void writesTheShortestVarint() {
        assertThat(varint(0)).isEqualTo("00");
        assertThat(varint(63)).isEqualTo("3f");
        assertThat(varint(64)).isEqualTo("4040");
        assertThat(varint(16383)).isEqualTo("7fff");
        assertThat(varint(16384)).isEqualTo("80004000");
        assertThat(varint((1 << 30) - 1)).isEqualTo("bfffffff");
    }

    @Test
    void vectorsGetTheRightPrefixWhateverTheirSize() {
        for (int length : List.of(0, 63, 64, 16383, 16384, 70000)) {
            byte[] content = new byte[length];
            for (int i = 0; i < length; i++) {
                content[i] = (byte) (i * 31);
            }
            byte[] viaBody = new TlsWriter(1).writeUint8(9).writeVector(out -> out.writeRaw(content)).toByteArray();
            byte[] viaOpaque = new TlsWriter().writeUint8(9).writeOpaque(content).toByteArray();

            assertThat(viaBody).as("length %d", length).isEqualTo(viaOpaque);
            TlsReader in = TlsReader.over(viaBody);
            assertThat(in.readUint8("tag")).isEqualTo(9);
            assertThat(in.readOpaque("data").contentEquals(content)).isTrue();
            in.expectEnd("input");
        }
    }

    @Test
    void nestedVectorsThatGrowTheirPrefixes() {
        byte[] big = new byte[100];
        byte[] bytes = new TlsWriter()
                .writeVector(outer -> outer
                        .writeOpaque(big)
                        .writeVector(inner -> inner.writeOpaque(new byte[20000]))
                        .writeUint8(7))
                .toByteArray();

        TlsReader in = TlsReader.over(bytes);
        TlsReader outer = in.readVector("outer");
        assertThat(outer.readOpaque("big").length()).isEqualTo(100);
        TlsReader inner = outer.readVector("inner");
        assertThat(inner.readOpaque("data").length()).isEqualTo(20000);
        inner.expectEnd("inner");
        assertThat(outer.readUint8("tail")).isEqualTo(7);
        outer.expectEnd("outer");
        in.expectEnd("input");
    }

    @Test
    void writesListsAndOptionals() {
        byte[] bytes = new TlsWriter()
                .writeList(List.of(1, 3), TlsWriter::writeUint16)
                .writeOptional(Optional.<Integer>empty(), TlsWriter::writeUint8)
                .writeOptional(Optional.of(5), TlsWriter::writeUint8)
                .toByteArray();

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("04" + "0001" + "0003" + "00" + "0105");
    }

    private static String varint(int value) {
        return HexFormat.of().formatHex(new TlsWriter().writeVarint(value).toByteArray());
    }
}
