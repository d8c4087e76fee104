package io.socon.messaging.impl.messaging;

import com.zaxxer.hikari.HikariDataSource;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InboxInfo;
import io.socon.messaging.api.InstallationId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.Messaging;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.SignatureRequiredException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.impl.client.NodeApi;
import io.socon.messaging.impl.client.XmtpClient;
import io.socon.messaging.impl.client.content.ContentCodecs;
import io.socon.messaging.impl.client.net.GrpcNodeApi;
import io.socon.messaging.impl.client.net.NodeConnection;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.Eip191Recovery;
import io.socon.messaging.impl.identity.CustodialIdentityProvider;
import io.socon.messaging.impl.identity.ExternalWalletIdentityProvider;
import io.socon.messaging.impl.identity.HostUserKeys;
import io.socon.messaging.impl.identity.WalletSigner;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.impl.store.client.jdbc.ClientDatabase;
import io.socon.messaging.impl.store.client.jdbc.DataKey;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.spi.identity.IdentityProvider;
import io.socon.messaging.spi.identity.IdentityProviders;
import io.socon.messaging.spi.identity.IdentityResult;
import io.socon.messaging.spi.identity.Signer;
import io.socon.messaging.spi.identity.SigningResult;
import io.socon.messaging.spi.keyvault.KeyVault;
import io.socon.messaging.spi.notify.NotificationSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The implementation of {@link Messaging} for a server with many host users: one XMTP inbox (and installation)
 * per host user, all on one node connection.
 *
 * <ul>
 *   <li><b>Inboxes.</b> Each user's {@code XmtpClient} is opened when work needs it and closed again after the
 *       idle time; its state is a client store of its own (by default an H2 database per user under the data
 *       directory, in a folder named by a hash of the user id), whose data key is wrapped by a key in the
 *       {@link KeyVault}. An idle inbox holds no database connection and no stream.</li>
 *   <li><b>One connection, two streams.</b> Every client shares the node connection, and one group-message
 *       stream and one welcome stream watch all users' conversations and installations together; what they hear
 *       wakes the users concerned (their engines fetch and decrypt), feeds their {@code Flow.Publisher} streams,
 *       and, for a user no stream would show the message to, the {@link NotificationSink}s.</li>
 *   <li><b>Identity.</b> The {@link IdentityProvider}s decide each user's wallet: custodial wallets sign at once
 *       (a secp256k1 key per user in the vault), a user's own wallet gets a {@link WalletChallenge} with XMTP's
 *       exact identity text, kept until it expires, and {@link #submitSignature} finishes the registration.</li>
 *   <li><b>Threads.</b> Operations run on virtual threads, a bounded number at once; streams deliver on threads of
 *       their own.</li>
 * </ul>
 *
 * <p>Build one with {@link #builder()}; inside a Jakarta server the {@code impl.jakarta} producer builds it from
 * MicroProfile Config. Thread-safe.
 */
public final class MessagingService implements Messaging {

    private static final System.Logger LOG = System.getLogger(MessagingService.class.getName());

    /** The API's stream buffer per subscriber. */
    static final int STREAM_CAPACITY = 1024;

    private record Challenge(WalletChallenge challenge, String hash, HostUser user,
                             XmtpClient.PendingRegistration registration) {
    }

    private final NodeApi node;
    private final AutoCloseable ownedNode;
    private final ClientDatabase clients;
    private final AutoCloseable ownedDatabase;
    private final KeyVault vault;
    private final String keyPrefix;
    private final List<IdentityProvider> providers;
    private final Notifier notifier;
    private final UserDirectory directory;
    private final NodeWatcher watcher;
    private final OperationExecutor ops;
    private final ExecutorService signals;
    private final ScheduledExecutorService sweeper;
    private final Map<String, InboxSession> sessions = new ConcurrentHashMap<>();
    private final Map<WalletChallenge.Id, Challenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, WalletChallenge.Id> challengeOfUser = new ConcurrentHashMap<>();
    private final ContentCodecs codecs = ContentCodecs.standard();
    private final Duration idleTimeout;
    private final Clock clock;
    private final SecureRandom random;
    private volatile boolean closed;

    private MessagingService(Builder b, DataSource database, AutoCloseable ownedDatabase) {
        this.ownedDatabase = ownedDatabase;
        this.clients = ClientDatabase.on(database);
        if (b.dataDirectory != null) {
            if (ownedDatabase == null) {
                EmbeddedMessagingDatabase.moveInto(b.dataDirectory.resolve("directory"), database);
            }
            LegacyClientStores.importInto(b.dataDirectory.resolve("users"), clients);
        }
        this.directory = UserDirectory.on(database);
        this.node = b.nodeApi;
        this.ownedNode = b.ownedNode;
        this.vault = b.vault;
        this.keyPrefix = b.keyPrefix;
        this.clock = b.clock;
        this.random = b.random;
        this.idleTimeout = b.idleTimeout;
        List<IdentityProvider> chosen = new ArrayList<>(b.providers);
        if (chosen.isEmpty()) {
            chosen.add(new ExternalWalletIdentityProvider(ExternalWalletIdentityProvider.addressAsUserId(),
                    b.challengeTtl, clock, ExternalWalletIdentityProvider.DEFAULT_PRIORITY));
            chosen.add(new CustodialIdentityProvider(vault, keyPrefix));
        }
        this.providers = List.copyOf(chosen);
        this.ops = new OperationExecutor(b.maxConcurrent, b.maxWaiting);
        this.signals = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("socon-stream-", 0).factory());
        this.notifier = new Notifier(b.sinks, b.previews, signals);
        this.watcher = new NodeWatcher(node, new NodeWatcher.Events() {
            @Override
            public void groupMessage(String groupId, long nodeId) {
                for (String hash : directory.usersInGroup(groupId)) {
                    InboxSession session = known(hash);
                    if (session != null) {
                        session.syncAsked(groupId, nodeId);
                    }
                }
            }

            @Override
            public void welcome(String installationId, long welcomeId) {
                directory.byInstallation(installationId).map(u -> known(u.hash()))
                        .ifPresent(session -> session.welcomesAsked(welcomeId));
            }
        });
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "socon-messaging-idle");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(idleTimeout.toMillis() / 2, 30_000));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
        watcher.watchInstallations(directory.installationCursors());
        watcher.watchGroups(directory.groupCursors());
    }

    /** A builder; see {@link Builder} for what is required. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ Messaging

    @Override
    public CompletionStage<Inbox> openInbox(HostUser user) {
        if (user == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "user must not be null");
        }
        return ops.submit(() -> open(user));
    }

    private Inbox open(HostUser user) {
        checkOpen();
        String hash = HostUserKeys.hash(user);
        IdentityResult identity = IdentityProviders.resolve(providers, user);
        if (identity.status() != IdentityResult.Status.RESOLVED) {
            throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, identity.status()
                    == IdentityResult.Status.DENIED ? "the identity providers deny this user an inbox"
                    : "no identity provider knows this user; configure one that does");
        }
        Signer signer = identity.signer().orElseThrow();
        String address = signer.address().value();
        InboxSession known = known(hash);
        InboxSession session = known != null ? known
                : sessions.computeIfAbsent(hash, h -> new InboxSession(this, h, user, Optional.empty()));
        synchronized (session.registration) {
            Optional<InboxInfo> info = session.info();
            if (info.isPresent()) {
                requireWallet(info.get().address().value(), address);
                return new InboxHandle(session);
            }
            ClientStore store = openStore(hash);
            boolean handedOver = false;
            try {
                if (XmtpClient.isRegistered(store)) {
                    XmtpClient client = XmtpClient.open(settings(store, Optional.of(addressOnly(address))));
                    handedOver = true;
                    session.adopt(client);
                    return new InboxHandle(session);
                }
                Challenge waiting = pendingChallenge(hash);
                if (waiting != null && waiting.registration().walletAddress().equals(address)) {
                    throw new SignatureRequiredException(waiting.challenge());
                }
                XmtpClient.PendingRegistration registration = XmtpClient.prepareRegistration(
                        settings(store, Optional.empty()), address);
                SigningResult signed = signer.sign(registration.signatureText());
                switch (signed) {
                    case SigningResult.Signed s -> {
                        XmtpClient client = XmtpClient.completeRegistration(settings(store, Optional.empty()),
                                registration, s.signature());
                        handedOver = true;
                        session.adopt(client);
                        LOG.log(System.Logger.Level.INFO, "registered the inbox {0} of user {1}", client.inboxId(),
                                hash);
                        return new InboxHandle(session);
                    }
                    case SigningResult.Pending p -> {
                        WalletChallenge challenge = p.challenge();
                        if (!challenge.text().equals(registration.signatureText())
                                || !challenge.address().value().equals(address)) {
                            throw new MessagingException(ErrorCode.INTERNAL, "the signer " + signer + " asked its"
                                    + " wallet to sign another text or address than it was given");
                        }
                        Challenge entry = new Challenge(challenge, hash, user, registration);
                        WalletChallenge.Id before = challengeOfUser.put(hash, challenge.id());
                        if (before != null) {
                            challenges.remove(before);
                        }
                        challenges.put(challenge.id(), entry);
                        throw new SignatureRequiredException(challenge);
                    }
                }
            } finally {
                if (!handedOver) {
                    store.close();
                }
            }
        }
    }

    private static void requireWallet(String inboxWallet, String providerWallet) {
        if (!inboxWallet.equals(providerWallet)) {
            throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "this user's inbox belongs to wallet "
                    + inboxWallet + ", but the identity providers now name " + providerWallet);
        }
    }

    private Challenge pendingChallenge(String hash) {
        WalletChallenge.Id id = challengeOfUser.get(hash);
        if (id == null) {
            return null;
        }
        Challenge c = challenges.get(id);
        if (c == null || !c.challenge().expiresAt().isAfter(clock.instant())) {
            forget(id);
            return null;
        }
        return c;
    }

    private void forget(WalletChallenge.Id id) {
        Challenge c = challenges.remove(id);
        if (c != null) {
            challengeOfUser.remove(c.hash(), id);
        }
    }

    @Override
    public CompletionStage<Inbox> submitSignature(WalletChallenge.Id challenge, byte[] signature) {
        if (challenge == null || signature == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "challenge and signature must not be null");
        }
        if (signature.length != Eip191.SIGNATURE_LENGTH) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "an EIP-191 signature is 65 bytes (r, s, v),"
                    + " got " + signature.length);
        }
        byte[] sig = signature.clone();
        return ops.submit(() -> complete(challenge, sig));
    }

    private Inbox complete(WalletChallenge.Id id, byte[] signature) {
        checkOpen();
        Challenge pending = challenges.get(id);
        Instant now = clock.instant();
        if (pending == null || !pending.challenge().expiresAt().isAfter(now)) {
            if (pending != null) {
                forget(id);
            }
            throw new MessagingException(ErrorCode.WALLET_SIGNATURE_INVALID, "challenge " + id + " is unknown or"
                    + " expired; open the inbox again to get a new one");
        }
        String expected = pending.challenge().address().value();
        Eip191Recovery recovered;
        try {
            recovered = Eip191.recover(pending.challenge().text(), signature);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(ErrorCode.WALLET_SIGNATURE_INVALID, "the signature is malformed: "
                    + e.getMessage(), e);
        }
        if (!recovered.address().equals(expected)) {
            throw new MessagingException(ErrorCode.WALLET_SIGNATURE_INVALID, "the signature recovers to "
                    + recovered.address() + ", not to the wallet " + expected + " that must sign challenge " + id);
        }
        InboxSession session = sessions.computeIfAbsent(pending.hash(),
                h -> new InboxSession(this, h, pending.user(), Optional.empty()));
        synchronized (session.registration) {
            if (session.info().isEmpty()) {
                ClientStore store = openStore(pending.hash());
                XmtpClient client;
                try {
                    client = XmtpClient.completeRegistration(settings(store, Optional.empty()),
                            pending.registration(), signature);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
                session.adopt(client);
                LOG.log(System.Logger.Level.INFO, "registered the inbox {0} of user {1} with their own wallet",
                        client.inboxId(), pending.hash());
            }
            forget(id);
            return new InboxHandle(session);
        }
    }

    /** Closes every inbox, ends their streams, stops the node streams and releases the directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sweeper.shutdownNow();
        watcher.close();
        ops.close();
        sessions.values().forEach(InboxSession::close);
        signals.shutdown();
        notifier.close();
        clients.close();
        closeQuietly(ownedDatabase, "the messaging database");
        closeQuietly(ownedNode, "the node connection");
    }

    private static void closeQuietly(AutoCloseable resource, String what) {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + what + " failed: " + e, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ for the sessions

    OperationExecutor ops() {
        return ops;
    }

    ExecutorService signals() {
        return signals;
    }

    UserDirectory directory() {
        return directory;
    }

    NodeWatcher watcher() {
        return watcher;
    }

    Notifier notifier() {
        return notifier;
    }

    int streamCapacity() {
        return STREAM_CAPACITY;
    }

    ClientStore openStore(String hash) {
        return clients.open(hash, DataKey.wrappedBy(vault, HostUserKeys.storeKey(keyPrefix, hash)));
    }

    XmtpClient.Settings settings(ClientStore store, Optional<WalletSigner> wallet) {
        return new XmtpClient.Settings(new SharedNodeApi(node), store, wallet, codecs, random, clock);
    }

    /** The session of a user the directory knows (created on first need), or null. */
    private InboxSession known(String hash) {
        InboxSession session = sessions.get(hash);
        if (session != null) {
            return session;
        }
        Optional<UserDirectory.User> user = directory.user(hash);
        if (user.isEmpty()) {
            return null;
        }
        UserDirectory.User u = user.get();
        InboxInfo info = new InboxInfo(InboxId.of(u.inboxId()), EthereumAddress.of(u.address()),
                InstallationId.of(u.installationId()));
        return sessions.computeIfAbsent(hash, h -> new InboxSession(this, h, u.user(), Optional.of(info)));
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            long idle = idleTimeout.toNanos();
            for (InboxSession session : sessions.values()) {
                if (session.closeIfIdle(now, idle)) {
                    LOG.log(System.Logger.Level.DEBUG, "closed the idle inbox of user {0}", session.hash());
                }
            }
            Instant instant = clock.instant();
            for (Challenge c : List.copyOf(challenges.values())) {
                if (!c.challenge().expiresAt().isAfter(instant)) {
                    forget(c.challenge().id());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the idle sweep failed: " + e, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new MessagingException(ErrorCode.CLOSED, "Socon Messaging is closed");
        }
    }

    /** A wallet that only names its address: for opening registered inboxes, which sign nothing. */
    private static WalletSigner addressOnly(String address) {
        return new WalletSigner() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public byte[] signPersonalMessage(String text) {
                throw new MessagingException(ErrorCode.WALLET_SIGNATURE_REQUIRED,
                        "this inbox is registered; nothing should need the wallet now");
            }
        };
    }

    // ------------------------------------------------------------------------------------------ for tests

    /** Whether the user's client is open now (not idle-closed). */
    boolean clientOpen(HostUser user) {
        InboxSession session = sessions.get(HostUserKeys.hash(user));
        return session != null && session.clientOpen();
    }

    @Override
    public String toString() {
        return "MessagingService[" + sessions.size() + " users" + (closed ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------------------------------ builder

    /**
     * Builds a {@link MessagingService} outside a Jakarta server (inside one, inject {@code Messaging}).
     *
     * <p>Required: the node ({@link #node(URI)} or {@link #nodeConnection}), the key vault with its key URI prefix,
     * and where the messaging state lives: a {@link #database} (the user directory and every user's client store,
     * H2 or PostgreSQL), or a {@link #dataDirectory} for an embedded H2 database (both: the database, and earlier
     * versions' per-user stores found in the directory are imported into it). Everything else has a default:
     * identity providers (the external wallet one for users whose id is an Ethereum address, then a custodial wallet
     * for everyone else), no notification sinks, a 5-minute idle time, 64 concurrent operations.
     *
     * <pre>{@code
     * Messaging messaging = MessagingService.builder()
     *         .node(URI.create("http://127.0.0.1:5556"))
     *         .keyVault(FileKeyVault.open(Path.of("vault.p12"), password, "file-vault://"), "file-vault://")
     *         .dataDirectory(Path.of("socon-data/messaging"))
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private NodeApi nodeApi;
        private AutoCloseable ownedNode;
        private KeyVault vault;
        private String keyPrefix;
        private Path dataDirectory;
        private DataSource database;
        private final List<IdentityProvider> providers = new ArrayList<>();
        private final List<NotificationSink> sinks = new ArrayList<>();
        private boolean previews;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration challengeTtl = ExternalWalletIdentityProvider.DEFAULT_CHALLENGE_TTL;
        private int maxConcurrent = 64;
        private int maxWaiting = 10_000;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random = new SecureRandom();

        private Builder() {
        }

        /** Connects to the node at {@code http://host:port} or {@code https://host:port}; closed with the service. */
        public Builder node(URI node) {
            Objects.requireNonNull(node, "node");
            NodeConnection connection = NodeConnection.open(node);
            return node(GrpcNodeApi.over(connection), connection);
        }

        /** Uses an open connection to the node; the caller closes it after the service. */
        public Builder nodeConnection(NodeConnection connection) {
            Objects.requireNonNull(connection, "connection");
            return node(GrpcNodeApi.over(connection), null);
        }

        private Builder node(NodeApi api, AutoCloseable owned) {
            closeOwnedNode();
            this.nodeApi = api;
            this.ownedNode = owned;
            return this;
        }

        /**
         * The key vault that holds the custodial wallet keys and the keys wrapping each client store's data key;
         * the caller closes it after the service.
         *
         * @param keyPrefix the vault's key URI prefix, such as {@code memory://}; the service's keys are named
         *                  {@code <prefix>socon/...}
         */
        public Builder keyVault(KeyVault vault, String keyPrefix) {
            this.vault = Objects.requireNonNull(vault, "vault");
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * Where the embedded H2 messaging database lives ({@code <directory>/directory/socon-messaging.mv.db}) unless
         * a {@link #database} is given. With both, an embedded database found here (from runs without one) is moved
         * into the given database at start, its folder renamed {@code directory.moved}. Per-user stores of earlier
         * versions found in {@code <directory>/users} are imported into the messaging database (either one).
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The database (H2 or PostgreSQL) that holds the user directory and every user's client store, e.g. a
         * container-managed data source; its schema is migrated at start. The caller closes it after the service.
         * It may be the node's database too (the tables do not overlap).
         */
        public Builder database(DataSource dataSource) {
            this.database = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The identity providers, replacing the defaults (external wallet for address user ids, then custodial);
         * asked by priority.
         */
        public Builder identityProviders(List<? extends IdentityProvider> list) {
            providers.clear();
            list.forEach(p -> providers.add(Objects.requireNonNull(p, "identity provider")));
            return this;
        }

        /** Adds an identity provider (replacing the defaults once any is added). */
        public Builder addIdentityProvider(IdentityProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** How long a default external-wallet challenge stays valid (10 minutes by default). */
        public Builder challengeTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("the challenge time to live must be positive");
            }
            this.challengeTtl = ttl;
            return this;
        }

        /** The notification sinks (none by default); every sink gets every notification it accepts. */
        public Builder notificationSinks(List<? extends NotificationSink> list) {
            sinks.clear();
            list.forEach(s -> sinks.add(Objects.requireNonNull(s, "notification sink")));
            return this;
        }

        /** Adds a notification sink. */
        public Builder addNotificationSink(NotificationSink sink) {
            sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Whether notifications carry the beginning of the text (off by default: plaintext leaves the server). */
        public Builder notificationPreviews(boolean enabled) {
            this.previews = enabled;
            return this;
        }

        /** How long an unused inbox keeps its client open (5 minutes by default). */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the idle timeout must be positive");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * How many operations run at once (64 by default) and how many more may wait (10,000) before calls fail with
         * {@code RATE_LIMITED}.
         */
        public Builder maxConcurrentOperations(int concurrent, int waiting) {
            this.maxConcurrent = concurrent;
            this.maxWaiting = waiting;
            return this;
        }

        /** The clock (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for keys (tests). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Builds and starts the service: opens the user directory and subscribes the node streams for the users it
         * knows.
         *
         * @throws IllegalStateException if the node, the key vault or the data directory is missing
         */
        public MessagingService build() {
            HikariDataSource owned = null;
            try {
                check();
                DataSource chosen = database;
                if (chosen == null) {
                    Path folder = dataDirectory.resolve("directory");
                    try {
                        Files.createDirectories(folder);
                    } catch (IOException e) {
                        throw new StoreException("cannot create the messaging database's folder " + folder + ": " + e,
                                e);
                    }
                    owned = Database.pool(EmbeddedMessagingDatabase.url(folder), null, null, "socon-messaging", 16,
                            "the messaging database");
                    chosen = owned;
                }
                return new MessagingService(this, chosen, owned);
            } catch (RuntimeException e) {
                if (owned != null) {
                    owned.close();
                }
                closeOwnedNode();
                throw e;
            }
        }

        private void check() {
            if (nodeApi == null) {
                throw new IllegalStateException("set the node: node(URI) or nodeConnection(...)");
            }
            if (vault == null) {
                throw new IllegalStateException("set the key vault: keyVault(vault, prefix)");
            }
            if (dataDirectory == null && database == null) {
                throw new IllegalStateException("set where the messaging state lives: database(dataSource) or"
                        + " dataDirectory(path)");
            }
            if (!vault.handles(HostUserKeys.storeKey(keyPrefix, "0".repeat(64)))) {
                throw new IllegalStateException("the key vault " + vault.name() + " does not handle key URIs that"
                        + " start with " + keyPrefix + "; give its own prefix");
            }
            if (maxConcurrent < 1 || maxWaiting < 0) {
                throw new IllegalStateException("maxConcurrentOperations needs at least 1 running and 0 waiting");
            }
        }

        private void closeOwnedNode() {
            if (ownedNode != null) {
                try {
                    ownedNode.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "closing the node connection failed: " + e, e);
                }
                ownedNode = null;
            }
        }
    }
}
