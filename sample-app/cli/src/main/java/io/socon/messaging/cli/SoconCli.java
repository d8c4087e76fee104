package io.socon.messaging.cli;

import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.impl.client.ClientConversation;
import io.socon.messaging.impl.client.ClientMessage;
import io.socon.messaging.impl.client.XmtpClient;
import io.socon.messaging.impl.client.XmtpGroupRules;
import io.socon.messaging.impl.identity.WalletSigner;
import io.socon.messaging.impl.keyvault.FileKeyVault;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.spi.keyvault.KeyKind;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * socon-cli: a command-line XMTP client on Socon's Java client engine. Every command prints JSON, one object per
 * line, on standard output; errors go to standard error with a non-zero exit code.
 */
@Command(name = "socon-cli", mixinStandardHelpOptions = true, versionProvider = SoconCli.Version.class,
        description = "A command-line XMTP client (Socon Messaging). Prints JSON, one object per line.",
        subcommands = {SoconCli.Init.class, SoconCli.CanMessage.class, SoconCli.Dm.class, SoconCli.GroupCommand.class,
                SoconCli.Send.class, SoconCli.React.class, SoconCli.ReplyTo.class, SoconCli.Sync.class,
                SoconCli.Conversations.class, SoconCli.Messages.class, SoconCli.Stream.class})
public final class SoconCli {

    /** Exit code for failures the user can fix (bad input, unknown ids). */
    static final int EXIT_FAILED = 1;
    /** Exit code for the node or the local state being unavailable. */
    static final int EXIT_UNAVAILABLE = 3;

    /** Libraries silenced unless --verbose; held here so that java.util.logging keeps their levels. */
    private static final List<java.util.logging.Logger> LIBRARY_LOGGERS = java.util.stream.Stream.of("io.grpc",
            "io.netty", "io.grpc.netty.shaded.io.netty", "com.zaxxer.hikari", "org.flywaydb", "org.h2")
            .map(java.util.logging.Logger::getLogger).toList();

    @Spec
    CommandSpec spec;

    URI node;

