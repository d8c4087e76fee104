package io.socon.messaging.impl.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
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

    static java.security.KeyStore rawStore(Path file) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    @Test
    void keysAreSealedUnderARandomEntryPasswordThatAloneIsSealedUnderTheVaultPassword() throws Exception {
        KeyInfo key = vault.generate(keyUri("wallet"), KeyKind.ED25519);
        byte[] message = "sign me".getBytes(StandardCharsets.UTF_8);
        byte[] signature = vault.sign(key.uri(), SignRequest.ed25519(message));
        vault.close();

        java.security.KeyStore raw = rawStore(dir.resolve("vault.p12"));
        assertThat(java.util.Collections.list(raw.aliases()))
                .containsExactlyInAnyOrder(FileKeyVault.ENTRY_PASSWORD_ALIAS, FileKeyVault.alias(key.uri(), KeyKind.ED25519));
        byte[] secret = ((java.security.KeyStore.SecretKeyEntry) raw.getEntry(FileKeyVault.ENTRY_PASSWORD_ALIAS,
                new java.security.KeyStore.PasswordProtection(PASSWORD))).getSecretKey().getEncoded();
        assertThat(secret).hasSize(32);
        char[] entryPassword = java.util.HexFormat.of().formatHex(secret).toCharArray();
        byte[] material = ((java.security.KeyStore.SecretKeyEntry) raw.getEntry(
                FileKeyVault.alias(key.uri(), KeyKind.ED25519), new java.security.KeyStore.PasswordProtection(entryPassword)))
                .getSecretKey().getEncoded();
        try (InMemoryKeyVault check = new InMemoryKeyVault()) {
            KeyUri same = KeyUri.of("memory://check");
            assertThat(check.importPrivateKey(same, KeyKind.ED25519, material).publicKey()).isEqualTo(key.publicKey());
            assertThat(check.sign(same, SignRequest.ed25519(message))).isEqualTo(signature);
        }
        vault = createVault();
    }

    @Test
    void aVaultOfAnEarlierVersionWithEveryKeyUnderTheVaultPasswordIsConvertedWhenOpened() throws Exception {
        vault.close();
        Path file = dir.resolve("earlier.p12");
        byte[] material = new byte[32];
        new java.security.SecureRandom().nextBytes(material);
        KeyUri uri = keyUri("old-key");
        java.security.KeyStore old = java.security.KeyStore.getInstance("PKCS12");
        old.load(null, PASSWORD);
        old.setEntry(FileKeyVault.alias(uri, KeyKind.ED25519),
                new java.security.KeyStore.SecretKeyEntry(new javax.crypto.spec.SecretKeySpec(material, "Ed25519")),
                new java.security.KeyStore.PasswordProtection(PASSWORD, "PBEWithHmacSHA256AndAES_256",
                        new javax.crypto.spec.PBEParameterSpec(new byte[16], 1000)));
        try (var out = Files.newOutputStream(file)) {
            old.store(out, PASSWORD);
        }
        byte[] expected;
        try (InMemoryKeyVault check = new InMemoryKeyVault()) {
            expected = check.importPrivateKey(KeyUri.of("memory://check"), KeyKind.ED25519, material).publicKey();
        }

        try (FileKeyVault converted = FileKeyVault.open(file, PASSWORD, "file://", 1000, Clock.systemUTC())) {
            assertThat(converted.find(uri)).get().extracting(KeyInfo::publicKey).isEqualTo(expected);
        }
        assertThat(rawStore(file).containsAlias(FileKeyVault.ENTRY_PASSWORD_ALIAS)).as("written in the new form").isTrue();
        try (FileKeyVault reopened = FileKeyVault.open(file, PASSWORD, "file://", 1000, Clock.systemUTC())) {
            assertThat(reopened.find(uri)).get().extracting(KeyInfo::publicKey).isEqualTo(expected);
            reopened.sign(uri, SignRequest.ed25519(new byte[] {1}));
        }
        vault = createVault();
    }
}
