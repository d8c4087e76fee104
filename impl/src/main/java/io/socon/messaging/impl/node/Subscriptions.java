package io.socon.messaging.impl.node;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.node.stream.LiveStream;
import io.socon.messaging.impl.node.stream.TopicHub;
import io.socon.messaging.impl.store.GroupMessageRecord;
import io.socon.messaging.impl.store.StoreEvents;
import io.socon.messaging.impl.store.WelcomeRecord;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The node's live subscriptions: hears of commits from the store, routes them by topic, and runs each
 * stream on its own virtual thread (an idle stream costs a parked thread and a small queue).
 */
final class Subscriptions implements StoreEvents, AutoCloseable {

    private final TopicHub<GroupMessageRecord> groups = new TopicHub<>();
    private final TopicHub<WelcomeRecord> welcomes = new TopicHub<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("socon-node-stream-", 0).factory());
    private final Set<LiveStream<?, ?>> running = ConcurrentHashMap.newKeySet();

    TopicHub<GroupMessageRecord> groups() {
        return groups;
    }

    TopicHub<WelcomeRecord> welcomes() {
        return welcomes;
    }

    void start(LiveStream<?, ?> stream) {
        running.add(stream);
        threads.execute(() -> {
            try {
                stream.run();
            } finally {
                running.remove(stream);
            }
        });
    }

    int activeStreams() {
        return running.size();
    }

    @Override
    public void groupMessagesCommitted(List<GroupMessageRecord> messages) {
        for (GroupMessageRecord record : messages) {
            groups.publish(ByteString.copyFrom(record.groupId()), List.of(record));
        }
    }

    @Override
    public void welcomesCommitted(List<WelcomeRecord> records) {
        for (WelcomeRecord record : records) {
            welcomes.publish(ByteString.copyFrom(record.installationKey()), List.of(record));
        }
    }

    /** Ends every stream (clients see UNAVAILABLE and resubscribe elsewhere or later). */
    @Override
    public void close() {
        running.forEach(LiveStream::stop);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
