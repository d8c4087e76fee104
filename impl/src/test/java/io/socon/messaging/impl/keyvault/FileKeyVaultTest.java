package io.socon.messaging.impl.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.spi.keyvault.KeyInfo;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import io.socon.messaging.spi.keyvault.SignRequest;
import io.socon.messaging.spi.keyvault.conformance.KeyVaultConformanceKit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#12 file vault passes the SPI's conformance kit, and its keys survive reopening. Tests use a
 * low PBKDF2 count for speed; production uses {@link FileKeyVault#DEFAULT_ITERATIONS}.
 */
class FileKeyVaultTest extends KeyVaultConformanceKit {

    static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    @Override
    protected KeyVault createVault() {
        return FileKeyVault.open(dir.resolve("vault.p12"), PASSWORD, "file://", 1000, Clock.systemUTC());
    }

    @Override
    protected KeyUri keyUri(String name) {
        return KeyUri.of("file://test/" + name);
    }

    @Test
    void keysSurviveReopeningAndStillSign() throws Exception {
        KeyInfo generated = vault.generate(keyUri("installation"), KeyKind.ED25519);
        byte[] message = "identity update".getBytes(StandardCharsets.UTF_8);
        byte[] before = vault.sign(generated.uri(), SignRequest.ed25519(message));
        vault.close();

        vault = createVault();

        KeyInfo reopened = vault.find(generated.uri()).orElseThrow();
        assertThat(reopened.publicKey()).isEqualTo(generated.publicKey());
        assertThat(reopened.createdAt().truncatedTo(ChronoUnit.SECONDS))
                .isCloseTo(generated.createdAt().truncatedTo(ChronoUnit.SECONDS), org.assertj.core.api.Assertions.within(2, ChronoUnit.SECONDS));
        // Ed25519 is deterministic: the same key gives the same signature
        assertThat(vault.sign(generated.uri(), SignRequest.ed25519(message))).isEqualTo(before);
    }

    @Test
    void theFileHoldsNoKeyInTheClearAndAWrongPasswordIsRefused() throws Exception {
        vault.generate(keyUri("db-key"), KeyKind.AES_256_GCM);
        vault.close();

        byte[] file = Files.readAllBytes(dir.resolve("vault.p12"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("db-key");
        assertThatThrownBy(() -> FileKeyVault.open(dir.resolve("vault.p12"), "wrong".toCharArray(), "file://", 1000,
                Clock.systemUTC()))
                .isInstanceOfSatisfying(KeyVaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyVaultException.Reason.UNAVAILABLE))
                .hasMessageContaining("wrong password");
        vault = createVault();
    }

    @Test
    void anEmptyPasswordIsRefusedWithTheSettingToFix() {
        assertThatThrownBy(() -> FileKeyVault.open(dir.resolve("x.p12"), new char[0], "file://"))
                .hasMessageContaining("socon.vault.file.password");
    }
}
