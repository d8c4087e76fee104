package io.socon.messaging.impl.client;

import com.google.protobuf.ByteString;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.impl.client.group.ConversationType;
import io.socon.messaging.impl.client.group.GroupCheckException;
import io.socon.messaging.impl.client.group.MembershipChange;
import io.socon.messaging.impl.client.group.MembershipPlanner;
import io.socon.messaging.impl.client.group.MutableMetadata;
import io.socon.messaging.impl.client.group.WelcomeChecks;
import io.socon.messaging.impl.client.group.XmtpGroupState;
import io.socon.messaging.impl.client.content.ContentCodecException;
import io.socon.messaging.impl.client.content.GroupUpdate;
import io.socon.messaging.impl.client.content.GroupUpdatedCodec;
import io.socon.messaging.impl.client.content.PlaintextEnvelopes;
import io.socon.messaging.impl.client.welcome.UnwrappedWelcome;
import io.socon.messaging.impl.client.welcome.WelcomeWrapAlgorithm;
import io.socon.messaging.impl.client.welcome.WelcomeWrapException;
import io.socon.messaging.impl.client.welcome.WelcomeWrapper;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.group.CommitResult;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.GroupConfig;
import io.socon.messaging.impl.mls.group.GroupException;
import io.socon.messaging.impl.mls.group.GroupKeys;
import io.socon.messaging.impl.mls.group.KeyPackageBundle;
import io.socon.messaging.impl.mls.group.OpenedWelcome;
import io.socon.messaging.impl.mls.group.PskStore;
import io.socon.messaging.impl.mls.group.Received;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.WireFormat;
import io.socon.messaging.impl.mls.xmtp.KeyPackageRejectedException;
import io.socon.messaging.impl.mls.xmtp.KeyPackageValidator;
import io.socon.messaging.impl.mls.xmtp.ValidatedKeyPackage;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredKeyPackage;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.store.client.StoredPendingCommit;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The conversation half of the client engine: creates DMs and groups on our MLS, changes their membership and
 * metadata, sends messages, and processes what the node holds for us (welcomes and group messages) in node
 * order, storing each resulting epoch together with its messages and cursor in one transaction.
 *
 * <p>Our own commits are written to the store as pending before they are sent; when the node returns a message
 * whose bytes hash to the pending commit, the stored next epoch is adopted. If another member's commit comes
 * first, ours lost the race: the operation is rebuilt on the new epoch (a few times) and the stale one dropped.
 *
 * <p>Thread-safety: operations on one group are serialized by a per-group lock; welcome processing by its own.
 */
final class ConversationEngine {

    private static final System.Logger LOG = System.getLogger(ConversationEngine.class.getName());

    /** How many times an operation is rebuilt after losing a commit race. */
    private static final int COMMIT_ATTEMPTS = 3;

    private static final String WELCOME_CURSOR = "welcomes";

    private final ClientContext ctx;
    private final Map<Bytes, ReentrantLock> groupLocks = new ConcurrentHashMap<>();
    private final ReentrantLock welcomeLock = new ReentrantLock();
    private final byte[] hmacKey;

    ConversationEngine(ClientContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.hmacKey = new byte[32];
        ctx.random().nextBytes(hmacKey);
    }

    // ================================================================ creating conversations

