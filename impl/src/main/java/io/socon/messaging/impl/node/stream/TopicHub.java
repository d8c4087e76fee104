package io.socon.messaging.impl.node.stream;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes newly committed records of a topic (a group, an installation's welcomes) to the live streams
 * that follow it. Publishing never blocks: each stream buffers on its own and catches up from the
 * database if it falls behind.
 *
 * @param <R> the record type
 */
public final class TopicHub<R> {

    /** A live stream's inbox for new records; must return at once. */
    public interface Listener<R> {
        void deliver(ByteString topic, List<R> records);
    }

    private final ConcurrentHashMap<ByteString, Set<Listener<R>>> listeners = new ConcurrentHashMap<>();

    public void subscribe(Collection<ByteString> topics, Listener<R> listener) {
        for (ByteString topic : topics) {
            listeners.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(listener);
        }
    }

    public void unsubscribe(Collection<ByteString> topics, Listener<R> listener) {
        for (ByteString topic : topics) {
            listeners.computeIfPresent(topic, (t, set) -> {
                set.remove(listener);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Hands records of one topic, in id order, to every stream following it. */
    public void publish(ByteString topic, List<R> records) {
        Set<Listener<R>> following = listeners.get(topic);
        if (following == null || records.isEmpty()) {
            return;
        }
        List<R> snapshot = List.copyOf(records);
        for (Listener<R> listener : following) {
            listener.deliver(topic, snapshot);
        }
    }

    /** How many streams follow at least one topic (for metrics and tests). */
    public int topicCount() {
        return listeners.size();
    }
}
