package io.socon.messaging.impl.client.net;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeGroupMessagesRequest;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * New messages of a set of groups, from a node's {@code SubscribeGroupMessages}: each message is handed to the
 * consumer exactly once, in id order within its group, on the stream's own thread. Groups can be added while it
 * runs ({@link #addGroup}); it resubscribes by itself when the connection drops or the node ends the stream (see
 * {@link Resubscriber} for how). Opened by {@link NodeConnection#streamGroupMessages}; {@link #close} it when done.
 */
public final class GroupMessageStream implements AutoCloseable {

    static final Resubscriber.Wire<SubscribeGroupMessagesRequest, GroupMessage> WIRE = new Resubscriber.Wire<>() {
        @Override
        public io.grpc.MethodDescriptor<SubscribeGroupMessagesRequest, GroupMessage> method() {
            return io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc.getSubscribeGroupMessagesMethod();
        }

        @Override
        public SubscribeGroupMessagesRequest request(Map<ByteString, Long> cursors) {
            SubscribeGroupMessagesRequest.Builder request = SubscribeGroupMessagesRequest.newBuilder();
            cursors.forEach((group, cursor) -> request.addFilters(SubscribeGroupMessagesRequest.Filter.newBuilder()
                    .setGroupId(group).setIdCursor(cursor)));
            return request.build();
        }

        @Override
        public ByteString topic(GroupMessage message) {
            return message.hasV1() ? message.getV1().getGroupId() : null;
        }

        @Override
        public long id(GroupMessage message) {
            return message.getV1().getId();
        }
    };

    private final Resubscriber<SubscribeGroupMessagesRequest, GroupMessage> engine;

    GroupMessageStream(Resubscriber<SubscribeGroupMessagesRequest, GroupMessage> engine) {
        this.engine = engine;
    }

    static Map<ByteString, Long> cursors(Collection<GroupCursor> groups) {
        Map<ByteString, Long> cursors = new LinkedHashMap<>();
        for (GroupCursor group : groups) {
            cursors.merge(ByteString.copyFrom(group.groupId()), group.afterId(), Math::max);
        }
        return cursors;
    }

    /**
     * Streams one more group, with messages after {@code afterId}. A group new to the stream makes it open a
     * subscription with all groups and then cancel the old one; no message is lost or doubled in the overlap.
     * For a group already streamed only a higher cursor has an effect.
     *
     * @throws IllegalStateException if the stream is closed
     */
    public void addGroup(byte[] groupId, long afterId) {
        addGroups(List.of(new GroupCursor(groupId, afterId)));
    }

    /** Streams more groups with one resubscription; see {@link #addGroup}. */
    public void addGroups(Collection<GroupCursor> groups) {
        engine.addTopics(cursors(groups));
    }

    /** The id of the last message delivered for a group (its starting cursor until then); empty if not streamed. */
    public OptionalLong cursor(byte[] groupId) {
        return engine.highWaterMark(ByteString.copyFrom(groupId));
    }

    public StreamState state() {
        return engine.state();
    }

    /** How many times the stream has subscribed again after its subscription failed. */
    public long reconnects() {
        return engine.reconnects();
    }

    Resubscriber<SubscribeGroupMessagesRequest, GroupMessage> engine() {
        return engine;
    }

    /** Cancels the subscription; the consumer is not called after this returns (unless it calls close itself). */
    @Override
    public void close() {
        engine.close();
    }
}
