package io.socon.messaging.impl.client.net;

import io.socon.messaging.impl.client.NodeApi;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import io.socon.messaging.impl.mls.codec.Bytes;

/** The client engine's {@link NodeApi} over a gRPC {@link NodeConnection}. */
public final class GrpcNodeApi implements NodeApi {

    private final NodeConnection connection;

    private GrpcNodeApi(NodeConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Connects to a node at {@code http://host:port} (plaintext) or {@code https://host:port} (TLS). */
    public static GrpcNodeApi connect(URI node) {
        return new GrpcNodeApi(NodeConnection.open(node));
    }

    /** Uses an open connection (closed with this). */
    public static GrpcNodeApi over(NodeConnection connection) {
        return new GrpcNodeApi(connection);
    }

    /** The connection, for streams. */
    public NodeConnection connection() {
        return connection;
    }

    @Override
    public void uploadKeyPackage(byte[] keyPackage) {
        connection.uploadKeyPackage(keyPackage, true);
    }

    @Override
    public List<Optional<byte[]>> fetchKeyPackages(List<byte[]> installationKeys) {
        return connection.fetchKeyPackages(installationKeys);
    }

    @Override
    public void sendGroupMessages(List<GroupMessageInput> messages) {
        connection.sendGroupMessages(messages);
    }

    @Override
    public void sendWelcomeMessages(List<WelcomeMessageInput> welcomes) {
        connection.sendWelcomeMessages(welcomes);
    }

    @Override
    public List<GroupMessage.V1> queryGroupMessages(byte[] groupId, long afterId) {
        return connection.queryGroupMessages(groupId, afterId);
    }

    @Override
    public List<WelcomeMessage.V1> queryWelcomeMessages(byte[] installationKey, long afterId) {
        return connection.queryWelcomeMessages(installationKey, afterId).stream().filter(WelcomeMessage::hasV1)
                .map(WelcomeMessage::getV1).toList();
    }

    @Override
    public void publishIdentityUpdate(IdentityUpdate update) {
        connection.publishIdentityUpdate(update);
    }

    @Override
    public Map<String, List<SequencedUpdate>> identityUpdates(Map<String, Long> afterSequenceIds) {
        List<InboxCursor> cursors = new ArrayList<>();
        afterSequenceIds.forEach((inbox, after) -> cursors.add(new InboxCursor(inbox, after)));
        Map<String, List<SequencedUpdate>> result = new LinkedHashMap<>();
        for (GetIdentityUpdatesResponse.Response response : connection.getIdentityUpdates(cursors)) {
            List<SequencedUpdate> updates = new ArrayList<>();
            response.getUpdatesList().forEach(u -> updates.add(new SequencedUpdate(u.getSequenceId(), u.getUpdate())));
            result.put(response.getInboxId(), updates);
        }
        return result;
    }

    @Override
    public Map<String, Optional<String>> inboxIds(List<String> addresses) {
        Map<String, String> found = connection.getInboxIds(addresses);
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        addresses.forEach(a -> result.put(a, Optional.ofNullable(found.get(a))));
        return result;
    }

    @Override
    public GroupSubscription subscribeGroupMessages(Map<Bytes, Long> cursors, Consumer<GroupMessage.V1> consumer) {
        List<GroupCursor> filters = new ArrayList<>();
        cursors.forEach((group, after) -> filters.add(new GroupCursor(group.toByteArray(), after)));
        GroupMessageStream stream = connection.streamGroupMessages(filters, consumer);
        return new GroupSubscription() {
            @Override
            public void addGroup(byte[] groupId, long afterId) {
                stream.addGroup(groupId, afterId);
            }

            @Override
            public void addGroups(Map<Bytes, Long> groups) {
                List<GroupCursor> more = new ArrayList<>();
                groups.forEach((group, after) -> more.add(new GroupCursor(group.toByteArray(), after)));
                stream.addGroups(more);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public WelcomeSubscription subscribeWelcomes(byte[] installationKey, long afterId,
                                                 Consumer<WelcomeMessage.V1> consumer) {
        WelcomeStream stream = connection.streamWelcomeMessages(installationKey, afterId, w -> {
            if (w.hasV1()) {
                consumer.accept(w.getV1());
            }
        });
        return stream::close;
    }

    @Override
    public WelcomeSubscription subscribeWelcomes(Map<Bytes, Long> cursors, Consumer<WelcomeMessage.V1> consumer) {
        WelcomeStream stream = connection.streamWelcomeMessages(cursors, w -> {
            if (w.hasV1()) {
                consumer.accept(w.getV1());
            }
        }, StreamListener.NONE);
        return new WelcomeSubscription() {
            @Override
            public void addInstallation(byte[] installationKey, long afterId) {
                stream.addInstallation(installationKey, afterId);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    @Override
    public void close() {
        connection.close();
    }
}