    @Option(names = "--node", defaultValue = "http://127.0.0.1:5556", paramLabel = "URL",
            description = "The XMTP node (http:// or https://). Default: ${DEFAULT-VALUE}")
    void node(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--node must be an http:// or https:// URL "
                    + "with a host, like http://127.0.0.1:5556; got '" + url + "'");
        }
        node = uri;
    }

    @Option(names = "--home", paramLabel = "DIR", defaultValue = "${sys:user.home}/.socon-cli",
            description = "Where the CLI keeps its keys and messages. Default: ${DEFAULT-VALUE}")
    Path home;

    @Option(names = "--verbose", description = "Log what the client does (to standard error).")
    boolean verbose;

    PrintWriter out;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        SoconCli cli = new SoconCli();
        cli.out = out;
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("error: " + describe(e));
            err.flush();
            return exitCode(e);
        });
        return commandLine.execute(args);
    }

    /** One line for people: the message of the failure that explains it (with its error code when it has one). */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MessagingException || t instanceof InvalidValueException || t instanceof CliHome.InUse) {
                return t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** 3 when the node or the home is unavailable (trying again later may work), 1 otherwise. */
    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MessagingException m) {
                return m.retryable() ? EXIT_UNAVAILABLE : EXIT_FAILED;
            }
            if (t instanceof CliHome.InUse || t instanceof StoreException || t instanceof java.io.IOException
                    || t instanceof java.io.UncheckedIOException) {
                return EXIT_UNAVAILABLE;
            }
        }
        return EXIT_FAILED;
    }

    /**
     * Keeps library logs (Flyway, HikariCP, gRPC, Netty) off the terminal unless --verbose: the CLI's output is its
     * JSON and its errors are reported once, as one line. gRPC logs connection failures as warnings with stack
     * traces; the command then fails with the same cause.
     */
    void configureLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING;
        root.setLevel(level);
        for (java.util.logging.Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        for (java.util.logging.Logger logger : LIBRARY_LOGGERS) {
            logger.setLevel(verbose ? null : java.util.logging.Level.OFF);
        }
    }

    /** Opens the client of the home, runs {@code work}, closes everything. */
    <T> T withClient(Function<XmtpClient, T> work) {
        configureLogging();
        CliHome cliHome = new CliHome(home);
        if (!cliHome.initialized()) {
            throw new MessagingException(io.socon.messaging.api.ErrorCode.IDENTITY_NOT_AVAILABLE,
                    "no client in " + cliHome.dir() + "; run 'socon-cli init' first");
        }
        CliHome.Lock lock = CliHome.lock(cliHome.dir());
        try (FileKeyVault vault = cliHome.openVault();
             XmtpClient client = cliHome.openClient(node, vault, Optional.of(CliHome.wallet(vault)))) {
            return work.apply(client);
        } finally {
            lock.close();
        }
    }

    void print(Json json) {
        out.println(json);
        out.flush();
    }

    static Json identity(XmtpClient client) {
        return Json.object().put("address", client.address()).put("inboxId", client.inboxId())
                .put("installationId", client.installationId());
    }

    static Json conversation(ClientConversation c) {
        return Json.object().put("id", c.id()).put("type", c.dm() ? "dm" : "group")
                .put("name", c.dm() ? null : c.name()).put("peerInboxId", c.peerInboxId())
                .put("members", sorted(c.memberInboxIds())).put("admins", sorted(c.admins()))
                .put("superAdmins", sorted(c.superAdmins())).put("active", c.active())
                .put("createdAtNs", c.createdAtNs());
    }

    /** Inbox ids in a stable order (the engine's sets and maps have none). */
    private static List<String> sorted(java.util.Collection<String> inboxIds) {
        return inboxIds.stream().sorted().toList();
    }

    static Json message(ClientMessage m) {
        Json json = Json.object().put("id", m.id()).put("conversationId", m.conversationId())
                .put("senderInboxId", m.senderInboxId()).put("contentType", m.contentType().toString());
        m.groupUpdate().ifPresentOrElse(u -> json.put("groupUpdate", Json.object()
                        .put("initiatedBy", u.initiatedBy().map(Object::toString))
                        .put("added", u.added().stream().map(Object::toString).toList())
                        .put("removed", u.removed().stream().map(Object::toString).toList())
                        .put("metadataChanges", u.metadataChanges().stream().map(c -> Json.object()
                                .put("field", c.field()).put("oldValue", c.oldValue())
                                .put("newValue", c.newValue())).toList())),
                () -> content(m.content(), json));
        return json.put("sentAt", Instant.EPOCH.plusNanos(m.sentAtNs()).toString()).put("sentAtNs", m.sentAtNs())
                .put("published", m.published());
    }

    private static void content(Content content, Json json) {
        switch (content) {
            case Text t -> json.put("text", t.text());
            case Reaction r -> json.put("reaction", Json.object().put("reference", r.reference().value())
                    .put("action", r.action().name().toLowerCase(java.util.Locale.ROOT))
                    .put("schema", r.schema().name().toLowerCase(java.util.Locale.ROOT)).put("emoji", r.emoji()));
            case Reply r -> {
                Json inner = Json.object().put("contentType", r.content().type().toString());
                content(r.content(), inner);
                json.put("reply", Json.object().put("reference", r.reference().value()).put("content", inner));
            }
            case Unknown u -> json.put("fallback", u.fallback());
            default -> json.put("fallback", content.fallback());
        }
    }

    // ================================================================ commands

    @Command(name = "init", description = "Creates this home's XMTP identity (or shows it if it exists).")
    static final class Init implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Option(names = "--wallet-key", paramLabel = "HEX",
                description = "The wallet's secp256k1 private key in hex (default: a fresh key). Kept in the "
                        + "home's key vault, never printed.")
        String walletKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            cli.configureLogging();
            if (walletKey != null) {
                java.util.Arrays.fill(parseKey(walletKey), (byte) 0); // refuse a bad key before making the home
            }
            CliHome home = new CliHome(cli.home);
            CliHome.Lock lock = CliHome.lock(home.dir());
            try (FileKeyVault vault = home.openVault()) {
                if (vault.find(CliHome.WALLET_KEY).isEmpty()) {
                    if (walletKey != null) {
                        byte[] key = parseKey(walletKey);
                        vault.importPrivateKey(CliHome.WALLET_KEY, KeyKind.SECP256K1, key);
                        java.util.Arrays.fill(key, (byte) 0);
                    } else {
                        vault.generate(CliHome.WALLET_KEY, KeyKind.SECP256K1);
                    }
                } else if (walletKey != null) {
                    WalletSigner existing = CliHome.wallet(vault);
                    byte[] key = parseKey(walletKey);
                    String given = io.socon.messaging.impl.crypto.EthereumAddresses.fromPrivateKey(key);
                    java.util.Arrays.fill(key, (byte) 0);
                    if (!given.equals(existing.address())) {
                        throw new MessagingException(io.socon.messaging.api.ErrorCode.INVALID_ARGUMENT,
                                "this home already belongs to wallet " + existing.address()
                                        + "; use another --home for wallet " + given);
                    }
                }
                try (XmtpClient client = home.openClient(cli.node, vault, Optional.of(CliHome.wallet(vault)))) {
                    cli.print(identity(client));
                }
            } finally {
                lock.close();
            }
            return 0;
        }

        /** secp256k1's group order: a private key is a number from 1 to n - 1. */
        private static final java.math.BigInteger CURVE_ORDER =
                new java.math.BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

        /** The key's 32 bytes; a usage error (exit code 2) unless it is a secp256k1 private key in hex. */
        private byte[] parseKey(String hex) {
            String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
            if (!h.matches("[0-9a-fA-F]{64}")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--wallet-key must be a secp256k1 private key: 32 bytes in hex (64 hex digits, optionally "
                                + "with 0x); got " + h.length() + " characters");
            }
            java.math.BigInteger k = new java.math.BigInteger(h, 16);
            if (k.signum() == 0 || k.compareTo(CURVE_ORDER) >= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--wallet-key is not a valid secp256k1 private key (it must be between 1 and the curve order)");
            }
            return HexFormat.of().parseHex(h);
        }
    }

    @Command(name = "can-message", description = "Whether each address has an XMTP inbox.")
    static final class CanMessage implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                Map<String, Optional<String>> found = client.inboxIdsOf(addresses);
                found.forEach((address, inbox) -> cli.print(Json.object().put("address", address)
                        .put("canMessage", inbox.isPresent()).put("inboxId", inbox)));
                return 0;
            });
        }
    }

    @Command(name = "dm", description = "Sends a text in the DM with a member (opened if new).")
    static final class Dm implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(index = "0", paramLabel = "ADDRESS|INBOX")
        String peer;

        @Option(names = "--text", required = true, paramLabel = "T")
        String text;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                // Join the DM the peer may have opened first: without this, each side would make its own DM
                client.syncAll();
                ClientConversation dm = client.findOrCreateDm(peer);
                ClientMessage sent = client.send(dm.id(), Text.of(text));
                cli.print(message(sent));
                return 0;
            });
        }
    }

    @Command(name = "group", description = "Creates groups and changes their members.",
            subcommands = {GroupCreate.class, GroupAdd.class, GroupRemove.class, GroupRename.class})
    static final class GroupCommand {
        @ParentCommand
        SoconCli cli;
    }

    @Command(name = "create", description = "Creates a group with these members; you are its super admin.")
    static final class GroupCreate implements Callable<Integer> {
        @ParentCommand
        GroupCommand group;

        @Option(names = "--member", required = true, arity = "1..*", paramLabel = "ADDRESS|INBOX")
        List<String> members;

        @Option(names = "--name", paramLabel = "N", defaultValue = "")
        String name;

        @Option(names = "--description", paramLabel = "D", defaultValue = "")
        String description;

        @Override
        public Integer call() {
            SoconCli cli = group.cli;
            return cli.withClient(client -> {
                cli.print(conversation(client.createGroup(members, new XmtpGroupRules.NewGroup(name, description,
                        ""))));
                return 0;
            });
        }
    }

    @Command(name = "add", description = "Adds members (all their installations) to a group.")
    static final class GroupAdd implements Callable<Integer> {
        @ParentCommand
        GroupCommand group;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER")
        List<String> members;

        @Override
        public Integer call() {
            SoconCli cli = group.cli;
            return cli.withClient(client -> {
                client.syncAll();
                cli.print(conversation(client.addMembers(id, members)));
                return 0;
            });
        }
    }

    @Command(name = "remove", description = "Removes members (all their installations) from a group.")
    static final class GroupRemove implements Callable<Integer> {
        @ParentCommand
        GroupCommand group;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "MEMBER")
        List<String> members;

        @Override
        public Integer call() {
            SoconCli cli = group.cli;
            return cli.withClient(client -> {
                client.syncAll();
                cli.print(conversation(client.removeMembers(id, members)));
                return 0;
            });
        }
    }

    @Command(name = "rename", description = "Renames a group.")
    static final class GroupRename implements Callable<Integer> {
        @ParentCommand
        GroupCommand group;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            SoconCli cli = group.cli;
            return cli.withClient(client -> {
                client.syncAll();
                cli.print(conversation(client.rename(id, name)));
                return 0;
            });
        }
    }

    @Command(name = "send", description = "Sends a text to a conversation.")
    static final class Send implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--text", required = true, paramLabel = "T")
        String text;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                client.syncAll();
                cli.print(message(client.send(id, Text.of(text))));
                return 0;
            });
        }
    }

    @Command(name = "react", description = "Reacts to a message with an emoji.")
    static final class React implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "MESSAGE_ID")
        String messageId;

        @Parameters(index = "2", paramLabel = "EMOJI")
        String emoji;

        @Option(names = "--remove", description = "Take the reaction back.")
        boolean remove;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                client.syncAll();
                MessageId reference = MessageId.of(messageId);
                Reaction reaction = remove ? Reaction.remove(reference, emoji) : Reaction.add(reference, emoji);
                cli.print(message(client.send(id, reaction)));
                return 0;
            });
        }
    }

    @Command(name = "reply", description = "Replies to a message with a text.")
    static final class ReplyTo implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "MESSAGE_ID")
        String messageId;

        @Option(names = "--text", required = true, paramLabel = "T")
        String text;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                client.syncAll();
                cli.print(message(client.send(id, Reply.text(MessageId.of(messageId), text))));
                return 0;
            });
        }
    }

    @Command(name = "sync", description = "Fetches new conversations and messages.")
    static final class Sync implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                XmtpClient.SyncSummary s = client.syncAll();
                cli.print(Json.object().put("conversationsJoined", s.conversationsJoined())
                        .put("messagesStored", s.messagesStored()));
                return 0;
            });
        }
    }

    @Command(name = "conversations", description = "Lists conversations, most recently active first.")
    static final class Conversations implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Option(names = "--no-sync", description = "List what is stored without asking the node.")
        boolean noSync;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                if (!noSync) {
                    client.syncAll();
                }
                client.conversations().forEach(c -> cli.print(conversation(c)));
                return 0;
            });
        }
    }

    @Command(name = "messages", description = "Lists a conversation's messages, oldest first.")
    static final class Messages implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--no-sync", description = "List what is stored without asking the node.")
        boolean noSync;

        @Override
        public Integer call() {
            return cli.withClient(client -> {
                if (!noSync) {
                    client.syncAll();
                }
                if (client.conversation(id).isEmpty()) {
                    throw new MessagingException(io.socon.messaging.api.ErrorCode.CONVERSATION_NOT_FOUND,
                            "no conversation " + id + " (run 'socon-cli conversations' to list them)");
                }
                client.messages(id).forEach(m -> cli.print(message(m)));
                return 0;
            });
        }
    }

    @Command(name = "stream", description = "Prints new messages as they arrive (all conversations).")
    static final class Stream implements Callable<Integer> {
        @ParentCommand
        SoconCli cli;

        @Spec
        CommandSpec spec;

        Long seconds;

        @Option(names = "--seconds", paramLabel = "N",
                description = "Stop after N seconds (default: run until interrupted).")
        void seconds(long n) {
            if (n <= 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be positive, got " + n);
            }
            seconds = n;
        }

        @Override
        public Integer call() {
            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            // Ctrl-C: stop streaming and close the client (its database) before the JVM goes
            Thread onInterrupt = new Thread(() -> {
                stop.countDown();
                try {
                    closed.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "socon-cli-stop");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                return cli.withClient(client -> {
                    AutoCloseable subscription = client.streamAllMessages(m -> cli.print(message(m)));
                    try {
                        if (seconds == null) {
                            stop.await();
                        } else {
                            stop.await(seconds, TimeUnit.SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        try {
                            subscription.close();
                        } catch (Exception e) {
                            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                        }
                    }
                    return 0;
                });
            } finally {
                closed.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it returns now that the client is closed
                }
            }
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SoconCli.class.getPackage().getImplementationVersion();
            return new String[] {"socon-cli " + (v == null ? "(development build)" : v)};
        }
    }
}
