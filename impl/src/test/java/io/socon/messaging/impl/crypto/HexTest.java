package io.socon.messaging.impl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

class HexTest {

    @Test
    void encodesLowercase() {
        assertThat(Hex.encode(new byte[] {1, (byte) 0xab, (byte) 0xff})).isEqualTo("01abff");
        assertThat(Hex.encode0x(new byte[] {(byte) 0xAB})).isEqualTo("0xab");
    }

    @Test
    void decodesEitherCaseButOnlyAsciiDigits() {
        assertThat(Hex.decode("01AbfF")).containsExactly(1, 0xab, 0xff);
        assertThat(Hex.decodeOptional0x("0x01")).containsExactly(1);
        assertThatThrownBy(() -> Hex.decode("0x01")).hasMessageContaining("non-hex character 'x'");
        assertThatThrownBy(() -> Hex.decode("abc")).hasMessageContaining("even number");
        assertThatThrownBy(() -> Hex.decode("\u0663\u0663")).hasMessageContaining("non-hex");
    }

    @Test
    void normalisesAddresses() {
        assertThat(EthereumAddresses.normalize("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(EthereumAddresses.isWellFormed("f39fd6e51aad88f6f4ce6ab8827279cfffb92266")).isFalse();
        assertThat(EthereumAddresses.isWellFormed("0xf39fd6e51aad88f6f4ce6ab8827279cfffb9226")).isFalse();
        assertThat(EthereumAddresses.isWellFormed("0xg39fd6e51aad88f6f4ce6ab8827279cfffb92266")).isFalse();
        assertThatThrownBy(() -> EthereumAddresses.normalize("0x1234"))
                .hasMessageContaining("not an Ethereum address");
    }

    @Test
    void derivesAnAddressFromAPublicKey() {
        BigInteger publicKey = Sign.publicKeyFromPrivate(new BigInteger(1, Eip191Test.HARDHAT_0_KEY));
        byte[] xy = new byte[64];
        System.arraycopy(Eip191Test.unsigned32(publicKey.shiftRight(256)), 0, xy, 0, 32);
        System.arraycopy(Eip191Test.unsigned32(publicKey.mod(BigInteger.TWO.pow(256))), 0, xy, 32, 32);
        byte[] uncompressed = new byte[65];
        uncompressed[0] = 4;
        System.arraycopy(xy, 0, uncompressed, 1, 64);

        assertThat(EthereumAddresses.fromPublicKey(xy)).isEqualTo(Eip191Test.HARDHAT_0_ADDRESS);
        assertThat(EthereumAddresses.fromPublicKey(uncompressed)).isEqualTo(Eip191Test.HARDHAT_0_ADDRESS);
        assertThatThrownBy(() -> EthereumAddresses.fromPublicKey(new byte[33])).hasMessageContaining("got 33");
    }
}
