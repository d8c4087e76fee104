package io.socon.messaging.impl.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.store.GroupMessageRecord;
import io.socon.messaging.impl.store.IdentityUpdateDecision;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.store.NewCommitLogEntry;
import io.socon.messaging.impl.store.NewGroupMessage;
import io.socon.messaging.impl.store.NewWelcome;
import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.store.StoreEvents;
import io.socon.messaging.impl.store.WelcomeRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NodeStore} must do; run against H2 and PostgreSQL by the subclasses. */
abstract class NodeStoreContract {

    protected NodeStore store;

    /** A fresh, empty, migrated store. */
    protected abstract NodeStore openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static NewGroupMessage message(String group, String data) {
        return new NewGroupMessage(bytes(group), bytes(data), bytes("hmac"), true, false);
    }

    @Test
    void idsStartAtOneGrowAndAreReadableAtOnce() {
        List<GroupMessageRecord> stored = store.appendGroupMessages(List.of(message("g1", "a"), message("g1", "b")));

        assertThat(stored).extracting(GroupMessageRecord::id).containsExactly(1L, 2L);
        assertThat(store.groupMessages(bytes("g1"), PageRequest.ascendingAfter(0, 100)))
                .extracting(r -> new String(r.data(), StandardCharsets.UTF_8))
                .containsExactly("a", "b");
        assertThat(stored.get(0).createdNs()).isPositive();
    }

    @Test
    void aMessageSentTwiceIsStoredOnceAndKeepsItsId() {
        GroupMessageRecord first = store.appendGroupMessages(List.of(message("g1", "same"))).get(0);
        List<GroupMessageRecord> again = store.appendGroupMessages(List.of(message("g1", "same"), message("g1", "same")));

        assertThat(again).extracting(GroupMessageRecord::id).containsExactly(first.id(), first.id());
        assertThat(store.groupMessages(bytes("g1"), PageRequest.ascendingAfter(0, 100))).hasSize(1);
        // the same bytes in another group are another message
        assertThat(store.appendGroupMessages(List.of(message("g2", "same"))).get(0).id()).isNotEqualTo(first.id());
    }

