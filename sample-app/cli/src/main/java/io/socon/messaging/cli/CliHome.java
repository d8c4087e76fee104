package io.socon.messaging.cli;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.impl.client.NodeApi;
import io.socon.messaging.impl.client.XmtpClient;
import io.socon.messaging.impl.client.net.Backoff;
import io.socon.messaging.impl.client.net.ConnectionSettings;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.client.net.NodeConnection;
import io.socon.messaging.impl.identity.VaultWalletSigner;
import io.socon.messaging.impl.identity.WalletSigner;
import io.socon.messaging.impl.keyvault.FileKeyVault;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.client.jdbc.JdbcClientStore;
import io.socon.messaging.spi.keyvault.KeyUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The CLI's state directory: a key vault file (the wallet key, the key that encrypts the local database) and
 * the client's H2 database. The vault's passphrase comes from {@code SOCON_CLI_PASSPHRASE}; without it, a random
 * passphrase is kept in {@code passphrase} readable by the owner only.
 */
final class CliHome {

    static final String PASSPHRASE_VARIABLE = "SOCON_CLI_PASSPHRASE";
    private static final String PREFIX = "socon-cli://";
    static final KeyUri WALLET_KEY = KeyUri.of(PREFIX + "wallet");
    static final KeyUri DATA_KEY = KeyUri.of(PREFIX + "local-data");

    /**
     * How the CLI calls the node: the engine's defaults, but a node that is down is reported after about a second
     * (4 attempts, 0.25, 0.5 and 1 s apart, less jitter) rather than after six attempts over 6 s, and one attempt
     * of a call gives up after 20 s rather than 30 s.
     */
    static final ConnectionSettings CONNECTION = ConnectionSettings.defaults()
            .withCallDeadline(Duration.ofSeconds(20))
            .withRetry(4, new Backoff(Duration.ofMillis(250), 2.0, Duration.ofSeconds(1), 0.5));

    private final Path dir;

    CliHome(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    boolean initialized() {
        return Files.exists(dir.resolve("vault.p12"));
    }

    /**
     * PBKDF2 iterations that seal the vault's entry password under the generated passphrase. Stretching protects
     * guessable passphrases; the generated one is 192 random bits, which no iteration count makes harder to guess,
     * so the CLI does not pay {@link FileKeyVault#DEFAULT_ITERATIONS} (600,000, a few hundred milliseconds of CPU)
     * on every command. A passphrase from {@value #PASSPHRASE_VARIABLE} gets the default.
     */
    static final int GENERATED_PASSPHRASE_ITERATIONS = 10_000;

    /** Opens the vault, creating the directory, passphrase and vault when missing. */
    FileKeyVault openVault() {
        try {
            Files.createDirectories(dir);
            String fromEnv = System.getenv(PASSPHRASE_VARIABLE);
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return FileKeyVault.open(dir.resolve("vault.p12"), fromEnv.toCharArray(), PREFIX);
            }
            return FileKeyVault.open(dir.resolve("vault.p12"), generatedPassphrase(), PREFIX,
                    GENERATED_PASSPHRASE_ITERATIONS, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the home directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private char[] generatedPassphrase() throws IOException {
        Path file = dir.resolve("passphrase");
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, HexFormat.of().formatHex(random), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file is as private as the directory
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    /** Opens the client; registers it with {@code wallet} if the home has no identity yet. */
    XmtpClient openClient(URI node, FileKeyVault vault, Optional<WalletSigner> wallet) {
        NodeApi api = GrpcNodeApi.over(NodeConnection.open(node, CONNECTION));
        ClientStore store;
        try {
            store = JdbcClientStore.openH2(dir.resolve("client"), DataKey.wrappedBy(vault, DATA_KEY));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        try {
            return XmtpClient.open(XmtpClient.Settings.of(api, store, wallet));
        } catch (RuntimeException e) {
            store.close();
            api.close();
            throw e;
        }
    }

    /** Thrown when another socon-cli process (or thread) uses the home. */
    static final class InUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InUse(Path dir) {
            super("the home " + dir + " is in use by another socon-cli command (a running 'stream'?); wait for it to "
                    + "finish or stop it, or use another --home");
        }
    }

    /** Holds a home for one command: its client database can only be opened by one process at a time. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Locks the home (creating its directory) so that a second command on it fails at once with a clear message
     * instead of deep inside the database driver.
     *
     * @throws InUse if another command holds it
     */
    static Lock lock(Path dir) {
        Path home = dir.toAbsolutePath();
        FileChannel channel;
        try {
            Files.createDirectories(home);
            channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the home directory " + home + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the home directory " + home + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new InUse(home);
        }
        return () -> closeQuietly(channel); // closing the channel releases the lock
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    /** The wallet kept in the vault. */
    static WalletSigner wallet(FileKeyVault vault) {
        if (vault.find(WALLET_KEY).isEmpty()) {
            throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE,
                    "this home has no wallet; run 'socon-cli init' first");
        }
        return VaultWalletSigner.of(vault, WALLET_KEY);
    }
}
