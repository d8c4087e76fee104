package io.socon.messaging.impl.client;

import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node calls the client engine makes, in XMTP's V3 API terms. One implementation talks gRPC to a node
 * (with retries); failures are {@link io.socon.messaging.api.MessagingException}s with code
 * {@code NODE_UNAVAILABLE} (transient) or {@code INVALID_ARGUMENT} (the node refused the request).
 */
public interface NodeApi extends AutoCloseable {

    /** An identity update with the node's sequence id. */
    record SequencedUpdate(long sequenceId, IdentityUpdate update) {
    }

    void uploadKeyPackage(byte[] keyPackage);

    /** The newest key package of each installation, in request order; empty where the node has none. */
    List<Optional<byte[]>> fetchKeyPackages(List<byte[]> installationKeys);

    void sendGroupMessages(List<GroupMessageInput> messages);

    void sendWelcomeMessages(List<WelcomeMessageInput> welcomes);

    /** All of the group's messages with an id above {@code afterId}, ascending (paged as libxmtp pages). */
    List<GroupMessage.V1> queryGroupMessages(byte[] groupId, long afterId);

    /** All of the installation's welcomes with an id above {@code afterId}, ascending. */
    List<WelcomeMessage.V1> queryWelcomeMessages(byte[] installationKey, long afterId);

    void publishIdentityUpdate(IdentityUpdate update);

    /** For each inbox, its updates with a sequence id above the given one, ascending. */
    Map<String, List<SequencedUpdate>> identityUpdates(Map<String, Long> afterSequenceIds);

    /** For each lowercase Ethereum address, the inbox it belongs to, if any. */
    Map<String, Optional<String>> inboxIds(List<String> addresses);

    /** A live subscription to some groups' messages, each delivered once, in node order per group. */
    interface GroupSubscription extends AutoCloseable {
        /** Adds a group, delivering its messages with an id above {@code afterId}. */
        void addGroup(byte[] groupId, long afterId);

        /** Adds several groups, with one resubscription where the implementation can. */
        default void addGroups(Map<io.socon.messaging.impl.mls.codec.Bytes, Long> groups) {
            groups.forEach((group, afterId) -> addGroup(group.toByteArray(), afterId));
        }

        @Override
        void close();
    }

    /** A live subscription to one installation's welcomes, or several installations'. */
    interface WelcomeSubscription extends AutoCloseable {
        /**
         * Adds an installation, delivering its welcomes with an id above {@code afterId}.
         *
         * @throws UnsupportedOperationException if this subscription cannot grow
         */
        default void addInstallation(byte[] installationKey, long afterId) {
            throw new UnsupportedOperationException("this welcome subscription cannot add installations");
        }

        @Override
        void close();
    }

    /**
     * Subscribes to the groups' messages above their cursors (history first, then live), resubscribing and
     * reconnecting as needed; {@code consumer} runs on a thread of the subscription, one message at a time.
     */
    GroupSubscription subscribeGroupMessages(Map<io.socon.messaging.impl.mls.codec.Bytes, Long> cursors,
                                             java.util.function.Consumer<GroupMessage.V1> consumer);

    /** Subscribes to the installation's welcomes above {@code afterId}. */
    WelcomeSubscription subscribeWelcomes(byte[] installationKey, long afterId,
                                          java.util.function.Consumer<WelcomeMessage.V1> consumer);

    /**
     * Subscribes to several installations' welcomes (at least one), each above its cursor; more can be added with
     * {@link WelcomeSubscription#addInstallation}. One stream serves them all (for a server that hosts many
     * installations).
     *
     * @throws UnsupportedOperationException if this node API cannot
     */
    default WelcomeSubscription subscribeWelcomes(Map<io.socon.messaging.impl.mls.codec.Bytes, Long> cursors,
                                                  java.util.function.Consumer<WelcomeMessage.V1> consumer) {
        throw new UnsupportedOperationException("this node API streams one installation's welcomes at a time");
    }

    @Override
    void close();
}