    @Test
    void pagesUseExclusiveCursorsInBothDirections() {
        for (int i = 1; i <= 7; i++) {
            store.appendGroupMessages(List.of(message("g", "m" + i)));
        }
        store.appendGroupMessages(List.of(message("other", "x")));

        assertThat(ids(store.groupMessages(bytes("g"), new PageRequest(true, 0, 3)))).containsExactly(1L, 2L, 3L);
        assertThat(ids(store.groupMessages(bytes("g"), new PageRequest(true, 3, 3)))).containsExactly(4L, 5L, 6L);
        assertThat(ids(store.groupMessages(bytes("g"), new PageRequest(true, 6, 3)))).containsExactly(7L);
        assertThat(ids(store.groupMessages(bytes("g"), new PageRequest(false, 0, 2)))).containsExactly(7L, 6L);
        assertThat(ids(store.groupMessages(bytes("g"), new PageRequest(false, 6, 10)))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(store.newestGroupMessage(bytes("g"))).map(GroupMessageRecord::id).contains(7L);
        assertThat(store.newestGroupMessage(bytes("none"))).isEmpty();
    }

    private static List<Long> ids(List<GroupMessageRecord> records) {
        return records.stream().map(GroupMessageRecord::id).toList();
    }

    @Test
    void welcomesArePerInstallationAndDeduplicated() {
        NewWelcome welcome = new NewWelcome(bytes("inst-1"), false, bytes("w"), bytes("hpke"), 1, bytes("meta"));
        List<WelcomeRecord> stored = store.appendWelcomes(List.of(welcome, welcome,
                new NewWelcome(bytes("inst-2"), true, bytes("ptr"), bytes("hpke"), 1, new byte[0])));

        assertThat(stored.get(0).id()).isEqualTo(stored.get(1).id());
        List<WelcomeRecord> forOne = store.welcomes(bytes("inst-1"), PageRequest.ascendingAfter(0, 100));
        assertThat(forOne).hasSize(1);
        assertThat(forOne.get(0).welcomeMetadata()).isEqualTo(bytes("meta"));
        assertThat(forOne.get(0).pointer()).isFalse();
        assertThat(store.welcomes(bytes("inst-2"), PageRequest.ascendingAfter(0, 100)).get(0).pointer()).isTrue();
    }

    @Test
    void theNewestKeyPackageWinsAndUnknownKeysGetEmptyEntriesInOrder() {
        store.putKeyPackage(bytes("k1"), "inbox", bytes("kp-old"));
        store.putKeyPackage(bytes("k1"), "inbox", bytes("kp-new"));
        store.putKeyPackage(bytes("k2"), "inbox", bytes("kp-2"));

        List<Optional<byte[]>> found = store.newestKeyPackages(List.of(bytes("k2"), bytes("unknown"), bytes("k1")));

        assertThat(found).hasSize(3);
        assertThat(found.get(0)).contains(bytes("kp-2"));
        assertThat(found.get(1)).isEmpty();
        assertThat(found.get(2)).contains(bytes("kp-new"));
    }

    @Test
    void identityUpdatesAppendWithStableSequenceIdsAndIndexAddresses() {
        IdentityUpdateRecord first = store.appendIdentityUpdate("inbox-a",
                log -> new IdentityUpdateDecision.Append(bytes("u1"), Set.of("0xaaa"), Set.of()));
        IdentityUpdateRecord second = store.appendIdentityUpdate("inbox-a", log -> {
            assertThat(log).extracting(IdentityUpdateRecord::sequenceId).containsExactly(first.sequenceId());
            return new IdentityUpdateDecision.Append(bytes("u2"), Set.of(), Set.of());
        });

        assertThat(second.sequenceId()).isGreaterThan(first.sequenceId());
        assertThat(store.identityUpdates("inbox-a", 0)).extracting(IdentityUpdateRecord::sequenceId)
                .containsExactly(first.sequenceId(), second.sequenceId());
        assertThat(store.identityUpdates("inbox-a", first.sequenceId())).hasSize(1);
        assertThat(store.identityUpdates("unknown", 0)).isEmpty();
        assertThat(store.inboxIdFor("0xaaa")).contains("inbox-a");

        store.appendIdentityUpdate("inbox-a", log -> new IdentityUpdateDecision.Append(bytes("u3"), Set.of(), Set.of("0xaaa")));
        assertThat(store.inboxIdFor("0xaaa")).isEmpty();
        store.appendIdentityUpdate("inbox-b", log -> new IdentityUpdateDecision.Append(bytes("b1"), Set.of("0xaaa"), Set.of()));
        assertThat(store.inboxIdFor("0xaaa")).contains("inbox-b");
    }

    @Test
    void aRefusedIdentityUpdateWritesNothing() {
        assertThatThrownBy(() -> store.appendIdentityUpdate("inbox-a", log -> {
            throw new IllegalArgumentException("forged");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("forged");

        assertThat(store.identityUpdates("inbox-a", 0)).isEmpty();
    }

    @Test
    void commitLogEntriesArePerGroupAscending() {
        store.appendCommitLogEntries(List.of(new NewCommitLogEntry(bytes("g"), bytes("e1"), bytes("s1")),
                new NewCommitLogEntry(bytes("h"), bytes("x"), bytes("s")),
                new NewCommitLogEntry(bytes("g"), bytes("e2"), bytes("s2"))));

        assertThat(store.commitLog(bytes("g"), 0, 100)).extracting(r -> new String(r.serializedEntry(), StandardCharsets.UTF_8))
                .containsExactly("e1", "e2");
        long firstId = store.commitLog(bytes("g"), 0, 1).get(0).id();
        assertThat(store.commitLog(bytes("g"), firstId, 100)).hasSize(1);
    }

    @Test
    void listenersHearOfNewMessagesInIdOrderEvenUnderConcurrentWriters() throws Exception {
        List<Long> heard = Collections.synchronizedList(new ArrayList<>());
        store.setEvents(new StoreEvents() {
            @Override
            public void groupMessagesCommitted(List<GroupMessageRecord> messages) {
                messages.forEach(m -> heard.add(m.id()));
            }

            @Override
            public void welcomesCommitted(List<WelcomeRecord> welcomes) {
            }
        });
        int writers = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    store.appendGroupMessages(List.of(message("busy", writer + "-" + i)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        store.appendGroupMessages(List.of(message("busy", "0-0"))); // a duplicate: not heard again

        assertThat(heard).hasSize(writers * each).isSorted();
        assertThat(ids(store.groupMessages(bytes("busy"), PageRequest.ascendingAfter(0, 1000)))).isEqualTo(heard);
    }
}
