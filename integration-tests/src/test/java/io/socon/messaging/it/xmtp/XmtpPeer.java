package io.socon.messaging.it.xmtp;

import io.socon.messaging.it.xmtp.XmtpPeerException.Reason;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The real XMTP client (libxmtp, through {@code @xmtp/node-sdk} 6.0.0 on Node.js) as a peer for tests: one
 * process, one client, driven over line-delimited JSON ({@code src/test/node/xmtp-peer/xmtp-peer.mjs}).
 *
 * <pre>{@code
 * try (XmtpPeer alice = XmtpPeer.start("alice"); XmtpPeer bob = XmtpPeer.start("bob")) {
 *     PeerIdentity a = alice.create(CreateOptions.forNode("http://localhost:5556", dir.resolve("alice.db3")));
 *     PeerIdentity b = bob.create(CreateOptions.forNode("http://localhost:5556", dir.resolve("bob.db3")));
 *     bob.streamAllMessages();
 *     PeerConversation dm = alice.newDm(b.inboxId());
 *     alice.sendText(dm.id(), "hi");
 *     PeerMessage got = bob.awaitMessage(m -> "hi".equals(m.text()), Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Every call waits at most {@link #callTimeout()} (60 s unless {@link #setCallTimeout changed}); a refusal
 * from libxmtp comes back as {@link XmtpPeerException} with {@link Reason#REJECTED} and libxmtp's message.
 * Stream events are kept in a bounded queue ({@value #EVENT_CAPACITY}; the oldest are dropped) and taken
 * with the {@code await} methods. The peer's stdout and stderr, libxmtp's log included, go to
 * {@link #logFile()} ({@code target/xmtp-peer-logs/<name>.log}).
 *
 * <p>Where the host glibc is older than 2.38 (Debian 12) Node runs through Debian 13's loader, prepared
 * by {@code glibc-loader.sh} on first use (see {@link GlibcLoader}).
 *
 * <p>System properties (set by failsafe): {@code socon.xmtpPeer.dir} (the installed npm project, default
 * {@code target/xmtp-peer}), {@code socon.xmtpPeer.logDir} (default {@code target/xmtp-peer-logs}),
 * {@code socon.node} (the node binary, default {@code node} on the PATH).
 */
public final class XmtpPeer implements AutoCloseable {

    /** Default time a call may take; libxmtp retries a failing API call for about 2 s before giving up. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** How many unclaimed events are kept. */
    public static final int EVENT_CAPACITY = 10_000;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Makes fd 3 the protocol pipe (what the JVM reads as stdout) and sends fd 1 (libxmtp's log) to stderr. */
    private static final String FD_SWAP = "exec 3>&1 1>&2; exec \"$@\"";
    private static final Set<String> NAMES_USED = new HashSet<>();

    private final String name;
    private final Path logFile;
    private final Process process;
    private final BufferedWriter stdin;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<JsonObject> ready = new CompletableFuture<>();
    private final ReentrantLock eventLock = new ReentrantLock();
    private final Condition eventArrived = eventLock.newCondition();
    private final Deque<PeerEvent> events = new ArrayDeque<>();
    private long droppedEvents;
    private volatile Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private volatile boolean closed;

    private record Pending(String command, CompletableFuture<JsonObject> reply) {
    }

    private XmtpPeer(String name, Path logFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("xmtp-peer-" + name).start(this::readLoop);
    }

    // ---- Lifecycle ------------------------------------------------------------------------------------

    /**
     * Starts a peer process and waits until the SDK has loaded. {@code name} names the log file and the
     * thread; use a short word such as {@code alice}.
     */
    public static XmtpPeer start(String name) {
        Path projectDir = Path.of(System.getProperty("socon.xmtpPeer.dir", "target/xmtp-peer")).toAbsolutePath();
        Path script = projectDir.resolve("xmtp-peer.mjs");
        if (!Files.isDirectory(projectDir.resolve("node_modules/@xmtp/node-sdk")) || !Files.isRegularFile(script)) {
            throw new XmtpPeerException(Reason.STARTUP, null, "the XMTP peer is not installed at " + projectDir
                    + "; run the tests through Maven (./mvnw -pl integration-tests verify), which runs npm ci there",
                    null);
        }
        Path logDir = Path.of(System.getProperty("socon.xmtpPeer.logDir", "target/xmtp-peer-logs")).toAbsolutePath();
        Path logFile = logDir.resolve(name + ".log");

        List<String> command = new ArrayList<>(List.of("bash", "-c", FD_SWAP, "xmtp-peer-" + name));
        command.addAll(GlibcLoader.prefix(projectDir));
        command.add(nodeExecutable());
        command.add(script.toString());
        try {
            Files.createDirectories(logDir);
            startLog(name, logFile, command);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(projectDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("NO_COLOR", "1"); // libxmtp's log without ANSI colours
            Process process = builder.start();
            XmtpPeer peer = new XmtpPeer(name, logFile, process);
            peer.awaitReady();
            return peer;
        } catch (IOException e) {
            throw new XmtpPeerException(Reason.STARTUP, null, "cannot start " + command + ": " + e.getMessage(), null);
        }
    }

    /** The first start of a name in this JVM starts a fresh log; later ones (a restarted peer) append. */
    private static void startLog(String name, Path logFile, List<String> command) throws IOException {
        boolean first;
        synchronized (NAMES_USED) {
            first = NAMES_USED.add(name);
        }
        String header = "==== " + Instant.now() + " starting peer " + name + ": " + String.join(" ", command) + "\n";
        if (first) {
            Files.writeString(logFile, header, StandardCharsets.UTF_8);
        } else {
            Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private static String nodeExecutable() {
        String configured = System.getProperty("socon.node");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // The loader runs a program by path, so find node on the PATH here.
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        throw new XmtpPeerException(Reason.STARTUP, null,
                "no node on the PATH; install Node.js 20+ or set -Dsocon.node=/path/to/node", null);
    }

    private void awaitReady() {
        try {
            ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            kill();
            throw new XmtpPeerException(Reason.STARTUP, null, "peer " + name + " did not start: "
                    + e.getCause().getMessage() + logTail(), null);
        } catch (TimeoutException e) {
            kill();
            throw new XmtpPeerException(Reason.STARTUP, null, "peer " + name + " did not say ready within "
                    + START_TIMEOUT.toSeconds() + " s" + logTail(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new XmtpPeerException(Reason.STARTUP, null, "interrupted while starting peer " + name, null);
        }
    }

    /** Ends the streams, lets the peer exit, and kills it if it does not. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (process.isAlive()) {
                call("close", JsonValue.EMPTY_JSON_OBJECT, CLOSE_TIMEOUT);
            }
        } catch (XmtpPeerException e) {
            // it is going away anyway
        } finally {
            closed = true;
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
            failPending("peer " + name + " was closed");
        }
    }

    private void kill() {
        closed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    /** The peer's stdout and stderr: Node's warnings and libxmtp's log. */
    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** Changes the timeout of every later call on this peer. */
    public void setCallTimeout(Duration timeout) {
        this.callTimeout = timeout;
    }

    // ---- Commands -------------------------------------------------------------------------------------

    /** Versions of the SDK, bindings, Node.js and glibc in the peer process, and the loaded native files. */
    public PeerVersions version() {
        return PeerJson.versions(object(call("version", args().build())));
    }

    /** libxmtp's inbox id for an address and nonce 1, computed offline. */
    public String generateInboxId(String address) {
        return string(call("generateInboxId", args().add("address", address).build()));
    }

    /** Creates a client: a new inbox and installation for a fresh wallet, or a new installation for a known one. */
    public PeerIdentity create(CreateOptions options) {
        return PeerJson.identity(object(call("create", clientArgs(options))));
    }

    /** Reopens an installation from its database ({@code Client.build}); {@code walletKey} may be omitted
     * when this peer created it. */
    public PeerIdentity build(CreateOptions options) {
        return PeerJson.identity(object(call("build", clientArgs(options))));
    }

    public PeerIdentity identity() {
        return PeerJson.identity(object(call("identity", args().build())));
    }

    /** For each address (lowercased): whether the node knows an inbox for it. */
    public Map<String, Boolean> canMessage(Collection<String> addresses) {
        JsonObject result = object(call("canMessage", args().add("addresses", strings(addresses)).build()));
        Map<String, Boolean> answer = new LinkedHashMap<>();
        result.forEach((address, value) -> answer.put(address, value == JsonValue.TRUE));
        return answer;
    }

    public Optional<String> inboxIdFor(String address) {
        return Optional.ofNullable(string(call("inboxIdFor", args().add("address", address).build())));
    }

    /** This client's inbox as the node's identity log has it (fetched from the node). */
    public InboxState inboxState() {
        return PeerJson.inboxState(object(call("inboxState", args().add("refresh", true).build())));
    }

    /**
     * Revokes installations of this client's inbox (hex ids), signed by its wallet ({@code Client.revokeInstallations};
     * needs a client made by {@link #create}); returns the inbox state afterwards.
     */
    public InboxState revokeInstallations(Collection<String> installationIds) {
        return PeerJson.inboxState(object(call("revokeInstallations",
                args().add("installationIds", strings(installationIds)).build())));
    }

    public PeerConversation newDm(String inboxId) {
        return PeerJson.conversation(object(call("newDm", args().add("inboxId", inboxId).build())));
    }

    public PeerConversation newDmByAddress(String address) {
        return PeerJson.conversation(object(call("newDmByAddress", args().add("address", address).build())));
    }

    /** A group of this client and {@code inboxIds}; {@code name} may be null. */
    public PeerConversation newGroup(Collection<String> inboxIds, String name) {
        JsonObjectBuilder args = args().add("inboxIds", strings(inboxIds));
        if (name != null) {
            args.add("name", name);
        }
        return PeerJson.conversation(object(call("newGroup", args.build())));
    }

    public void addMembers(String conversationId, Collection<String> inboxIds) {
        call("addMembers", args().add("conversationId", conversationId).add("inboxIds", strings(inboxIds)).build());
    }

    public void removeMembers(String conversationId, Collection<String> inboxIds) {
        call("removeMembers", args().add("conversationId", conversationId).add("inboxIds", strings(inboxIds)).build());
    }

    /** Sends a text message; returns its id once libxmtp has published it. */
    public String sendText(String conversationId, String text) {
        return string(call("sendText", args().add("conversationId", conversationId).add("text", text).build()));
    }

    /**
     * Reacts to a message with a Unicode emoji ({@code xmtp.org/reaction}, action {@code added}); returns the
     * reaction's message id. The reference inbox id is the sender of {@code messageId} as this peer has it.
     */
    public String sendReaction(String conversationId, String messageId, String emoji) {
        return sendReaction(conversationId, new PeerReaction(messageId, null, "added", emoji, "unicode"));
    }

    /** Takes back a reaction (action {@code removed}); returns the message id. */
    public String removeReaction(String conversationId, String messageId, String emoji) {
        return sendReaction(conversationId, new PeerReaction(messageId, null, "removed", emoji, "unicode"));
    }

    /**
     * Sends any reaction: {@code reference} is the message reacted to; a null {@code referenceInboxId} means
     * that message's sender, a null {@code action} {@code added}, a null {@code schema} {@code unicode}.
     */
    public String sendReaction(String conversationId, PeerReaction reaction) {
        JsonObjectBuilder args = args().add("conversationId", conversationId)
                .add("messageId", reaction.reference()).add("content", reaction.content());
        if (reaction.referenceInboxId() != null) {
            args.add("referenceInboxId", reaction.referenceInboxId());
        }
        if (reaction.action() != null) {
            args.add("action", reaction.action());
        }
        if (reaction.schema() != null) {
            args.add("schema", reaction.schema());
        }
        return string(call("sendReaction", args.build()));
    }

    /** Replies to a message with a text ({@code xmtp.org/reply} around {@code xmtp.org/text}); returns its id. */
    public String sendReply(String conversationId, String messageId, String text) {
        return string(call("sendReply", args().add("conversationId", conversationId).add("messageId", messageId)
                .add("text", text).build()));
    }

    /** A conversation's members with their permission levels. */
    public List<PeerMember> members(String conversationId) {
        return array(call("members", args().add("conversationId", conversationId).build()))
                .getValuesAs(JsonObject.class).stream().map(PeerJson::member).toList();
    }

    public void updateGroupName(String conversationId, String name) {
        call("updateGroupName", args().add("conversationId", conversationId).add("name", name).build());
    }

    public void updateGroupDescription(String conversationId, String description) {
        call("updateGroupDescription", args().add("conversationId", conversationId).add("description", description)
                .build());
    }

    /**
     * Asks to leave a group ({@code Group.requestRemoval}): sends a leave request, after which the conversation
     * is {@linkplain PeerConversation#pendingRemoval() pending removal} until an admin's client removes this one.
     */
    public void leaveGroup(String conversationId) {
        call("leaveGroup", args().add("conversationId", conversationId).build());
    }

    /** Fetches new welcomes (new conversations). */
    public void sync() {
        call("sync", args().build());
    }

    /** Fetches one conversation's new messages. */
    public void sync(String conversationId) {
        call("sync", args().add("conversationId", conversationId).build());
    }

    /** Fetches new welcomes and the new messages of every conversation. */
    public SyncSummary syncAll() {
        JsonObject o = object(call("syncAll", args().build()));
        return new SyncSummary(o.getInt("numEligible"), o.getInt("numSynced"));
    }

    public PeerConversation conversation(String conversationId) {
        return PeerJson.conversation(object(call("conversation", args().add("conversationId", conversationId).build())));
    }

    /** The conversations in the local database (sync first for new ones). */
    public List<PeerConversation> listConversations() {
        return array(call("listConversations", args().build())).getValuesAs(JsonObject.class).stream()
                .map(PeerJson::conversation).toList();
    }

    /**
     * A conversation's messages in the local database, oldest first (sync first for new ones). libxmtp does
     * not list reactions on their own: each listed message carries the reactions to it, removals included
     * ({@link PeerMessage#reactions()}). Streams do deliver reactions as messages.
     */
    public List<PeerMessage> messages(String conversationId) {
        return messages(conversationId, null, false);
    }

    /** At most {@code limit} messages (null: all), newest first when {@code descending}. */
    public List<PeerMessage> messages(String conversationId, Integer limit, boolean descending) {
        JsonObjectBuilder args = args().add("conversationId", conversationId).add("direction", descending ? "desc" : "asc");
        if (limit != null) {
            args.add("limit", limit);
        }
        return array(call("messages", args.build())).getValuesAs(JsonObject.class).stream()
                .map(PeerJson::message).toList();
    }

    public long countMessages(String conversationId) {
        JsonValue v = call("countMessages", args().add("conversationId", conversationId).build());
        return Long.parseLong(v instanceof jakarta.json.JsonString s ? s.getString() : v.toString());
    }

    /**
     * Streams every new message of every conversation (the stream syncs first, as the SDK does) as
     * {@code message} events; returns the stream id.
     */
    public String streamAllMessages() {
        return string(object(call("streamAllMessages", args().build())).get("streamId"));
    }

    /** Streams new conversations as {@code conversation} events ({@code id}, {@code type}); returns the stream id. */
    public String streamConversations() {
        return string(object(call("streamConversations", args().build())).get("streamId"));
    }

    public boolean stopStream(String streamId) {
        return call("stopStream", args().add("streamId", streamId).build()) == JsonValue.TRUE;
    }

    /** libxmtp's counters of API calls this client made, e.g. {@code sendGroupMessages}, {@code getInboxIds}. */
    public Map<String, Long> apiStats() {
        Map<String, Long> stats = new LinkedHashMap<>();
        object(call("apiStats", args().build())).forEach((k, v) -> stats.put(k, Long.parseLong(string(v))));
        return stats;
    }

    /** Writes a marker line into the peer's log, to find a test step there. */
    public void mark(String text) {
        call("mark", args().add("text", text).build());
    }

    /** Any command with the {@linkplain #callTimeout() call timeout}; returns the {@code result}. */
    public JsonValue call(String command, JsonObject args) {
        return call(command, args, callTimeout);
    }

    /** Any command, waiting at most {@code timeout}; returns the {@code result}. */
    public JsonValue call(String command, JsonObject args, Duration timeout) {
        if (closed || !process.isAlive()) {
            throw new XmtpPeerException(Reason.DIED, command, "peer " + name + " is not running" + exitInfo(), null);
        }
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, new Pending(command, reply));
        String line = Json.createObjectBuilder().add("id", id).add("cmd", command).add("args", args).build().toString();
        try {
            synchronized (stdin) {
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            }
            JsonObject answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.getBoolean("ok", false)) {
                return answer.getOrDefault("result", JsonValue.NULL);
            }
            String error = PeerJson.string(answer, "error");
            throw new XmtpPeerException(Reason.REJECTED, command, name + " " + command + ": " + withoutApiStats(error),
                    error);
        } catch (IOException e) {
            throw new XmtpPeerException(Reason.DIED, command, "cannot write to peer " + name + exitInfo(), null);
        } catch (TimeoutException e) {
            throw new XmtpPeerException(Reason.TIMEOUT, command, name + " " + command + " got no answer within "
                    + timeout.toMillis() + " ms (the peer keeps running; see " + logFile + ")", null);
        } catch (ExecutionException e) {
            throw new XmtpPeerException(Reason.DIED, command, e.getCause().getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmtpPeerException(Reason.TIMEOUT, command, "interrupted while waiting for " + command, null);
        } finally {
            pending.remove(id);
        }
    }

    // ---- Events ---------------------------------------------------------------------------------------

    /** Takes the first event (queued or arriving within {@code timeout}) that matches, or throws. */
    public PeerEvent awaitEvent(Predicate<PeerEvent> match, Duration timeout) {
        List<PeerEvent> found = awaitEvents(match, 1, timeout);
        return found.getFirst();
    }

    /** Takes the first {@code count} matching events, waiting at most {@code timeout} in all, or throws. */
    public List<PeerEvent> awaitEvents(Predicate<PeerEvent> match, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        eventLock.lock();
        try {
            while (true) {
                // Nothing is taken until all are there, so a failed wait leaves the queue as it was.
                List<PeerEvent> found = new ArrayList<>();
                for (PeerEvent event : events) {
                    if (found.size() < count && match.test(event)) {
                        found.add(event);
                    }
                }
                if (found.size() == count) {
                    found.forEach(taken -> events.removeIf(e -> e == taken));
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new XmtpPeerException(process.isAlive() ? Reason.TIMEOUT : Reason.DIED, "await",
                            name + ": " + found.size() + " of " + count + " expected events within "
                                    + timeout.toMillis() + " ms; queued: " + summary(events) + exitInfo(), null);
                }
                eventArrived.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmtpPeerException(Reason.TIMEOUT, "await", "interrupted", null);
        } finally {
            eventLock.unlock();
        }
    }

    /** Takes the first streamed message that matches. */
    public PeerMessage awaitMessage(Predicate<PeerMessage> match, Duration timeout) {
        return awaitMessages(match, 1, timeout).getFirst();
    }

    /** Takes the first {@code count} streamed messages that match, in arrival order. */
    public List<PeerMessage> awaitMessages(Predicate<PeerMessage> match, int count, Duration timeout) {
        return awaitEvents(e -> e.message().filter(match).isPresent(), count, timeout).stream()
                .map(e -> e.message().orElseThrow()).toList();
    }

    /** Takes every queued event. */
    public List<PeerEvent> drainEvents() {
        eventLock.lock();
        try {
            List<PeerEvent> all = new ArrayList<>(events);
            events.clear();
            return all;
        } finally {
            eventLock.unlock();
        }
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        eventLock.lock();
        try {
            return droppedEvents;
        } finally {
            eventLock.unlock();
        }
    }

    private static String summary(Collection<PeerEvent> events) {
        if (events.isEmpty()) {
            return "none";
        }
        List<String> kinds = events.stream().limit(10).map(e -> e.message()
                .map(m -> "message(" + (m.text() != null ? '"' + m.text() + '"' : m.contentType()) + ")")
                .orElse(e.kind())).toList();
        return events.size() + " " + kinds + (events.size() > 10 ? "…" : "");
    }

    // ---- Reading the peer ----------------------------------------------------------------------------

    private void readLoop() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String exited = "peer " + name + " exited" + exitInfo();
            ready.completeExceptionally(new IllegalStateException(exited));
            failPending(exited + logTail());
            eventLock.lock();
            try {
                eventArrived.signalAll();
            } finally {
                eventLock.unlock();
            }
        }
    }

    private void dispatch(String line) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            o = reader.readObject();
        } catch (JsonParsingException | IllegalStateException e) {
            appendToLog("[not protocol] " + line);
            return;
        }
        if (o.containsKey("id") && o.containsKey("ok")) {
            JsonValue id = o.get("id");
            Pending p = id.getValueType() == JsonValue.ValueType.NUMBER
                    ? pending.get(o.getJsonNumber("id").longValue()) : null;
            if (p != null) {
                p.reply().complete(o);
            } else {
                appendToLog("[late reply, caller gave up] " + line);
            }
            return;
        }
        String kind = PeerJson.string(o, "event");
        switch (kind == null ? "" : kind) {
            case "ready" -> ready.complete(o);
            case "fatal" -> ready.completeExceptionally(new IllegalStateException(PeerJson.string(o, "error")));
            case "" -> appendToLog("[not protocol] " + line);
            default -> enqueue(new PeerEvent(kind, PeerJson.string(o, "streamId"), o));
        }
    }

    private void enqueue(PeerEvent event) {
        eventLock.lock();
        try {
            if (events.size() >= EVENT_CAPACITY) {
                events.removeFirst();
                droppedEvents++;
            }
            events.addLast(event);
            eventArrived.signalAll();
        } finally {
            eventLock.unlock();
        }
    }

    private void failPending(String why) {
        for (Pending p : pending.values()) {
            p.reply().completeExceptionally(new IllegalStateException(p.command() + " failed: " + why));
        }
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(logFile, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** libxmtp appends a table of API call counters to many errors; the message is clearer without it. */
    private static String withoutApiStats(String error) {
        int stats = error == null ? -1 : error.indexOf("============ Api Stats");
        return stats < 0 ? error : error.substring(0, stats).strip();
    }

    private String exitInfo() {
        return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    }

    /** The last lines of the log, for error messages. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
            return tail.isEmpty() ? "" : "\n---- last lines of " + logFile + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "";
        }
    }

    // ---- JSON helpers --------------------------------------------------------------------------------

    private static JsonObjectBuilder args() {
        return Json.createObjectBuilder();
    }

    private static JsonObject clientArgs(CreateOptions options) {
        JsonObjectBuilder args = args()
                .add("disableDeviceSync", options.disableDeviceSync())
                .add("loggingLevel", options.loggingLevel() == null ? "off" : options.loggingLevel());
        if (options.apiUrl() != null) {
            args.add("apiUrl", options.apiUrl());
        }
        if (options.dbPath() != null) {
            args.add("dbPath", options.dbPath().toAbsolutePath().toString());
        }
        if (options.walletKey() != null) {
            args.add("walletKey", options.walletKey());
        }
        if (options.appVersion() != null) {
            args.add("appVersion", options.appVersion());
        }
        return args.build();
    }

    private static JsonArray strings(Collection<String> values) {
        var array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array.build();
    }

    private static JsonObject object(JsonValue v) {
        return v.asJsonObject();
    }

    private static JsonArray array(JsonValue v) {
        return v.asJsonArray();
    }

    private static String string(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof jakarta.json.JsonString s ? s.getString() : v.toString();
    }
}
