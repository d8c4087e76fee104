package io.socon.messaging.spi.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.spi.keyvault.conformance.KeyVaultConformanceKit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The in-memory vault passes the conformance kit, and its own rules. */
class InMemoryKeyVaultTest extends KeyVaultConformanceKit {

    @Override
    protected KeyVault createVault() {
        return new InMemoryKeyVault();
    }

    @Override
    protected KeyUri keyUri(String name) {
        return KeyUri.of("memory://test/" + name);
    }

    @Test
    void prefixesKeepSeveralVaultsApart() {
        var a = new InMemoryKeyVault("test-a://", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        assertThat(a.handles(KeyUri.of("test-a://k"))).isTrue();
        assertThat(a.handles(KeyUri.of("memory://k"))).isFalse();
        assertThat(a.generate(KeyUri.of("test-a://k"), KeyKind.X25519).createdAt()).isEqualTo(Instant.EPOCH);
        assertThatThrownBy(() -> new InMemoryKeyVault("nope", Clock.systemUTC())).hasMessageContaining("://");
    }

    @Test
    void closeForgetsKeys() {
        var key = KeyUri.of("memory://gone");
        vault.generate(key, KeyKind.AES_256_GCM);
        vault.close();
        assertThat(vault.find(key)).isEmpty();
        assertThat(vault.toString()).isEqualTo("in-memory(memory://)[0 keys]");
    }

    @Test
    void secp256k1SignaturesAreRfc6979DeterministicAndMatchWeb3j() {
        var hex = java.util.HexFormat.of();
        KeyInfo wallet = vault.importPrivateKey(KeyUri.of("memory://web3j"), KeyKind.SECP256K1,
                hex.parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        // web3j 6.0.0: Sign.signPrefixedMessage("hello XMTP".getBytes(UTF_8), ECKeyPair.create(key))
        byte[] digest = hex.parseHex("85db85389a6f700e214ef0af7fd2ae3257c9de0ba24b6dc11cf61ea65f50231e");
        assertThat(hex.formatHex(vault.sign(wallet.uri(), SignRequest.secp256k1(digest)))).isEqualTo(
                "6bd06c1037f4231facbf70e7030a39403fd90b83bd2445bb880e402859990af8"
                        + "2e7c61fda30c8725fd7166de095d3eeed40e4b3981864aba54b3455b456866dd1c");
    }

    @Test
    void signatureVerifierRefusesHighSAndWrongV() {
        KeyInfo wallet = vault.generate(KeyUri.of("memory://strict"), KeyKind.SECP256K1);
        byte[] digest = new byte[32];
        digest[0] = 42;
        SignRequest request = SignRequest.secp256k1(digest);
        byte[] signature = vault.sign(wallet.uri(), request);
        byte[] highS = signature.clone();
        byte[] s = Secp256k1.fixed32(Secp256k1.N.subtract(new java.math.BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64))));
        System.arraycopy(s, 0, highS, 32, 32);
        highS[64] = (byte) (signature[64] == 27 ? 28 : 27);
        assertThat(SignatureVerifier.verify(wallet.publicKey(), request, highS)).as("high s is refused").isFalse();
        assertThat(SignatureVerifier.recoverSecp256k1(digest, highS)).get().isEqualTo(wallet.publicKey());
        byte[] wrongV = signature.clone();
        wrongV[64] = (byte) (signature[64] == 27 ? 28 : 27);
        assertThat(SignatureVerifier.verify(wallet.publicKey(), request, wrongV)).isFalse();
    }
}