    /** The DM with {@code peerInboxId}: the existing one if there is one, else a new one. */
    StoredGroup findOrCreateDm(String peerInboxId) {
        String self = ctx.installation().inboxId();
        if (peerInboxId.equals(self)) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                    "a DM needs another inbox; " + peerInboxId + " is this client's own inbox");
        }
        Optional<StoredGroup> existing = ctx.store().read(tx -> tx.dmWith(peerInboxId));
        if (existing.isPresent()) {
            return existing.get();
        }
        ctx.directory().latest(peerInboxId);
        Group group = createGroupState(XmtpGroupRules.newDm(self, peerInboxId, ctx.random()));
        StoredGroup row = new StoredGroup(group.groupId().toByteArray(), StoredGroup.Kind.DM, peerInboxId,
                StoredGroup.Status.ACTIVE, group.toBytes(), group.keys().toBytes(), 0, false, self, now(), now());
        insertNewConversation(row);
        addMembers(group.groupId(), List.of(peerInboxId));
        return ctx.store().read(tx -> tx.group(row.groupId())).orElseThrow();
    }

    /** A new group with us as super admin and the given members (all their installations). */
    StoredGroup createGroup(List<String> memberInboxIds, XmtpGroupRules.NewGroup options) {
        String self = ctx.installation().inboxId();
        List<String> members = memberInboxIds.stream().distinct().filter(m -> !m.equals(self)).toList();
        Group group = createGroupState(XmtpGroupRules.newGroup(self, options, ctx.random()));
        StoredGroup row = new StoredGroup(group.groupId().toByteArray(), StoredGroup.Kind.GROUP, null,
                StoredGroup.Status.ACTIVE, group.toBytes(), group.keys().toBytes(), 0, false, self, now(), now());
        insertNewConversation(row);
        if (!members.isEmpty()) {
            addMembers(group.groupId(), members);
        }
        return ctx.store().read(tx -> tx.group(row.groupId())).orElseThrow();
    }

    private Group createGroupState(List<io.socon.messaging.impl.mls.struct.Extension> extensions) {
        byte[] id = new byte[16];
        ctx.random().nextBytes(id);
        try (KeyPackageBundle creator = KeyPackages.create(ctx.installation(), ctx.random(), ctx.clock())) {
            return Group.create(GroupConfig.XMTP, Bytes.copyOf(id), creator, extensions, PskStore.NONE, ctx.random());
        }
    }

    private void insertNewConversation(StoredGroup row) {
        ctx.store().transaction(tx -> {
            tx.putGroup(row);
            return null;
        });
        ctx.events().conversationAdded(row);
    }

    // ================================================================ membership and metadata

    /** Adds every installation of each inbox (and our own other installations) in one commit. */
    void addMembers(Bytes groupId, List<String> inboxIds) {
        if (!inboxIds.isEmpty()) {
            changeMembers(groupId, inboxIds, List.of());
        }
    }

    /** Removes every installation of each inbox in one commit. */
    void removeMembers(Bytes groupId, List<String> inboxIds) {
        if (inboxIds.isEmpty()) {
            return;
        }
        if (inboxIds.contains(ctx.installation().inboxId())) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                    "you cannot remove your own inbox; leave the group instead");
        }
        changeMembers(groupId, List.of(), inboxIds);
    }

    private void changeMembers(Bytes groupId, List<String> toAdd, List<String> toRemove) {
        withGroup(groupId, () -> {
            commitWithRetries(groupId, (row, group) -> planMembership(group, toAdd, toRemove, false));
            return null;
        });
    }

    /**
     * Plans one membership commit, as libxmtp's {@code get_membership_update_intent} and
     * {@code apply_update_group_membership_intent} do: every member inbox (ours included) moves to its latest
     * verified sequence id, the inboxes to add join and those to remove leave; the installations gained are added
     * by their key packages (those without a usable one are listed as failed), those lost are removed. With
     * {@code refreshOnly} (nothing to add or remove, only members' installations to follow) there may be nothing to
     * do: then, or when the change would remove our own leaf (our installation was revoked), this returns null and
     * nothing is committed, as libxmtp does.
     */
    private PlannedCommit planMembership(Group group, List<String> toAdd, List<String> toRemove,
                                         boolean refreshOnly) {
        XmtpGroupState state = XmtpGroupRules.state(group);
        for (String inbox : toRemove) {
            if (!state.membership().contains(inbox)) {
                throw new MessagingException(ErrorCode.NOT_A_MEMBER, "inbox " + inbox
                        + " is not a member of this conversation");
            }
        }
        Set<String> inboxes = new LinkedHashSet<>(state.membership().members().keySet());
        inboxes.addAll(toAdd);
        inboxes.add(ctx.installation().inboxId());
        Map<String, InboxSnapshot> snapshots = ctx.directory().latest(inboxes);
        Map<String, Long> latest = new LinkedHashMap<>();
        snapshots.forEach((inbox, snap) -> latest.put(inbox, snap.sequenceId()));
        MembershipChange change;
        try {
            change = MembershipPlanner.plan(state.membership(), toAdd, toRemove, latest,
                    XmtpGroupRules.lookup(ctx.directory()), XmtpGroupRules.leaves(group),
                    ctx.installation().installationKey());
        } catch (GroupCheckException e) {
            throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                    "cannot plan the membership change: " + e.getMessage(), e);
        }
        if (refreshOnly && (change.removesOwnLeaf() || change.isEmpty())) {
            if (change.removesOwnLeaf()) {
                LOG.log(System.Logger.Level.INFO, "group {0}: this installation was revoked; leaving its removal"
                        + " to another member", group.groupId().toHex());
            }
            return null;
        }
        List<Bytes> wanted = change.installationsToAdd();
        List<Optional<byte[]>> fetched = wanted.isEmpty() ? List.of()
                : ctx.api().fetchKeyPackages(wanted.stream().map(Bytes::toByteArray).toList());
        List<Proposal> proposals = new ArrayList<>();
        List<KeyPackage> recipients = new ArrayList<>();
        List<Bytes> failed = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Bytes installation = wanted.get(i);
            Optional<KeyPackage> kp = fetched.get(i).flatMap(b -> validKeyPackage(b, installation,
                    installationOwner(snapshots, installation)));
            if (kp.isPresent()) {
                proposals.add(new Proposal.Add(kp.get()));
                recipients.add(kp.get());
            } else {
                failed.add(installation);
            }
        }
        for (String inbox : toAdd) {
            Set<Bytes> theirs = snapshots.get(inbox).installations();
            boolean reachable = recipients.stream().anyMatch(kp -> theirs.contains(
                    kp.leafNode().signatureKey())) || XmtpGroupRules.leaves(group).stream()
                    .anyMatch(l -> theirs.contains(l.installationKey()));
            if (!reachable) {
                throw new MessagingException(ErrorCode.PEER_NOT_REACHABLE, "inbox " + inbox
                        + " has no installation with a usable key package; it cannot be added now");
            }
        }
        for (var leaf : change.leavesToRemove()) {
            XmtpGroupRules.leafIndexOf(group, leaf.installationKey())
                    .ifPresent(index -> proposals.add(new Proposal.Remove(index)));
        }
        proposals.add(new Proposal.GroupContextExtensions(state.replacing(
                change.membershipWithFailures(failed).toExtension())));
        CommitResult result = group.commit(proposals, true);
        XmtpGroupRules.validateOwn(group, result.group(), proposals, ctx.directory());
        return new PlannedCommit(result, recipients);
    }

    // ================================================================ members' installations

    /** libxmtp's {@code SEND_MESSAGE_UPDATE_INSTALLATIONS_INTERVAL_NS}: a send refreshes after 5 s. */
    static final long SEND_REFRESH_INTERVAL_NS = 5_000_000_000L;

    /** libxmtp's (production) {@code SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS}: a sync refreshes after 30 min. */
    static final long SYNC_REFRESH_INTERVAL_NS = 30 * 60 * 1_000_000_000L;

    /**
     * Brings the group's installations in step with its members' identities when the last check is older than
     * {@code intervalNs} (libxmtp {@code maybe_update_installations}): a member inbox that added an installation
     * gets it added (and welcomed), one that revoked an installation gets it removed, in one commit. Nothing
     * happens in a group we are no longer in. The check time is recorded once the check (and its commit, if any)
     * succeeded.
     *
     * @param intervalNs how old the last check must be; negative to check now whatever its age
     * @return whether a commit changed the group
     */
    boolean refreshInstallations(Bytes groupId, long intervalNs) {
        return withGroup(groupId, () -> refreshLocked(groupId, intervalNs));
    }

    /** Processes the group's new messages, then refreshes its installations if the last check is 30 min old. */
    int syncAndRefresh(Bytes groupId) {
        return withGroup(groupId, () -> {
            int stored = syncLocked(groupId, true);
            try {
                refreshLocked(groupId, SYNC_REFRESH_INTERVAL_NS);
            } catch (MessagingException e) {
                LOG.log(System.Logger.Level.WARNING, "group {0}: could not update the members'' installations: {1}",
                        groupId.toHex(), e.getMessage());
            }
            return stored;
        });
    }

    private boolean refreshLocked(Bytes groupId, long intervalNs) {
        byte[] id = groupId.toByteArray();
        Optional<StoredGroup> row = ctx.store().read(tx -> tx.group(id));
        if (row.isEmpty() || row.get().status() != StoredGroup.Status.ACTIVE) {
            return false;
        }
        long now = now();
        long last = ctx.store().read(tx -> tx.installationsCheckedNs(id));
        if (intervalNs >= 0 && now - last <= intervalNs) {
            return false;
        }
        boolean committed = commitWithRetries(groupId, (r, group) -> planMembership(group, List.of(), List.of(),
                true));
        ctx.store().transaction(tx -> tx.setInstallationsCheckedNs(id, now));
        return committed;
    }

    /** Sets a mutable metadata attribute (group_name, description, group_image_url_square). */
    void updateMetadata(Bytes groupId, String attribute, String value) {
        updateMutableMetadata(groupId, m -> m.withAttribute(attribute, value));
    }

    /**
     * Changes the group's mutable metadata (attributes, admin and super admin lists) in one commit, planned again
     * on the newest epoch if the commit loses a race. Nothing is committed when the change leaves the metadata as
     * it is.
     */
    void updateMutableMetadata(Bytes groupId, java.util.function.UnaryOperator<MutableMetadata> change) {
        withGroup(groupId, () -> {
            syncLocked(groupId, false);
            Group current = restore(activeRow(groupId));
            MutableMetadata now = XmtpGroupRules.state(current).mutableMetadata();
            if (change.apply(now).equals(now)) {
                return null;
            }
            commitWithRetries(groupId, (row, group) -> {
                XmtpGroupState state = XmtpGroupRules.state(group);
                List<Proposal> proposals = List.of(new Proposal.GroupContextExtensions(state.replacing(
                        change.apply(state.mutableMetadata()).toExtension())));
                CommitResult result = group.commit(proposals, true);
                XmtpGroupRules.validateOwn(group, result.group(), proposals, ctx.directory());
                return new PlannedCommit(result, List.of());
            });
            return null;
        });
    }

    // ================================================================ sending

    /** Encrypts and publishes an application message; returns it as stored (published when this returns). */
    StoredMessage send(Bytes groupId, Content content) {
        EncodedContent encoded = ctx.codecs().encode(content);
        boolean push = ctx.codecs().shouldPush(content);
        return withGroup(groupId, () -> {
            syncLocked(groupId, true);
            activeRow(groupId);
            refreshLocked(groupId, SEND_REFRESH_INTERVAL_NS);
            StoredGroup row = activeRow(groupId);
            if (row.needsKeyUpdate()) {
                commitWithRetries(groupId, (r, group) ->
                        new PlannedCommit(group.commit(List.of(), true), List.of()));
                row = activeRow(groupId);
            }
            Group group = restore(row);
            long sentAt = now();
            String idempotencyKey = Long.toString(sentAt);
            byte[] payload = encoded.toByteArray();
            byte[] messageId = messageId(groupId.toByteArray(), idempotencyKey, payload);
            MlsMessage mls = group.encrypt(PlaintextEnvelopes.wrap(payload, idempotencyKey));
            byte[] data = mls.toBytes();
            StoredMessage message = new StoredMessage(messageId, groupId.toByteArray(), 0, sentAt,
                    ctx.installation().inboxId(), ctx.installation().installationKey().toByteArray(),
                    StoredMessage.Kind.APPLICATION, payload, StoredMessage.Delivery.UNPUBLISHED, push);
            StoredGroup next = row.withState(group.toBytes(), group.keys().toBytes(), row.messageCursor(), false,
                    sentAt);
            ctx.store().transaction(tx -> {
                tx.putGroup(next);
                tx.putMessage(message);
                tx.putOutgoing(Kdf.hash(data), groupId.toByteArray(), messageId, sentAt);
                return null;
            });
            ctx.events().messageStored(message);
            ctx.api().sendGroupMessages(List.of(groupMessageInput(data, push)));
            syncLocked(groupId, false);
            return ctx.store().read(tx -> tx.message(messageId)).orElse(message);
        });
    }

    // ================================================================ syncing

    /** Processes the group's new messages from the node; returns how many messages were stored. */
    int sync(Bytes groupId) {
        return withGroup(groupId, () -> syncLocked(groupId, true));
    }

    /** Processes new welcomes; returns the conversations joined. */
    List<StoredGroup> syncWelcomes() {
        welcomeLock.lock();
        try {
            long cursor = ctx.store().read(tx -> tx.cursor(WELCOME_CURSOR));
            List<WelcomeMessage.V1> welcomes = ctx.api().queryWelcomeMessages(
                    ctx.installation().installationKey().toByteArray(), cursor);
            List<StoredGroup> joined = new ArrayList<>();
            for (WelcomeMessage.V1 welcome : welcomes) {
                processWelcome(welcome).ifPresent(joined::add);
            }
            if (!joined.isEmpty()) {
                rotateKeyPackage();
            }
            return joined;
        } finally {
            welcomeLock.unlock();
        }
    }

    /** Processes one welcome that a stream delivered (or skips it if already processed). */
    Optional<StoredGroup> processStreamedWelcome(WelcomeMessage.V1 welcome) {
        welcomeLock.lock();
        try {
            long cursor = ctx.store().read(tx -> tx.cursor(WELCOME_CURSOR));
            if (welcome.getId() <= cursor) {
                return Optional.empty();
            }
            List<StoredGroup> joined = new ArrayList<>();
            for (WelcomeMessage.V1 w : ctx.api().queryWelcomeMessages(
                    ctx.installation().installationKey().toByteArray(), cursor)) {
                processWelcome(w).ifPresent(joined::add);
            }
            if (!joined.isEmpty()) {
                rotateKeyPackage();
            }
            return joined.stream().findFirst();
        } finally {
            welcomeLock.unlock();
        }
    }

    /**
     * Processes the group's new messages from the node in order. With {@code republish}, then sends again our
     * messages still unpublished after the sync (the node does not have them: a send failed, or the client was
     * killed before it finished); re-encrypted with the same idempotency key they keep their message id, so a
     * receiver that somehow got both stores one.
     */
    private int syncLocked(Bytes groupId, boolean republish) {
        StoredGroup row = ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow(() ->
                new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + groupId.toHex()));
        List<GroupMessage.V1> messages = ctx.api().queryGroupMessages(groupId.toByteArray(), row.messageCursor());
        int stored = 0;
        for (GroupMessage.V1 message : messages) {
            stored += process(groupId, message);
        }
        if (republish) {
            republishUnpublished(groupId);
        }
        return stored;
    }

    private void republishUnpublished(Bytes groupId) {
        List<StoredMessage> unpublished = ctx.store().read(tx -> tx.unpublishedMessages(groupId.toByteArray()));
        if (unpublished.isEmpty()) {
            return;
        }
        StoredGroup row = ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow();
        if (row.status() != StoredGroup.Status.ACTIVE) {
            return;
        }
        for (StoredMessage message : unpublished) {
            Group group = restore(ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow());
            byte[] data = group.encrypt(PlaintextEnvelopes.wrap(message.encodedContent(),
                    Long.toString(message.sentAtNs()))).toBytes();
            StoredGroup current = ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow();
            StoredGroup next = current.withState(group.toBytes(), group.keys().toBytes(), current.messageCursor(),
                    current.needsKeyUpdate(), 0);
            ctx.store().transaction(tx -> {
                tx.putGroup(next);
                tx.putOutgoing(Kdf.hash(data), groupId.toByteArray(), message.id(), now());
                return null;
            });
            LOG.log(System.Logger.Level.INFO, "group {0}: sending message {1} again (it never reached the node)",
                    groupId.toHex(), Bytes.copyOf(message.id()).toHex());
            ctx.api().sendGroupMessages(List.of(groupMessageInput(data,
                    ctx.codecs().shouldPush(ctx.codecs().decode(message.encodedContent())))));
        }
        syncLocked(groupId, false);
    }

    /**
     * Processes one group message: adopts our pending commit, applies another member's commit after checking it
     * against XMTP's rules, or decrypts and stores an application message; then advances the cursor, all in one
     * transaction. A message that cannot be processed (not decryptable, refused commit) is logged and skipped.
     */
    private int process(Bytes groupId, GroupMessage.V1 message) {
        StoredGroup row = ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow();
        if (message.getId() <= row.messageCursor()) {
            return 0;
        }
        byte[] data = message.getData().toByteArray();
        byte[] hash = Kdf.hash(data);
        long nodeId = message.getId();
        long createdNs = message.getCreatedNs();
        Optional<StoredPendingCommit> pending = ctx.store().read(tx -> tx.pendingCommit(groupId.toByteArray()));
        if (pending.isPresent() && java.util.Arrays.equals(pending.get().payloadHash(), hash)) {
            return adoptOwnCommit(row, pending.get(), nodeId, createdNs);
        }
        Optional<byte[]> ownMessage = ctx.store().read(tx -> tx.outgoingMessageId(hash));
        if (ownMessage.isPresent()) {
            ctx.store().transaction(tx -> {
                tx.markPublished(ownMessage.get(), nodeId, createdNs);
                tx.deleteOutgoing(ownMessage.get());
                tx.putGroup(row.withCursor(nodeId));
                return null;
            });
            return 0;
        }
        if (row.status() != StoredGroup.Status.ACTIVE) {
            advance(row, nodeId);
            return 0;
        }
        Group group = restore(row);
        MlsMessage mls;
        Received received;
        try {
            mls = MlsMessage.decode(data);
            if (mls.wireFormat() != WireFormat.PRIVATE_MESSAGE) {
                throw new GroupException("XMTP groups accept only PrivateMessages, not " + mls.wireFormat());
            }
            received = group.receive(mls);
        } catch (GroupException | MlsDecodeException e) {
            LOG.log(System.Logger.Level.DEBUG, "group {0}: skipping message {1}: {2}", groupId.toHex(), nodeId,
                    e.getMessage());
            advance(row, nodeId);
            return 0;
        }
        LeafNode senderLeaf = group.members().get((int) received.sender().index());
        String senderInbox = senderLeaf == null ? "" : Leaves.inboxOf(senderLeaf).orElse("");
        byte[] senderInstallation = senderLeaf == null ? new byte[0] : senderLeaf.signatureKey().toByteArray();
        return switch (received.kind()) {
            case APPLICATION -> storeApplication(row, received, senderInbox, senderInstallation, nodeId, createdNs);
            case PROPOSAL -> {
                LOG.log(System.Logger.Level.DEBUG, "group {0}: ignoring a standalone proposal {1}", groupId.toHex(),
                        nodeId);
                advance(row, nodeId);
                yield 0;
            }
            case COMMIT -> applyCommit(row, group, received, senderInbox, senderInstallation, nodeId, createdNs);
            case REMOVED -> {
                StoredMessage note = membershipMessage(row, group, received.group(), senderInbox,
                        senderInstallation, nodeId, createdNs, true);
                ctx.store().transaction(tx -> {
                    tx.putGroup(row.withCursor(nodeId).withStatus(StoredGroup.Status.REMOVED));
                    tx.deletePendingCommit(row.groupId());
                    tx.putMessage(note);
                    return null;
                });
                ctx.events().messageStored(note);
                yield 1;
            }
        };
    }

    private int storeApplication(StoredGroup row, Received received, String senderInbox, byte[] senderInstallation,
                                 long nodeId, long createdNs) {
        Group next = received.group();
        StoredGroup updated = row.withState(next.toBytes(), next.keys().toBytes(), nodeId, row.needsKeyUpdate(),
                createdNs);
        PlaintextEnvelopes.ApplicationPayload payload;
        try {
            payload = PlaintextEnvelopes.unwrap(received.applicationData().orElseThrow().toByteArray());
        } catch (ContentCodecException e) {
            LOG.log(System.Logger.Level.DEBUG, "group {0}: message {1} is not for us to show: {2}",
                    Bytes.copyOf(row.groupId()).toHex(), nodeId, e.getMessage());
            ctx.store().transaction(tx -> {
                tx.putGroup(updated);
                return null;
            });
            return 0;
        }
        byte[] id = messageId(row.groupId(), payload.idempotencyKey(), payload.content());
        StoredMessage message = new StoredMessage(id, row.groupId(), nodeId, createdNs, senderInbox,
                senderInstallation, StoredMessage.Kind.APPLICATION, payload.content(),
                StoredMessage.Delivery.PUBLISHED, ctx.codecs().shouldPush(payload.content()));
        boolean fresh = ctx.store().transaction(tx -> {
            tx.putGroup(updated);
            boolean isNew = tx.putMessage(message);
            if (!isNew) {
                tx.markPublished(id, nodeId, createdNs);
            }
            return isNew;
        });
        if (fresh) {
            ctx.events().messageStored(message);
        }
        return fresh ? 1 : 0;
    }

    private int applyCommit(StoredGroup row, Group before, Received received, String committerInbox,
                            byte[] committerInstallation, long nodeId, long createdNs) {
        Group after = received.group();
        try {
            XmtpGroupRules.validate(before, after, (int) received.sender().index(), received.applied(),
                    received.pathLeaf(), ctx.directory());
        } catch (MessagingException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "group {0}: refusing commit {1} from inbox {2}: {3}",
                    Bytes.copyOf(row.groupId()).toHex(), nodeId, committerInbox, e.getMessage());
            advance(row, nodeId);
            return 0;
        }
        StoredMessage note = membershipMessage(row, before, after, committerInbox, committerInstallation, nodeId,
                createdNs, false);
        StoredGroup updated = row.withState(after.toBytes(), after.keys().toBytes(), nodeId, row.needsKeyUpdate(),
                createdNs);
        ctx.store().transaction(tx -> {
            tx.putGroup(updated);
            tx.deletePendingCommit(row.groupId());
            if (note != null) {
                tx.putMessage(note);
            }
            return null;
        });
        if (note != null) {
            ctx.events().messageStored(note);
        }
        return note == null ? 0 : 1;
    }

    private int adoptOwnCommit(StoredGroup row, StoredPendingCommit pending, long nodeId, long createdNs) {
        Group before = restore(row);
        Group after = Group.restore(pending.mlsState(), GroupKeys.fromBytes(pending.mlsKeys()), PskStore.NONE,
                ctx.random());
        StoredMessage note = membershipMessage(row, before, after, ctx.installation().inboxId(),
                ctx.installation().installationKey().toByteArray(), nodeId, createdNs, false);
        StoredGroup updated = row.withState(pending.mlsState(), pending.mlsKeys(), nodeId, false, createdNs);
        byte[] plan = pending.welcomePlan();
        if (plan.length > 0) {
            sendWelcomes(WelcomePlan.fromBytes(plan), nodeId);
        }
        ctx.store().transaction(tx -> {
            tx.putGroup(updated);
            tx.deletePendingCommit(row.groupId());
            if (note != null) {
                tx.putMessage(note);
            }
            return null;
        });
        if (note != null) {
            ctx.events().messageStored(note);
        }
        return note == null ? 0 : 1;
    }

    private void advance(StoredGroup row, long nodeId) {
        ctx.store().transaction(tx -> {
            tx.putGroup(row.withCursor(nodeId));
            return null;
        });
    }

    // ================================================================ our commits

    private record PlannedCommit(CommitResult result, List<KeyPackage> recipients) {
    }

    @FunctionalInterface
    private interface CommitPlanner {
        /** The commit to make on {@code group}, or null for none. */
        PlannedCommit plan(StoredGroup row, Group group);
    }

    /**
     * Plans a commit on the latest epoch, records it as pending, publishes it and syncs until it is adopted. If
     * another member's commit took the epoch first, plans again on the new epoch. A planner that returns null has
     * nothing to commit (any more).
     *
     * @return whether a commit was adopted
     */
    private boolean commitWithRetries(Bytes groupId, CommitPlanner planner) {
        for (int attempt = 1; ; attempt++) {
            syncLocked(groupId, false);
            StoredGroup row = activeRow(groupId);
            Group group = restore(row);
            PlannedCommit planned = planner.plan(row, group);
            if (planned == null) {
                return false;
            }
            byte[] data = planned.result().commit().toBytes();
            byte[] hash = Kdf.hash(data);
            byte[] plan = planned.result().welcome()
                    .map(w -> new WelcomePlan(Bytes.copyOf(w.toBytes()), planned.recipients()).toBytes())
                    .orElse(new byte[0]);
            Group next = planned.result().group();
            StoredPendingCommit pending = new StoredPendingCommit(row.groupId(), hash, next.toBytes(),
                    next.keys().toBytes(), plan, now());
            ctx.store().transaction(tx -> {
                tx.putPendingCommit(pending);
                return null;
            });
            ctx.api().sendGroupMessages(List.of(groupMessageInput(data, false)));
            syncLocked(groupId, false);
            boolean stillPending = ctx.store().read(tx -> tx.pendingCommit(row.groupId()))
                    .filter(p -> java.util.Arrays.equals(p.payloadHash(), hash)).isPresent();
            StoredGroup after = activeRow(groupId);
            if (!stillPending && after.messageCursor() > row.messageCursor()
                    && restore(after).epoch() == next.epoch()) {
                return true;
            }
            if (stillPending) {
                throw new MessagingException(ErrorCode.NODE_UNAVAILABLE, "the node accepted our commit to group "
                        + groupId.toHex() + " but does not return it yet; sync again later");
            }
            if (attempt >= COMMIT_ATTEMPTS) {
                throw new MessagingException(ErrorCode.NODE_UNAVAILABLE, "group " + groupId.toHex()
                        + " keeps changing under us: our commit lost " + attempt + " races; try again");
            }
        }
    }

    private void sendWelcomes(WelcomePlan plan, long commitNodeId) {
        List<WelcomeMessageInput> inputs = new ArrayList<>();
        for (KeyPackage recipient : plan.recipients()) {
            // libxmtp's choice: X-Wing to the key package's 0xFF03 key when it has one, else X25519 to the init key
            inputs.add(WelcomeWrapper.wrap(recipient, plan.welcome().toByteArray(), commitNodeId, ctx.random())
                    .toProto());
        }
        for (int from = 0; from < inputs.size(); from += 50) {
            ctx.api().sendWelcomeMessages(inputs.subList(from, Math.min(inputs.size(), from + 50)));
        }
    }

    // ================================================================ welcomes

    private Optional<StoredGroup> processWelcome(WelcomeMessage.V1 welcome) {
        long welcomeId = welcome.getId();
        Optional<StoredKeyPackage> stored = ctx.store().read(tx ->
                tx.keyPackage(welcome.getHpkePublicKey().toByteArray()));
        if (stored.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "welcome {0} is for a key package we do not have; skipped",
                    welcomeId);
            advanceWelcomes(welcomeId);
            return Optional.empty();
        }
        StoredGroup row;
        try (KeyPackageBundle bundle = KeyPackageBundle.fromBytes(stored.get().bundle())) {
            Bytes initKey = bundle.keyPackage().initKey();
            UnwrappedWelcome unwrapped = WelcomeWrapper.unwrap(Bytes.copyOf(welcome.getHpkePublicKey().toByteArray()),
                    welcome.getWrapperAlgorithmValue(), welcome.getData().toByteArray(),
                    welcome.getWelcomeMetadata().toByteArray(),
                    (algorithm, publicKey) -> algorithm == WelcomeWrapAlgorithm.CURVE25519 && publicKey.equals(initKey)
                            ? Optional.of(bundle.initKey().privateKey()) : Optional.empty());
            MlsMessage mls = MlsMessage.decode(unwrapped.welcomeMessage().toByteArray());
            Group group = Group.join(GroupConfig.XMTP, mls.welcome(), bundle, Optional.empty(), PskStore.NONE,
                    ctx.random());
            Optional<StoredGroup> existing = ctx.store().read(tx -> tx.group(group.groupId().toByteArray()));
            if (existing.isPresent() && existing.get().status() == StoredGroup.Status.ACTIVE) {
                advanceWelcomes(welcomeId);
                return Optional.empty();
            }
            OpenedWelcome opened = OpenedWelcome.open(mls.welcome(), bundle, PskStore.NONE);
            int signer = (int) opened.groupInfo().signer();
            opened.destroy();
            String adder = Leaves.inboxOf(group.members().get(signer)).orElseThrow(() ->
                    new GroupException("the welcome's sender has no XMTP credential"));
            XmtpGroupState state = XmtpGroupRules.state(group);
            try {
                WelcomeChecks.checkMembership(state.membership(), XmtpGroupRules.leaves(group),
                        XmtpGroupRules.lookup(ctx.directory()));
                if (state.conversationType() == ConversationType.DM) {
                    WelcomeChecks.checkDm(state, adder, ctx.installation().inboxId());
                }
            } catch (GroupCheckException e) {
                throw new MessagingException(ErrorCode.PERMISSION_DENIED, "the welcome breaks XMTP's rules ("
                        + e.check() + "): " + e.getMessage(), e);
            }
            ConversationView view = XmtpGroupRules.view(group);
            boolean dm = view.dm();
            String peer = dm ? view.dmPeerOf(ctx.installation().inboxId()).orElseThrow() : null;
            row = new StoredGroup(group.groupId().toByteArray(), dm ? StoredGroup.Kind.DM : StoredGroup.Kind.GROUP,
                    peer, StoredGroup.Status.ACTIVE, group.toBytes(), group.keys().toBytes(),
                    unwrapped.messageCursor(), true, adder, now(), welcome.getCreatedNs());
        } catch (MessagingException e) {
            if (e.retryable()) {
                throw e;
            }
            LOG.log(System.Logger.Level.WARNING, "welcome {0} refused: {1}", welcomeId, e.getMessage());
            advanceWelcomes(welcomeId);
            return Optional.empty();
        } catch (GroupException | MlsDecodeException | WelcomeWrapException | IllegalArgumentException
                 | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "welcome {0} could not be opened: {1}", welcomeId, e.getMessage());
            advanceWelcomes(welcomeId);
            return Optional.empty();
        }
        StoredGroup joined = row;
        ctx.store().transaction(tx -> {
            tx.putGroup(joined);
            if (joined.kind() == StoredGroup.Kind.DM) {
                // another DM with a peer we already have one with: it is stitched to them, with their consent
                DmStitching.inheritedConsent(tx, joined, ctx.installation().inboxId())
                        .ifPresent(consent -> tx.setConsent(joined.groupId(), consent));
            }
            tx.setCursor(WELCOME_CURSOR, Math.max(tx.cursor(WELCOME_CURSOR), welcomeId));
            return null;
        });
        ctx.events().conversationAdded(joined);
        return Optional.of(joined);
    }

    private void advanceWelcomes(long welcomeId) {
        ctx.store().transaction(tx -> {
            tx.setCursor(WELCOME_CURSOR, Math.max(tx.cursor(WELCOME_CURSOR), welcomeId));
            return null;
        });
    }

    /** Publishes a fresh key package after joining, as libxmtp does, so the next adder uses new keys. */
    void rotateKeyPackage() {
        try (KeyPackageBundle bundle = KeyPackages.create(ctx.installation(), ctx.random(), ctx.clock())) {
            ctx.store().transaction(tx -> {
                tx.putKeyPackage(KeyPackages.stored(bundle, ctx.clock()));
                return null;
            });
            ctx.api().uploadKeyPackage(bundle.keyPackage().toBytes());
        }
    }

    // ================================================================ helpers

    /** The group_updated message describing what changed between two epochs, or null if nothing visible did. */
    private StoredMessage membershipMessage(StoredGroup row, Group before, Group after, String initiator,
                                            byte[] initiatorInstallation, long nodeId, long createdNs,
                                            boolean removedSelf) {
        ConversationView old = XmtpGroupRules.view(before);
        ConversationView now = removedSelf ? null : XmtpGroupRules.view(after);
        List<InboxId> added = new ArrayList<>();
        List<InboxId> removed = new ArrayList<>();
        List<GroupUpdate.FieldChange> fields = new ArrayList<>();
        if (removedSelf) {
            removed.add(InboxId.of(ctx.installation().inboxId()));
        } else {
            now.membership().keySet().stream().filter(i -> !old.membership().containsKey(i)).map(InboxId::of)
                    .forEach(added::add);
            old.membership().keySet().stream().filter(i -> !now.membership().containsKey(i)).map(InboxId::of)
                    .forEach(removed::add);
            field(fields, XmtpGroupRules.GROUP_NAME, old.name(), now.name());
            field(fields, XmtpGroupRules.DESCRIPTION, old.description(), now.description());
            field(fields, XmtpGroupRules.IMAGE_URL, old.imageUrl(), now.imageUrl());
        }
        if (added.isEmpty() && removed.isEmpty() && fields.isEmpty()) {
            return null;
        }
        GroupUpdate update = new GroupUpdate(Optional.of(InboxId.of(initiator)), added, removed, List.of(),
                List.of(), List.of(), List.of(), List.of(), fields);
        byte[] content = new GroupUpdatedCodec().encode(update).toByteArray();
        byte[] id = messageId(row.groupId(), Long.toString(nodeId), content);
        return new StoredMessage(id, row.groupId(), nodeId, createdNs, initiator, initiatorInstallation,
                StoredMessage.Kind.MEMBERSHIP_CHANGE, content, StoredMessage.Delivery.PUBLISHED, false);
    }

    private static void field(List<GroupUpdate.FieldChange> fields, String key, String before, String after) {
        if (!before.equals(after)) {
            fields.add(new GroupUpdate.FieldChange(key, before.isEmpty() ? Optional.empty() : Optional.of(before),
                    after.isEmpty() ? Optional.empty() : Optional.of(after)));
        }
    }

    private StoredGroup activeRow(Bytes groupId) {
        StoredGroup row = ctx.store().read(tx -> tx.group(groupId.toByteArray())).orElseThrow(() ->
                new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + groupId.toHex()));
        if (row.status() != StoredGroup.Status.ACTIVE) {
            throw new MessagingException(ErrorCode.NOT_A_MEMBER,
                    "this installation is no longer a member of conversation " + groupId.toHex());
        }
        return row;
    }

    private Group restore(StoredGroup row) {
        return Group.restore(row.mlsState(), GroupKeys.fromBytes(row.mlsKeys()), PskStore.NONE, ctx.random());
    }

    private Optional<KeyPackage> validKeyPackage(byte[] bytes, Bytes installation, String inbox) {
        try {
            ValidatedKeyPackage valid = new KeyPackageValidator(ctx.clock()).validate(bytes);
            if (!valid.installationKey().equals(installation) || !valid.inboxId().equals(inbox)) {
                LOG.log(System.Logger.Level.WARNING, "the key package of installation {0} names another "
                        + "installation or inbox; not adding it", installation.toHex());
                return Optional.empty();
            }
            return Optional.of(KeyPackage.decode(bytes));
        } catch (KeyPackageRejectedException e) {
            LOG.log(System.Logger.Level.WARNING, "the key package of installation {0} is not valid: {1}",
                    installation.toHex(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String installationOwner(Map<String, InboxSnapshot> snapshots, Bytes installation) {
        return snapshots.values().stream().filter(s -> s.hasInstallation(installation)).map(InboxSnapshot::inboxId)
                .findFirst().orElseThrow();
    }

    private GroupMessageInput groupMessageInput(byte[] data, boolean push) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            byte[] hmac = mac.doFinal(data);
            return GroupMessageInput.newBuilder().setV1(GroupMessageInput.V1.newBuilder()
                    .setData(ByteString.copyFrom(data)).setSenderHmac(ByteString.copyFrom(hmac))
                    .setShouldPush(push)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** XMTP's message id: sha256(group id, tab, idempotency key, tab, EncodedContent bytes). */
    static byte[] messageId(byte[] groupId, String idempotencyKey, byte[] content) {
        byte[] key = idempotencyKey.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[groupId.length + 1 + key.length + 1 + content.length];
        System.arraycopy(groupId, 0, all, 0, groupId.length);
        all[groupId.length] = '\t';
        System.arraycopy(key, 0, all, groupId.length + 1, key.length);
        all[groupId.length + 1 + key.length] = '\t';
        System.arraycopy(content, 0, all, groupId.length + 2 + key.length, content.length);
        return Kdf.hash(all);
    }

    private <T> T withGroup(Bytes groupId, Supplier<T> work) {
        ReentrantLock lock = groupLocks.computeIfAbsent(groupId, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private long now() {
        return Times.nanos(ctx.clock());
    }
}
