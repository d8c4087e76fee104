package io.socon.messaging.impl.messaging;

import io.socon.messaging.impl.client.NodeApi;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One user's view of the server's single node connection: every call goes to the shared {@link NodeApi}, but
 * {@link #close()} only closes the subscriptions opened through this view, never the shared connection (which the
 * {@link MessagingService} closes when it stops). Each {@code XmtpClient} gets its own view.
 */
final class SharedNodeApi implements NodeApi {

    private final NodeApi shared;
    private final Set<AutoCloseable> subscriptions = ConcurrentHashMap.newKeySet();

    SharedNodeApi(NodeApi shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public void uploadKeyPackage(byte[] keyPackage) {
        shared.uploadKeyPackage(keyPackage);
    }

    @Override
    public List<Optional<byte[]>> fetchKeyPackages(List<byte[]> installationKeys) {
        return shared.fetchKeyPackages(installationKeys);
    }

    @Override
    public void sendGroupMessages(List<GroupMessageInput> messages) {
        shared.sendGroupMessages(messages);
    }

    @Override
    public void sendWelcomeMessages(List<WelcomeMessageInput> welcomes) {
        shared.sendWelcomeMessages(welcomes);
    }

    @Override
    public List<GroupMessage.V1> queryGroupMessages(byte[] groupId, long afterId) {
        return shared.queryGroupMessages(groupId, afterId);
    }

    @Override
    public List<WelcomeMessage.V1> queryWelcomeMessages(byte[] installationKey, long afterId) {
        return shared.queryWelcomeMessages(installationKey, afterId);
    }

    @Override
    public void publishIdentityUpdate(IdentityUpdate update) {
        shared.publishIdentityUpdate(update);
    }

    @Override
    public Map<String, List<SequencedUpdate>> identityUpdates(Map<String, Long> afterSequenceIds) {
        return shared.identityUpdates(afterSequenceIds);
    }

    @Override
    public Map<String, Optional<String>> inboxIds(List<String> addresses) {
        return shared.inboxIds(addresses);
    }

    @Override
    public GroupSubscription subscribeGroupMessages(Map<Bytes, Long> cursors, Consumer<GroupMessage.V1> consumer) {
        GroupSubscription subscription = shared.subscribeGroupMessages(cursors, consumer);
        subscriptions.add(subscription);
        return new GroupSubscription() {
            @Override
            public void addGroup(byte[] groupId, long afterId) {
                subscription.addGroup(groupId, afterId);
            }

            @Override
            public void addGroups(Map<Bytes, Long> groups) {
                subscription.addGroups(groups);
            }

            @Override
            public void close() {
                subscriptions.remove(subscription);
                subscription.close();
            }
        };
    }

    @Override
    public WelcomeSubscription subscribeWelcomes(byte[] installationKey, long afterId,
                                                 Consumer<WelcomeMessage.V1> consumer) {
        return track(shared.subscribeWelcomes(installationKey, afterId, consumer));
    }

    @Override
    public WelcomeSubscription subscribeWelcomes(Map<Bytes, Long> cursors, Consumer<WelcomeMessage.V1> consumer) {
        return track(shared.subscribeWelcomes(cursors, consumer));
    }

    private WelcomeSubscription track(WelcomeSubscription subscription) {
        subscriptions.add(subscription);
        return new WelcomeSubscription() {
            @Override
            public void addInstallation(byte[] installationKey, long afterId) {
                subscription.addInstallation(installationKey, afterId);
            }

            @Override
            public void close() {
                subscriptions.remove(subscription);
                subscription.close();
            }
        };
    }

    /** Closes this view's subscriptions; the shared connection stays open. */
    @Override
    public void close() {
        for (AutoCloseable subscription : List.copyOf(subscriptions)) {
            try {
                subscription.close();
            } catch (Exception e) {
                // closing a stream only cancels it
            }
        }
        subscriptions.clear();
    }
}
