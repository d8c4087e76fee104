package io.socon.messaging.impl.mls.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void copiesOnTheWayInAndOut() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.copyOf(source);
        source[0] = 9;
        byte[] out = bytes.toByteArray();
        out[1] = 9;

        assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    }

    @Test
    void equalByContent() {
        assertThat(Bytes.fromHex("0a0b")).isEqualTo(Bytes.copyOf(new byte[] {10, 11}));
        assertThat(Bytes.fromHex("0a0b")).hasSameHashCodeAs(Bytes.copyOf(new byte[] {10, 11}));
        assertThat(Bytes.fromHex("0a0b")).isNotEqualTo(Bytes.fromHex("0a0c"));
        assertThat(Bytes.copyOf(new byte[0])).isSameAs(Bytes.EMPTY);
    }

    @Test
    void showsLengthAndShortenedHex() {
        assertThat(Bytes.fromHex("0a0b")).hasToString("2:0a0b");
        assertThat(Bytes.copyOf(new byte[40]).toString()).startsWith("40:0000").endsWith("…").hasSize(3 + 64 + 1);
    }
}
