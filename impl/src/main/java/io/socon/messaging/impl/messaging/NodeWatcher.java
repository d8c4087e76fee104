package io.socon.messaging.impl.messaging;

import io.socon.messaging.impl.client.NodeApi;
import io.socon.messaging.impl.mls.codec.Bytes;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The server's two node streams for all of its host users together: one {@code SubscribeGroupMessages} over every
 * conversation with a local member and one {@code SubscribeWelcomeMessages} over every local installation, both
 * on the shared connection and both resumed without gaps by the connection's streams. What arrives is only a
 * wake-up: the {@link Events} route it to the users concerned, whose engines then fetch and decrypt from their own
 * cursors. That is what keeps an idle inbox cheap (no stream of its own, no open store) while its user is still
 * notified of new messages.
 */
final class NodeWatcher implements AutoCloseable {

    /** Where the watcher sends what it hears; called on the stream's thread, must return quickly. */
    interface Events {
        void groupMessage(String groupId, long nodeId);

        void welcome(String installationId, long welcomeId);
    }

    private static final HexFormat HEX = HexFormat.of();

    private final NodeApi api;
    private final Events events;
    private NodeApi.GroupSubscription groups;
    private NodeApi.WelcomeSubscription welcomes;
    private boolean closed;

    NodeWatcher(NodeApi api, Events events) {
        this.api = Objects.requireNonNull(api, "api");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Watches more conversations (hex group id to the cursor to start after); known ones keep the higher cursor. */
    synchronized void watchGroups(Map<String, Long> cursors) {
        if (closed || cursors.isEmpty()) {
            return;
        }
        Map<Bytes, Long> byId = new LinkedHashMap<>();
        cursors.forEach((group, cursor) -> byId.put(Bytes.fromHex(group), cursor));
        if (groups == null) {
            groups = api.subscribeGroupMessages(byId, m -> events.groupMessage(
                    HEX.formatHex(m.getGroupId().toByteArray()), m.getId()));
        } else {
            groups.addGroups(byId);
        }
    }

    /** Watches more installations (hex installation key to the welcome cursor to start after). */
    synchronized void watchInstallations(Map<String, Long> cursors) {
        if (closed || cursors.isEmpty()) {
            return;
        }
        if (welcomes == null) {
            Map<Bytes, Long> byKey = new LinkedHashMap<>();
            cursors.forEach((key, cursor) -> byKey.put(Bytes.fromHex(key), cursor));
            welcomes = api.subscribeWelcomes(byKey, w -> events.welcome(
                    HEX.formatHex(w.getInstallationKey().toByteArray()), w.getId()));
        } else {
            cursors.forEach((key, cursor) -> welcomes.addInstallation(HEX.parseHex(key), cursor));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (groups != null) {
            groups.close();
        }
        if (welcomes != null) {
            welcomes.close();
        }
    }
}
