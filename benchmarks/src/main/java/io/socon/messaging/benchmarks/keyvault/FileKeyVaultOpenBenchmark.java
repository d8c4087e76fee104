package io.socon.messaging.benchmarks.keyvault;

import io.socon.messaging.impl.keyvault.FileKeyVault;
import io.socon.messaging.spi.keyvault.KeyKind;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening the default key vault (a PKCS#12 file) that holds {@code entries} keys, at the production PBKDF2 count
 * ({@link FileKeyVault#DEFAULT_ITERATIONS}): what a server pays at every start (a host user has two keys: the
 * custodial wallet and the key wrapping their client store's data key). {@code format=current}: keys under the
 * vault's random entry password; {@code format=earlier}: every key under the vault's password, as earlier versions
 * wrote them (written afresh before each open, since opening converts it).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class FileKeyVaultOpenBenchmark {

    private static final char[] PASSWORD = "benchmark password".toCharArray();

    @Param({"10", "50"})
    public int entries;

    @Param({"current", "earlier"})
    public String format;

    private Path dir;
    private Path file;

    /** Writes the vault once (current format). */
    @Setup(Level.Trial)
    public void createVault() throws IOException {
        dir = Files.createTempDirectory("socon-vault-bench");
        file = dir.resolve("vault.p12");
        if (format.equals("current")) {
            try (FileKeyVault vault = FileKeyVault.open(file, PASSWORD, "file://")) {
                for (int i = 0; i < entries; i++) {
                    vault.generate(KeyUri.of("file://socon/store/" + i), KeyKind.AES_256_GCM);
                }
            }
        }
    }

    /** Writes the earlier format before each open (opening converts it). */
    @Setup(Level.Invocation)
    public void writeEarlierFormat() throws IOException, GeneralSecurityException {
        if (!format.equals("earlier")) {
            return;
        }
        SecureRandom random = new SecureRandom();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        for (int i = 0; i < entries; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            String alias = HexFormat.of().formatHex(("AES_256_GCM|file://socon/store/" + i)
                    .getBytes(StandardCharsets.UTF_8));
            store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")),
                    new KeyStore.PasswordProtection(PASSWORD, "PBEWithHmacSHA256AndAES_256",
                            new PBEParameterSpec(salt, FileKeyVault.DEFAULT_ITERATIONS)));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
    }

    /** Opens the vault (every key loaded) and closes it. */
    @Benchmark
    public int open() {
        try (FileKeyVault vault = FileKeyVault.open(file, PASSWORD, "file://", FileKeyVault.DEFAULT_ITERATIONS,
                Clock.systemUTC())) {
            return vault.list().size();
        }
    }

    /** Removes the vault file. */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
