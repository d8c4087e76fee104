package io.socon.messaging.impl.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.Peer;
import io.socon.messaging.api.SignatureRequiredException;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.ConversationKind;
import io.socon.messaging.api.conversation.ConversationPage;
import io.socon.messaging.api.conversation.ConversationQuery;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Member;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.api.conversation.MessagePage;
import io.socon.messaging.api.conversation.MessageQuery;
import io.socon.messaging.api.conversation.NewGroup;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.impl.node.NodeServer;
import io.socon.messaging.impl.node.NodeSettings;
import io.socon.messaging.impl.node.XmtpNodeValidation;
import io.socon.messaging.impl.store.jdbc.Database;
import io.socon.messaging.impl.store.jdbc.JdbcNodeStore;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import io.socon.messaging.spi.notify.Notification;
import io.socon.messaging.spi.notify.NotificationSink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MessagingService} with real parts: a node on a loopback port, the embedded H2 messaging database (the user
 * directory and a client store per host user), the in-memory key vault. Host users open custodial inboxes, talk in
 * DMs and groups, page messages, count unread ones, stream, register with their own wallet, idle and come back, and
 * are notified.
 */
class MessagingServiceTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    JdbcNodeStore nodeStore;
    NodeServer node;
    URI nodeUri;
    InMemoryKeyVault vault = new InMemoryKeyVault();
    final List<Notification> notified = new CopyOnWriteArrayList<>();
    final List<MessagingService> services = new ArrayList<>();

    /** A clock the test can move forward. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    final MovableClock clock = new MovableClock();

    NotificationSink sink = new NotificationSink() {
        @Override
        public CompletionStage<Void> deliver(Notification notification) {
            notified.add(notification);
            return CompletableFuture.completedFuture(null);
        }
    };

    @BeforeEach
    void startNode() throws IOException {
        nodeStore = JdbcNodeStore.open(Database.h2Url(dir.resolve("node")), null, null);
        node = NodeServer.start(NodeSettings.defaults().withHost("127.0.0.1").withPort(0), nodeStore,
                XmtpNodeValidation.create());
        nodeUri = URI.create("http://127.0.0.1:" + node.port());
    }

    @AfterEach
    void stop() {
        services.forEach(MessagingService::close);
        node.close();
        nodeStore.close();
    }

    MessagingService service(Duration idle) {
        MessagingService service = MessagingService.builder()
                .node(nodeUri)
                .keyVault(vault, "memory://")
                .dataDirectory(dir.resolve("messaging"))
                .idleTimeout(idle)
                .clock(clock)
                .addNotificationSink(sink)
                .notificationPreviews(true)
                .build();
        services.add(service);
        return service;
    }

    static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw MessagingException.unwrap(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static MessagingException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return MessagingException.unwrap(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the stage completed normally");
    }

    static void eventually(Runnable check) {
        long until = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | MessagingException e) {
                if (System.nanoTime() > until) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(interrupted);
                }
            }
        }
    }

    static List<Content> contents(MessagePage page) {
        return page.messages().stream().map(Message::content).toList();
    }

    static List<Message> all(Conversation c) {
        return join(c.messages(MessageQuery.oldest(500))).messages();
    }

    static Conversation find(Inbox inbox, ConversationId id) {
        return join(inbox.conversations().find(id)).orElseThrow(() -> new AssertionError("no conversation " + id));
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void twoUsersTalkInADmWithEveryContentTypePagingUnreadCountsAndReadReceipts() throws IOException {
        MessagingService messaging = service(Duration.ofMinutes(5));
        Inbox alice = join(messaging.openInbox(HostUser.of("alice@example.com")));
        Inbox bob = join(messaging.openInbox(HostUser.of("bob@example.com")));
        assertThat(alice.info().inboxId()).isNotEqualTo(bob.info().inboxId());
        assertThat(join(messaging.openInbox(HostUser.of("alice@example.com"))).info())
                .as("the same inbox again").isEqualTo(alice.info());
        assertThat(dir.resolve("messaging/directory/socon-messaging.mv.db")).as("one database for all users").exists();
        assertThat(dir.resolve("messaging/users")).as("no database per user").doesNotExist();
        try (Stream<Path> files = Files.walk(dir.resolve("messaging"))) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.contains("alice") || p.contains("bob"));
        }
        assertThat(join(alice.canMessage(List.of(bob.info().address(), EthereumAddress.of("0x" + "1".repeat(40)),
                bob.info().inboxId())))).containsEntry(bob.info().address(), true)
                .containsEntry(EthereumAddress.of("0x" + "1".repeat(40)), false)
                .containsEntry(bob.info().inboxId(), true);
        assertThatThrownBy(() -> alice.conversations().openDm(alice.info().inboxId()))
                .isInstanceOf(InvalidValueException.class);

        Dm dm = join(alice.conversations().openDm(bob.info().address()));
        assertThat(dm.peerInboxId()).isEqualTo(bob.info().inboxId());
        assertThat(dm.consent()).isEqualTo(ConsentState.ALLOWED);
        assertThat(join(alice.conversations().openDm(bob.info().inboxId())).id()).isEqualTo(dm.id());
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            Message m = join(dm.sendText("m" + i));
            assertThat(m.status()).isEqualTo(Message.DeliveryStatus.PUBLISHED);
            assertThat(m.sender()).isEqualTo(alice.info().inboxId());
            sent.add(m);
        }

        join(bob.conversations().sync());
        Conversation bobsDm = find(bob, dm.id());
        assertThat(bobsDm).isInstanceOf(Dm.class);
        assertThat(bobsDm.consent()).as("a request until bob answers").isEqualTo(ConsentState.UNKNOWN);
        assertThat(join(bobsDm.unreadCount())).isEqualTo(7);

        MessagePage first = join(bobsDm.messages(MessageQuery.latest(3)));
        assertThat(contents(first)).containsExactly(Text.of("m7"), Text.of("m6"), Text.of("m5"));
        MessagePage second = join(bobsDm.messages(first.next().orElseThrow()));
        assertThat(contents(second)).containsExactly(Text.of("m4"), Text.of("m3"), Text.of("m2"));
        MessagePage third = join(bobsDm.messages(second.next().orElseThrow()));
        assertThat(contents(third)).containsExactly(Text.of("m1"));
        assertThat(third.next()).isEmpty();
        MessagePage oldest = join(bobsDm.messages(MessageQuery.oldest(4)));
        assertThat(contents(oldest)).containsExactly(Text.of("m1"), Text.of("m2"), Text.of("m3"), Text.of("m4"));
        assertThat(contents(join(bobsDm.messages(oldest.next().orElseThrow()))))
                .containsExactly(Text.of("m5"), Text.of("m6"), Text.of("m7"));
        assertThat(join(bobsDm.messages(MessageQuery.latest(1))).messages().get(0).id())
                .as("both sides compute the same message id").isEqualTo(sent.get(6).id());

        join(bobsDm.markRead());
        assertThat(join(bobsDm.unreadCount())).isZero();
        join(dm.sync());
        assertThat(all(dm)).extracting(Message::content).contains(ReadReceipt.INSTANCE);
        assertThat(join(dm.lastMessage())).map(Message::content).as("a read receipt is not shown as the last message")
                .contains(Text.of("m7"));

        MessageId m1 = sent.get(0).id();
        byte[] file = "hello file".getBytes(StandardCharsets.UTF_8);
        RemoteAttachment remote = new RemoteAttachment(URI.create("https://files.example.com/f.bin"),
                "ab".repeat(32), new byte[32], new byte[32], new byte[12], OptionalLong.of(10), Optional.of("f.bin"));
        Unknown custom = new Unknown(ContentType.parse("example.com/poll:1.0"), Optional.of("a poll"),
                "{\"q\":1}".getBytes(StandardCharsets.UTF_8));
        List<Content> replies = List.of(Reaction.add(m1, "👍"), Reply.text(m1, "hi alice"),
                new Attachment("a.txt", "text/plain", file), remote, custom);
        for (Content c : replies) {
            join(bobsDm.send(c));
        }
        MessageId unknown = MessageId.of("ab".repeat(32));
        assertThat(failure(bobsDm.send(Reaction.add(unknown, "👍"))).code()).as("a reaction to no message")
                .isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
        assertThat(failure(bobsDm.send(Reply.text(unknown, "to what?"))).code()).isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
        assertThat(find(bob, dm.id()).consent()).as("replying allows the DM").isEqualTo(ConsentState.ALLOWED);
        join(dm.sync());
        List<Content> seen = all(dm).stream().map(Message::content).toList();
        assertThat(seen).containsAll(replies);
        assertThat(join(dm.unreadCount())).as("reply, attachment, remote attachment, custom; not the reaction")
                .isEqualTo(4);
        assertThat(join(dm.messages(MessageQuery.oldest(50).onlyTypes(Set.of(ContentType.REACTION_V2)))).messages())
                .extracting(Message::content).containsExactly(Reaction.add(m1, "👍"));

        ConversationPage conversations = join(bob.conversations().list(ConversationQuery.recent(10)));
        assertThat(conversations.conversations()).extracting(Conversation::id).containsExactly(dm.id());
        assertThat(join(bob.conversations().list(ConversationQuery.recent(10)
                .onlyKinds(Set.of(ConversationKind.GROUP)))).conversations()).isEmpty();
        assertThat(join(dm.members())).extracting(Member::inboxId)
                .containsExactlyInAnyOrder(alice.info().inboxId(), bob.info().inboxId());
        assertThat(join(dm.members())).filteredOn(m -> m.inboxId().equals(bob.info().inboxId()))
                .singleElement().satisfies(m -> assertThat(m.addresses()).containsExactly(bob.info().address()));
    }

    @Test
    void aGroupWithMembersRolesAndMetadata() {
        MessagingService messaging = service(Duration.ofMinutes(5));
        Inbox alice = join(messaging.openInbox(HostUser.of("alice")));
        Inbox bob = join(messaging.openInbox(HostUser.of("bob")));
        Inbox carol = join(messaging.openInbox(HostUser.of("carol")));

        Group group = join(alice.conversations().createGroup(new NewGroup(
                new GroupMetadata("team", "the team", Optional.of(URI.create("https://example.com/team.png"))),
                Set.<Peer>of(bob.info().inboxId(), carol.info().address()), NewGroup.Permissions.ALL_MEMBERS)));
        assertThat(group.metadata().name()).isEqualTo("team");
        assertThat(join(group.members())).extracting(Member::inboxId, Member::role).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(alice.info().inboxId(), Role.SUPER_ADMIN),
                org.assertj.core.groups.Tuple.tuple(bob.info().inboxId(), Role.MEMBER),
                org.assertj.core.groups.Tuple.tuple(carol.info().inboxId(), Role.MEMBER));
        Message welcome = join(group.sendText("welcome"));
        Dm aside = join(alice.conversations().openDm(bob.info().inboxId()));
        assertThat(failure(aside.send(Reaction.add(welcome.id(), "👋"))).code())
                .as("a reaction in a DM to a message of the group").isEqualTo(ErrorCode.MESSAGE_NOT_FOUND);
        join(group.send(Reaction.add(welcome.id(), "👋")));
        join(group.updateMetadata(group.metadata().withName("bigger team").withImageUrl(Optional.empty())));
        assertThat(group.metadata()).as("the handle shows its own change")
                .isEqualTo(new GroupMetadata("bigger team", "the team", Optional.empty()));
        join(group.setRole(bob.info().inboxId(), Role.ADMIN));

        join(bob.conversations().sync());
        Group bobs = (Group) find(bob, group.id());
        assertThat(bobs.metadata()).isEqualTo(new GroupMetadata("bigger team", "the team", Optional.empty()));
        assertThat(join(bobs.members())).filteredOn(m -> m.role() == Role.ADMIN).extracting(Member::inboxId)
                .containsExactly(bob.info().inboxId());
        assertThat(all(bobs)).extracting(Message::content).contains(Text.of("welcome"));
        join(bobs.sendText("thanks"));

        join(group.removeMembers(List.of(carol.info().inboxId(), InboxId.of("9".repeat(64)))));
        join(carol.conversations().sync());
        Group carols = (Group) find(carol, group.id());
        assertThat(failure(carols.sendText("still here?")).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(failure(bobs.leave()).code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION);
        assertThat(failure(group.setRole(carol.info().inboxId(), Role.ADMIN)).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
        assertThat(failure(bobs.setRole(bob.info().inboxId(), Role.SUPER_ADMIN)).code())
                .as("an admin is no super admin").isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThatThrownBy(() -> group.removeMembers(List.of(alice.info().inboxId())))
                .isInstanceOf(InvalidValueException.class);
        assertThat(join(alice.conversations().list(ConversationQuery.recent(10))).conversations())
                .extracting(Conversation::kind).containsExactlyInAnyOrder(ConversationKind.GROUP, ConversationKind.DM);
    }

    /** A subscriber that asks for a given number of items at first and records what it gets. */
    static final class Recorder<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile boolean completed;
        final long initial;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.set(s);
            s.request(initial);
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    static List<String> texts(List<Message> messages) {
        return messages.stream().filter(m -> m.content() instanceof Text).map(m -> ((Text) m.content()).text())
                .toList();
    }

    static List<Conversation> dms(Inbox inbox) {
        return join(inbox.conversations().list(ConversationQuery.recent(10).onlyKinds(Set.of(ConversationKind.DM))))
                .conversations();
    }

    @Test
    void dmsBothUsersOpenedAtOnceAreOneConversationWithAllTheirMessages() throws Exception {
        // one operation at a time, in arrival order: bob's openDm runs before his engine can see alice's welcome
        MessagingService messaging = MessagingService.builder().node(nodeUri).keyVault(vault, "memory://")
                .dataDirectory(dir.resolve("messaging")).idleTimeout(Duration.ofMinutes(5)).clock(clock)
                .maxConcurrentOperations(1, 100).build();
        services.add(messaging);
        Inbox alice = join(messaging.openInbox(HostUser.of("alice")));
        Inbox bob = join(messaging.openInbox(HostUser.of("bob")));
        Recorder<Conversation> alicesConversations = new Recorder<>(Long.MAX_VALUE);
        alice.conversationStream().subscribe(alicesConversations);
        eventually(() -> assertThat(alicesConversations.subscription.get()).isNotNull());

        CompletionStage<Dm> opening = alice.conversations().openDm(bob.info().inboxId());
        Dm bobsOwn = join(bob.conversations().openDm(alice.info().inboxId()));
        Dm alicesOwn = join(opening);
        assertThat(bobsOwn.id()).as("each opened a DM of their own").isNotEqualTo(alicesOwn.id());

        join(alicesOwn.sendText("alice 1"));
        join(bobsOwn.sendText("bob 1"));
        join(alice.conversations().sync());
        join(bob.conversations().sync());

        for (Inbox inbox : List.of(alice, bob)) {
            List<Conversation> listed = dms(inbox);
            assertThat(listed).as("one DM with the peer").hasSize(1);
            Conversation dm = listed.get(0);
            assertThat(dm.id()).isIn(alicesOwn.id(), bobsOwn.id());
            assertThat(find(inbox, alicesOwn.id()).id()).as("the other DM's id finds the DM shown").isEqualTo(dm.id());
            assertThat(find(inbox, bobsOwn.id()).id()).isEqualTo(dm.id());
            assertThat(dm.consent()).isEqualTo(ConsentState.ALLOWED);
            assertThat(texts(all(dm))).containsExactly("alice 1", "bob 1");
        }
        assertThat(alicesConversations.items).as("bob's DM is stitched into alice's, not announced")
                .extracting(Conversation::id).containsExactly(alicesOwn.id());

        Conversation alicesDm = dms(alice).get(0);
        Recorder<Message> alicesDmStream = new Recorder<>(Long.MAX_VALUE);
        alicesOwn.messageStream().subscribe(alicesDmStream);
        eventually(() -> assertThat(alicesDmStream.subscription.get()).isNotNull());
        join(alicesDm.sendText("alice 2"));
        join(bobsOwn.sendText("bob 2"));
        join(alicesOwn.sendText("alice 3"));
        eventually(() -> assertThat(texts(alicesDmStream.items)).as("the stream of one DM shows all of them")
                .containsExactlyInAnyOrder("alice 2", "bob 2", "alice 3"));

        Conversation bobsDm = dms(bob).get(0);
        eventually(() -> assertThat(texts(all(bobsDm))).containsExactly("alice 1", "bob 1", "alice 2", "bob 2",
                "alice 3"));
        assertThat(join(bobsDm.unreadCount())).as("alice's messages in either DM").isEqualTo(3);
        MessagePage newest = join(bobsDm.messages(MessageQuery.latest(2).onlyTypes(Set.of(ContentType.TEXT_V1))));
        assertThat(texts(newest.messages())).containsExactly("alice 3", "bob 2");
        MessagePage before = join(bobsDm.messages(newest.next().orElseThrow()));
        assertThat(texts(before.messages())).containsExactly("alice 2", "bob 1");
        assertThat(texts(join(bobsDm.messages(before.next().orElseThrow())).messages())).containsExactly("alice 1");

        join(find(bob, alicesOwn.id()).markRead());
        assertThat(join(bobsDm.unreadCount())).isZero();
        assertThat(join(find(bob, alicesOwn.id()).unreadCount())).isZero();
        eventually(() -> assertThat(all(dms(alice).get(0))).extracting(Message::content)
                .as("bob's read receipt reaches alice").contains(ReadReceipt.INSTANCE));
        assertThat(dms(alice)).hasSize(1);
        assertThat(dms(alice).get(0).id()).as("both show the DM of the newest message (bob's read receipt)")
                .isEqualTo(dms(bob).get(0).id());
        assertThat(join(alice.conversations().openDm(bob.info().address())).id())
                .as("opening the DM again gives the one shown").isEqualTo(dms(alice).get(0).id());
    }

    @Test
    void streamsDeliverNewConversationsAndMessagesWithBoundedDemand() throws Exception {
        MessagingService messaging = service(Duration.ofMinutes(5));
        Inbox alice = join(messaging.openInbox(HostUser.of("alice")));
        Inbox bob = join(messaging.openInbox(HostUser.of("bob")));
        Recorder<Conversation> bobsConversations = new Recorder<>(Long.MAX_VALUE);
        Recorder<Message> bobsMessages = new Recorder<>(1);
        Recorder<Message> alicesMessages = new Recorder<>(Long.MAX_VALUE);
        bob.conversationStream().subscribe(bobsConversations);
        bob.messageStream().subscribe(bobsMessages);
        alice.messageStream().subscribe(alicesMessages);
        eventually(() -> assertThat(bobsMessages.subscription.get()).isNotNull());

        Dm dm = join(alice.conversations().openDm(bob.info().inboxId()));
        eventually(() -> assertThat(bobsConversations.items).extracting(Conversation::id).containsExactly(dm.id()));
        assertThat(bobsConversations.items.get(0)).isInstanceOf(Dm.class);

        Recorder<Message> bobsDmStream = new Recorder<>(Long.MAX_VALUE);
        bobsConversations.items.get(0).messageStream().subscribe(bobsDmStream);
        eventually(() -> assertThat(bobsDmStream.subscription.get()).isNotNull());
        for (String text : List.of("one", "two", "three")) {
            join(dm.sendText(text));
        }
        eventually(() -> assertThat(bobsDmStream.items).extracting(Message::content)
                .containsExactly(Text.of("one"), Text.of("two"), Text.of("three")));
        eventually(() -> assertThat(bobsMessages.items).extracting(Message::content).containsExactly(Text.of("one")));
        Thread.sleep(300);
        assertThat(bobsMessages.items).as("only what was requested").hasSize(1);
        bobsMessages.subscription.get().request(10);
        eventually(() -> assertThat(bobsMessages.items).extracting(Message::content)
                .containsExactly(Text.of("one"), Text.of("two"), Text.of("three")));
        eventually(() -> assertThat(alicesMessages.items).as("own sends are streamed too")
                .filteredOn(m -> m.content() instanceof Text).extracting(Message::content)
                .containsExactly(Text.of("one"), Text.of("two"), Text.of("three")));
        assertThat(alicesMessages.items.get(0).content().type())
                .as("and the membership change of the new DM (bob added)")
                .isEqualTo(ContentType.parse("xmtp.org/group_updated:1.0"));
        assertThat(notified).as("bob has streams: nothing to notify").isEmpty();

        bobsDmStream.subscription.get().cancel();
        bob.close();
        eventually(() -> assertThat(bobsMessages.completed && bobsConversations.completed).isTrue());
        assertThat(failure(bob.conversations().sync()).code()).isEqualTo(ErrorCode.CLOSED);
        Recorder<Message> late = new Recorder<>(1);
        bob.messageStream().subscribe(late);
        eventually(() -> assertThat(late.error.get()).isInstanceOf(MessagingException.class));
        assertThat(((MessagingException) late.error.get()).code()).isEqualTo(ErrorCode.CLOSED);
    }

    @Test
    void aUserWithoutAStreamIsNotifiedThroughTheSinks() {
        MessagingService messaging = service(Duration.ofMinutes(5));
        Inbox alice = join(messaging.openInbox(HostUser.of("alice")));
        Inbox bob = join(messaging.openInbox(HostUser.of("bob")));
        Dm dm = join(alice.conversations().openDm(bob.info().inboxId()));
        Message hello = join(dm.sendText("hello bob"));

        eventually(() -> assertThat(notified).hasSize(1));
        Notification n = notified.get(0);
        assertThat(n.recipient()).isEqualTo(HostUser.of("bob"));
        assertThat(n.recipientInbox()).isEqualTo(bob.info().inboxId());
        assertThat(n.conversationId()).isEqualTo(dm.id());
        assertThat(n.conversationKind()).isEqualTo(ConversationKind.DM);
        assertThat(n.messageId()).isEqualTo(hello.id());
        assertThat(n.sender()).isEqualTo(alice.info().inboxId());
        assertThat(n.contentType()).isEqualTo(ContentType.TEXT_V1);
        assertThat(n.preview()).contains("hello bob");

        join(dm.send(Reaction.add(hello.id(), "🎉")));
        Recorder<Message> bobsMessages = new Recorder<>(Long.MAX_VALUE);
        bob.messageStream().subscribe(bobsMessages);
        eventually(() -> assertThat(bobsMessages.subscription.get()).isNotNull());
        join(dm.sendText("are you there?"));
        eventually(() -> assertThat(bobsMessages.items).extracting(Message::content)
                .contains(Text.of("are you there?")));
        assertThat(notified).as("no notification for a reaction, nor while bob streams").hasSize(1);
    }

    @Test
    void aUserWithTheirOwnWalletSignsTheChallengeToRegister() throws Exception {
        MessagingService messaging = service(Duration.ofMinutes(5));
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] otherKey = new byte[32];
        random.nextBytes(otherKey);
        String address = EthereumAddresses.fromPrivateKey(key);
        HostUser user = HostUser.of(EthereumAddress.of(address).checksummed());

        MessagingException required = failure(messaging.openInbox(user));
        assertThat(required).isInstanceOf(SignatureRequiredException.class);
        WalletChallenge challenge = ((SignatureRequiredException) required).challenge();
        assertThat(challenge.address()).isEqualTo(EthereumAddress.of(address));
        assertThat(challenge.text()).startsWith("XMTP : Authenticate to inbox").contains("- Create inbox")
                .contains(address);
        assertThat(challenge.expiresAt()).isAfter(clock.instant());
        WalletChallenge again = ((SignatureRequiredException) failure(messaging.openInbox(user))).challenge();
        assertThat(again).as("the same challenge until it expires").isEqualTo(challenge);

        assertThatThrownBy(() -> messaging.submitSignature(challenge.id(), new byte[64]))
                .isInstanceOf(InvalidValueException.class);
        assertThat(failure(messaging.submitSignature(challenge.id(), Eip191.sign(otherKey, challenge.text()))).code())
                .isEqualTo(ErrorCode.WALLET_SIGNATURE_INVALID);
        assertThat(failure(messaging.submitSignature(new WalletChallenge.Id("x".repeat(20)),
                Eip191.sign(key, challenge.text()))).code()).isEqualTo(ErrorCode.WALLET_SIGNATURE_INVALID);

        Inbox inbox = join(messaging.submitSignature(challenge.id(), Eip191.sign(key, challenge.text())));
        assertThat(inbox.info().address()).isEqualTo(EthereumAddress.of(address));
        assertThat(join(messaging.openInbox(user)).info()).as("registered: no more challenges")
                .isEqualTo(inbox.info());
        assertThat(failure(messaging.submitSignature(challenge.id(), Eip191.sign(key, challenge.text()))).code())
                .as("a challenge is used once").isEqualTo(ErrorCode.WALLET_SIGNATURE_INVALID);

        Inbox bob = join(messaging.openInbox(HostUser.of("bob")));
        Dm dm = join(bob.conversations().openDm(EthereumAddress.of(address)));
        join(dm.sendText("hi wallet"));
        join(inbox.conversations().sync());
        assertThat(all(find(inbox, dm.id()))).extracting(Message::content).contains(Text.of("hi wallet"));

        byte[] lateKey = new byte[32];
        random.nextBytes(lateKey);
        HostUser late = HostUser.of(EthereumAddresses.fromPrivateKey(lateKey));
        WalletChallenge expiring = ((SignatureRequiredException) failure(messaging.openInbox(late))).challenge();
        clock.offset = Duration.ofMinutes(11);
        assertThat(failure(messaging.submitSignature(expiring.id(), Eip191.sign(lateKey, expiring.text()))).code())
                .as("expired").isEqualTo(ErrorCode.WALLET_SIGNATURE_INVALID);
        WalletChallenge fresh = ((SignatureRequiredException) failure(messaging.openInbox(late))).challenge();
        assertThat(fresh.id()).isNotEqualTo(expiring.id());
        assertThat(join(messaging.submitSignature(fresh.id(), Eip191.sign(lateKey, fresh.text()))).info().address())
                .isEqualTo(EthereumAddress.of(EthereumAddresses.fromPrivateKey(lateKey)));
    }

    @Test
    void anIdleInboxClosesAndReopensWithItsDataAlsoAfterARestart() {
        MessagingService messaging = service(Duration.ofMillis(300));
        HostUser aliceUser = HostUser.of("alice");
        HostUser bobUser = HostUser.of("bob");
        Inbox alice = join(messaging.openInbox(aliceUser));
        Inbox bob = join(messaging.openInbox(bobUser));
        Dm dm = join(alice.conversations().openDm(bob.info().inboxId()));
        join(dm.sendText("before idling"));
        eventually(() -> assertThat(messaging.clientOpen(aliceUser)).isFalse());
        assertThat(all(dm)).as("the handle reopens the inbox").extracting(Message::content)
                .contains(Text.of("before idling"));
        assertThat(messaging.clientOpen(aliceUser)).isTrue();
        eventually(() -> assertThat(messaging.clientOpen(aliceUser) || messaging.clientOpen(bobUser)).isFalse());

        // bob's inbox is closed, yet the watcher wakes it for the new message and bob is notified
        eventually(() -> assertThat(notified).hasSize(1));
        notified.clear();
        messaging.close();
        assertThat(failure(alice.conversations().sync()).code()).isEqualTo(ErrorCode.CLOSED);
        assertThatThrownBy(() -> join(messaging.openInbox(aliceUser))).isInstanceOf(MessagingException.class)
                .extracting(e -> ((MessagingException) e).code()).isEqualTo(ErrorCode.CLOSED);

        MessagingService restarted = service(Duration.ofMillis(300));
        Inbox alice2 = join(restarted.openInbox(aliceUser));
        assertThat(alice2.info()).isEqualTo(alice.info());
        Conversation again = find(alice2, dm.id());
        assertThat(all(again)).extracting(Message::content).contains(Text.of("before idling"));
        join(again.sendText("after the restart"));
        eventually(() -> assertThat(notified).extracting(Notification::recipient).containsExactly(bobUser));
    }

    @Test
    void argumentsAreCheckedAtOnce() {
        MessagingService messaging = service(Duration.ofMinutes(5));
        assertThatThrownBy(() -> messaging.openInbox(null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> messaging.submitSignature(null, new byte[65])).isInstanceOf(InvalidValueException.class);
        Inbox alice = join(messaging.openInbox(HostUser.of("alice")));
        assertThatThrownBy(() -> alice.canMessage(null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> alice.conversations().list(null)).isInstanceOf(InvalidValueException.class);
        assertThat(join(alice.conversations().find(ConversationId.of("00ff")))).isEmpty();
        assertThatThrownBy(() -> MessagingService.builder().keyVault(vault, "other://").node(nodeUri)
                .dataDirectory(dir).build()).isInstanceOf(IllegalStateException.class);
    }
}
