package io.socon.messaging.impl.client;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.api.conversation.Role;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.impl.client.content.ContentCodecException;
import io.socon.messaging.impl.client.content.ContentCodecs;
import io.socon.messaging.impl.client.content.GroupUpdate;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.impl.identity.Ed25519InstallationSigner;
import io.socon.messaging.impl.identity.IdentityUpdateVerifier;
import io.socon.messaging.impl.identity.IdentityUpdates;
import io.socon.messaging.impl.identity.InboxId;
import io.socon.messaging.impl.identity.MemberId;
import io.socon.messaging.impl.identity.SignatureRequest;
import io.socon.messaging.impl.identity.WalletSigner;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.group.Group;
import io.socon.messaging.impl.mls.group.GroupKeys;
import io.socon.messaging.impl.mls.group.KeyPackageBundle;
import io.socon.messaging.impl.mls.group.PskStore;
import io.socon.messaging.impl.store.client.ClientStore;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.client.StoredGroup;
import io.socon.messaging.impl.store.client.StoredIdentity;
import io.socon.messaging.impl.store.client.StoredMessage;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An XMTP client for one installation: its identity (registered on first open, reused afterwards), its
 * conversations and messages. Interoperable with libxmtp: the same node calls, signature texts, MLS profile and
 * content encodings.
 *
 * <p>Everything is stored in the {@link ClientStore} given in the settings; opening a client again on the same
 * store continues where it stopped, with the same installation. Methods block on the node and the store; call
 * them off event loops. Thread-safe.
 */
public final class XmtpClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(XmtpClient.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    private final ClientContext ctx;
    private final ConversationEngine engine;
    private final List<ClientEvents> listeners;

    private XmtpClient(ClientContext ctx, List<ClientEvents> listeners) {
        this.ctx = ctx;
        this.engine = new ConversationEngine(ctx);
        this.listeners = listeners;
    }

    /** Settings of {@link #open}. */
    public record Settings(NodeApi api, ClientStore store, Optional<WalletSigner> wallet, ContentCodecs codecs,
                           SecureRandom random, Clock clock) {

        public Settings {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(wallet, "wallet");
            Objects.requireNonNull(codecs, "codecs");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(clock, "clock");
        }

        /** Standard codecs, a strong random and the system clock. */
        public static Settings of(NodeApi api, ClientStore store, Optional<WalletSigner> wallet) {
            return new Settings(api, store, wallet, ContentCodecs.standard(), new SecureRandom(), Clock.systemUTC());
        }
    }

    /**
     * Opens the client of the store's installation, registering it first if the store has none: a new inbox
     * for the wallet (nonce 1, as libxmtp), or a new installation of the wallet's existing inbox.
     *
     * @throws MessagingException {@code IDENTITY_NOT_AVAILABLE} if the store has no identity and no wallet was
     *                            given, or the wallet does not own the stored identity; node errors as they come
     */
    public static XmtpClient open(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        LocalInstallation installation = loadOrRegister(settings);
        List<ClientEvents> listeners = new CopyOnWriteArrayList<>();
        ClientEvents fanOut = new ClientEvents() {
            @Override
            public void conversationAdded(StoredGroup group) {
                listeners.forEach(l -> safely(() -> l.conversationAdded(group)));
            }

            @Override
            public void messageStored(StoredMessage message) {
                listeners.forEach(l -> safely(() -> l.messageStored(message)));
            }
        };
        InboxDirectory directory = new InboxDirectory(settings.api(), settings.store(), new IdentityUpdateVerifier());
        ClientContext ctx = new ClientContext(settings.api(), settings.store(), installation, directory,
                settings.codecs(), fanOut, settings.random(), settings.clock());
        return new XmtpClient(ctx, listeners);
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a client listener failed: " + e, e);
        }
    }

    // ---------------------------------------------------------------- identity

    private static LocalInstallation loadOrRegister(Settings s) {
        Optional<StoredIdentity> stored = s.store().read(tx -> tx.identity());
        Optional<String> walletAddress = s.wallet().map(w -> EthereumAddresses.normalize(w.address()));
        if (stored.isPresent()) {
            StoredIdentity id = stored.get();
            if (walletAddress.isPresent() && !walletAddress.get().equals(id.walletAddress())) {
                throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "this client state belongs to wallet "
                        + id.walletAddress() + ", not " + walletAddress.get() + "; use another home directory");
            }
            LocalInstallation installation = new LocalInstallation(id.inboxId(), id.walletAddress(),
                    id.sealedInstallationKey());
            if (!id.registered()) {
                WalletSigner wallet = s.wallet().orElseThrow(() -> new MessagingException(
                        ErrorCode.IDENTITY_NOT_AVAILABLE, "the installation of inbox " + id.inboxId()
                        + " is not registered yet; give the wallet " + id.walletAddress() + " to finish registering it"));
                PendingRegistration pending = pending(s, id);
                publishRegistration(s, id, pending.request().signedBy(wallet));
            }
            return installation;
        }
        WalletSigner wallet = s.wallet().orElseThrow(() -> new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE,
                "this client has no identity yet; give a wallet to register one"));
        StoredIdentity id = createIdentity(s, walletAddress.orElseThrow());
        LocalInstallation installation = new LocalInstallation(id.inboxId(), id.walletAddress(),
                id.sealedInstallationKey());
        publishRegistration(s, id, pending(s, id).request().signedBy(wallet));
        return installation;
    }

    /** Makes and stores a new, unregistered installation of the wallet's inbox (existing, or the nonce-1 one). */
    private static StoredIdentity createIdentity(Settings s, String address) {
        Optional<String> existingInbox = s.api().inboxIds(List.of(address)).getOrDefault(address, Optional.empty());
        String inboxId = existingInbox.orElseGet(() -> InboxId.derive(address, InboxId.DEFAULT_NONCE));
        Ed25519KeyPair key = Ed25519KeyPair.generate(s.random());
        byte[] privateKey = key.privateKey();
        StoredIdentity id = new StoredIdentity(inboxId, address, key.publicKey().toByteArray(), "sealed:",
                privateKey, false, Times.nanos(s.clock()));
        java.util.Arrays.fill(privateKey, (byte) 0);
        s.store().transaction(tx -> {
            tx.putIdentity(id);
            return null;
        });
        return id;
    }

    /**
     * The identity update that registers the stored installation, signed by the installation and waiting for the
     * wallet: a new inbox (CreateInbox and AddAssociation, as libxmtp) or an installation added to the wallet's
     * existing inbox.
     */
    private static PendingRegistration pending(Settings s, StoredIdentity id) {
        boolean inboxExists = !s.api().identityUpdates(Map.of(id.inboxId(), 0L))
                .getOrDefault(id.inboxId(), List.of()).isEmpty();
        LocalInstallation installation = new LocalInstallation(id.inboxId(), id.walletAddress(),
                id.sealedInstallationKey());
        try (Ed25519InstallationSigner signer = installation.identitySigner()) {
            SignatureRequest request = inboxExists
                    ? SignatureRequest.builder(id.inboxId(), s.clock().instant())
                            .addInstallation(signer.publicKey(), id.walletAddress()).build().signedBy(signer)
                    : IdentityUpdates.registrationRequest(id.walletAddress(), InboxId.DEFAULT_NONCE, signer, s.clock());
            return new PendingRegistration(id.walletAddress(), id.inboxId(), installation.installationKey().toHex(),
                    request, s.clock().instant());
        } finally {
            installation.close();
        }
    }

    /**
     * Uploads a key package and publishes the signed identity update, as libxmtp orders them, then marks the
     * installation registered. An installation the node already lists (a retry after a crash) is not published
     * again.
     */
    private static void publishRegistration(Settings s, StoredIdentity id, SignatureRequest signed) {
        LocalInstallation installation = new LocalInstallation(id.inboxId(), id.walletAddress(),
                id.sealedInstallationKey());
        try {
            InboxDirectory directory = new InboxDirectory(s.api(), s.store(), new IdentityUpdateVerifier());
            try (KeyPackageBundle bundle = KeyPackages.create(installation, s.random(), s.clock())) {
                s.store().transaction(tx -> {
                    tx.putKeyPackage(KeyPackages.stored(bundle, s.clock()));
                    return null;
                });
                s.api().uploadKeyPackage(bundle.keyPackage().toBytes());
            }
            MemberId self = MemberId.installation(installation.installationKey().toByteArray());
            boolean inboxExists = !s.api().identityUpdates(Map.of(id.inboxId(), 0L))
                    .getOrDefault(id.inboxId(), List.of()).isEmpty();
            boolean alreadyMember = inboxExists && directory.latest(id.inboxId()).state().isMember(self);
            if (!alreadyMember) {
                try {
                    s.api().publishIdentityUpdate(signed.toIdentityUpdate());
                } catch (MessagingException e) {
                    // a retried publish whose first attempt the node did store is refused as a replay: check
                    boolean registered = !e.retryable() && directory.latest(id.inboxId()).state().isMember(self);
                    if (!registered) {
                        throw e;
                    }
                }
                directory.latest(id.inboxId());
            }
            s.store().transaction(tx -> {
                tx.putIdentity(id.asRegistered());
                return null;
            });
        } finally {
            installation.close();
        }
    }

    // ---------------------------------------------------------------- two-phase registration

    /**
     * A new installation waiting for its wallet's signature: the exact text the wallet must sign (XMTP's identity
     * text, which names the inbox, the installation and the time it was prepared), for which wallet. Made by
     * {@link #prepareRegistration}; finished by {@link #completeRegistration}. Keep it while the wallet signs: a
     * second preparation has another time in its text, so a signature of the first does not fit it.
     */
    public static final class PendingRegistration {

        private final String walletAddress;
        private final String inboxId;
        private final String installationId;
        private final SignatureRequest request;
        private final java.time.Instant preparedAt;

        private PendingRegistration(String walletAddress, String inboxId, String installationId,
                                    SignatureRequest request, java.time.Instant preparedAt) {
            this.walletAddress = walletAddress;
            this.inboxId = inboxId;
            this.installationId = installationId;
            this.request = request;
            this.preparedAt = preparedAt;
        }

        /** The wallet that must sign (lowercase {@code 0x} form). */
        public String walletAddress() {
            return walletAddress;
        }

        /** The inbox the installation joins (new or existing). */
        public String inboxId() {
            return inboxId;
        }

        /** The new installation's id. */
        public String installationId() {
            return installationId;
        }

        /** The exact text the wallet signs with EIP-191 {@code personal_sign}. */
        public String signatureText() {
            return request.signatureText();
        }

        /** When the text was made (its "Current time"). */
        public java.time.Instant preparedAt() {
            return preparedAt;
        }

        SignatureRequest request() {
            return request;
        }

        @Override
        public String toString() {
            return "PendingRegistration[wallet=" + walletAddress + ", inbox=" + inboxId + ", installation="
                    + installationId + ", preparedAt=" + preparedAt + "]";
        }
    }

    /** Whether the store holds an installation that is registered (so {@link #open} needs no wallet). */
    public static boolean isRegistered(ClientStore store) {
        return store.read(tx -> tx.identity()).map(StoredIdentity::registered).orElse(false);
    }

    /**
     * First phase of registering a new installation for a wallet that cannot sign at once (the user's own wallet
     * in a browser): makes and stores the installation (or reuses the store's unregistered one) and returns the
     * text the wallet must sign. Nothing is published yet. {@code settings.wallet()} is not used.
     *
     * @throws MessagingException {@code IDENTITY_NOT_AVAILABLE} if the store belongs to another wallet;
     *                            {@code INVALID_ADDRESS} for a malformed address; node errors as they come
     * @throws IllegalStateException if the store's installation is registered already (open it instead)
     */
    public static PendingRegistration prepareRegistration(Settings settings, String walletAddress) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(walletAddress, "walletAddress");
        if (!EthereumAddresses.isWellFormed(walletAddress)) {
            throw new MessagingException(ErrorCode.INVALID_ADDRESS, "not an Ethereum address: " + walletAddress);
        }
        String address = EthereumAddresses.normalize(walletAddress);
        Optional<StoredIdentity> stored = settings.store().read(tx -> tx.identity());
        StoredIdentity id;
        if (stored.isPresent()) {
            id = stored.get();
            if (!id.walletAddress().equals(address)) {
                throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "this client state belongs to wallet "
                        + id.walletAddress() + ", not " + address);
            }
            if (id.registered()) {
                throw new IllegalStateException("the installation of inbox " + id.inboxId()
                        + " is registered already; open the client instead");
            }
        } else {
            id = createIdentity(settings, address);
        }
        return pending(settings, id);
    }

    /**
     * Second phase: adds the wallet's signature of {@link PendingRegistration#signatureText()}, publishes the
     * registration and opens the client.
     *
     * @param walletSignature 65 bytes {@code r || s || v}, EIP-191 over the text
     * @throws MessagingException {@code WALLET_SIGNATURE_INVALID} if the signature is malformed or does not recover
     *                            to the wallet; {@code IDENTITY_NOT_AVAILABLE} if the store now holds another
     *                            installation; node errors as they come (the registration can be completed again)
     */
    public static XmtpClient completeRegistration(Settings settings, PendingRegistration pending,
                                                  byte[] walletSignature) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(walletSignature, "walletSignature");
        SignatureRequest signed;
        try {
            signed = pending.request().withWalletSignature(walletSignature);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(ErrorCode.WALLET_SIGNATURE_INVALID, "the signature is not the wallet "
                    + pending.walletAddress() + "'s signature of the registration text: " + e.getMessage(), e);
        }
        StoredIdentity id = settings.store().read(tx -> tx.identity()).orElseThrow(() -> new MessagingException(
                ErrorCode.IDENTITY_NOT_AVAILABLE, "the client state no longer holds the prepared installation"));
        if (!Bytes.copyOf(id.installationPublicKey()).toHex().equals(pending.installationId())) {
            throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "the client state holds installation "
                    + Bytes.copyOf(id.installationPublicKey()).toHex() + ", not the prepared "
                    + pending.installationId() + "; prepare the registration again");
        }
        if (!id.registered()) {
            publishRegistration(settings, id, signed);
        }
        return open(new Settings(settings.api(), settings.store(), Optional.empty(), settings.codecs(),
                settings.random(), settings.clock()));
    }

    /** This client's inbox id. */
    public String inboxId() {
        return ctx.installation().inboxId();
    }

    /** The wallet address that owns the inbox. */
    public String address() {
        return ctx.installation().walletAddress();
    }

    /** This installation's id: the hex of its Ed25519 public key. */
    public String installationId() {
        return ctx.installation().installationKey().toHex();
    }

    /** Several inboxes' identities with one node call, fetched and verified; keyed by inbox id. */
    public Map<String, InboxState> inboxStates(java.util.Collection<String> inboxIds) {
        Map<String, InboxState> result = new LinkedHashMap<>();
        if (inboxIds.isEmpty()) {
            return result;
        }
        ctx.directory().latest(inboxIds.stream().map(this::resolveInbox).distinct().toList()).forEach((id, s) ->
                result.put(id, new InboxState(s.inboxId(), s.state().recoveryIdentifier().text(),
                        s.state().ethereumAddresses(), s.installations().stream().map(Bytes::toHex).toList(),
                        s.sequenceId())));
        return result;
    }

    /** An inbox's identity, fetched from the node and verified (ours if {@code inboxId} is ours). */
    public InboxState inboxState(String inboxId) {
        InboxSnapshot s = ctx.directory().latest(resolveInbox(inboxId));
        return new InboxState(s.inboxId(), s.state().recoveryIdentifier().text(), s.state().ethereumAddresses(),
                s.installations().stream().map(Bytes::toHex).toList(), s.sequenceId());
    }

    /**
     * Revokes installations of our inbox (never this one): they can no longer read new messages once the groups
     * they are in remove them. The wallet signs, as the inbox's recovery address.
     *
     * @throws MessagingException {@code INVALID_ARGUMENT} for this installation or one that is not ours
     */
    public InboxState revokeInstallations(WalletSigner wallet, List<String> installationIds) {
        Objects.requireNonNull(wallet, "wallet");
        InboxState current = inboxState(inboxId());
        List<byte[]> keys = new ArrayList<>();
        for (String id : installationIds) {
            String hex = id.toLowerCase(java.util.Locale.ROOT);
            if (hex.equals(installationId())) {
                throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                        "this installation cannot revoke itself; revoke it from another installation");
            }
            if (!current.installationIds().contains(hex)) {
                throw new MessagingException(ErrorCode.INVALID_ARGUMENT, "installation " + id
                        + " is not an installation of inbox " + inboxId());
            }
            keys.add(HEX.parseHex(hex));
        }
        if (!EthereumAddresses.normalize(wallet.address()).equals(current.recovery())) {
            throw new MessagingException(ErrorCode.WALLET_SIGNATURE_INVALID, "only the inbox's recovery address "
                    + current.recovery() + " may revoke installations, not " + wallet.address());
        }
        ctx.api().publishIdentityUpdate(IdentityUpdates.revokeInstallations(inboxId(), wallet, keys, ctx.clock()));
        return inboxState(inboxId());
    }

    /** For each address, whether it has an XMTP inbox (so it can be messaged). */
    public Map<String, Boolean> canMessage(List<String> addresses) {
        Map<String, Boolean> result = new LinkedHashMap<>();
        inboxIdsOf(addresses).forEach((a, inbox) -> result.put(a, inbox.isPresent()));
        return result;
    }

    /** For each address (normalized to lowercase), its inbox if it has one. */
    public Map<String, Optional<String>> inboxIdsOf(List<String> addresses) {
        List<String> normalized = new ArrayList<>();
        for (String a : addresses) {
            if (!EthereumAddresses.isWellFormed(a)) {
                throw new MessagingException(ErrorCode.INVALID_ADDRESS, "not an Ethereum address: " + a);
            }
            normalized.add(EthereumAddresses.normalize(a));
        }
        Map<String, Optional<String>> found = ctx.api().inboxIds(normalized);
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        normalized.forEach(a -> result.put(a, found.getOrDefault(a, Optional.empty())));
        return result;
    }

    /**
     * The inbox id of a member given as an inbox id (64 hex digits) or an Ethereum address.
     *
     * @throws MessagingException {@code PEER_NOT_REACHABLE} if the address has no inbox
     */
    public String resolveInbox(String addressOrInboxId) {
        Objects.requireNonNull(addressOrInboxId, "addressOrInboxId");
        String s = addressOrInboxId.trim();
        if (s.matches("[0-9a-fA-F]{64}")) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        if (EthereumAddresses.isWellFormed(s)) {
            return inboxIdsOf(List.of(s)).values().iterator().next().orElseThrow(() -> new MessagingException(
                    ErrorCode.PEER_NOT_REACHABLE, "address " + s + " has no XMTP inbox yet; it cannot be messaged"));
        }
        throw new MessagingException(ErrorCode.INVALID_ARGUMENT,
                "'" + s + "' is neither an inbox id (64 hex digits) nor an Ethereum address (0x + 40 hex digits)");
    }

    // ---------------------------------------------------------------- conversations

    /**
     * The DM with this member (address or inbox id): the existing one, or a new one. With several DMs with the
     * member, the one {@link #conversations()} shows (see {@link DmStitching}).
     */
    public ClientConversation findOrCreateDm(String addressOrInboxId) {
        StoredGroup dm = engine.findOrCreateDm(resolveInbox(addressOrInboxId));
        return view(ctx.store().read(tx -> DmStitching.stitched(tx, dm.groupId())).stream().findFirst().orElse(dm));
    }

    /** A new group with these members (addresses or inbox ids), us as super admin. */
    public ClientConversation createGroup(List<String> members, XmtpGroupRules.NewGroup options) {
        List<String> inboxes = members.stream().map(this::resolveInbox).toList();
        return view(engine.createGroup(inboxes, options));
    }

    /** Adds members (addresses or inbox ids) with all their installations. */
    public ClientConversation addMembers(String conversationId, List<String> members) {
        Bytes id = groupId(conversationId);
        engine.addMembers(id, members.stream().map(this::resolveInbox).toList());
        return conversation(conversationId).orElseThrow();
    }

    /** Removes members (addresses or inbox ids) with all their installations. */
    public ClientConversation removeMembers(String conversationId, List<String> members) {
        Bytes id = groupId(conversationId);
        engine.removeMembers(id, members.stream().map(this::resolveInbox).toList());
        return conversation(conversationId).orElseThrow();
    }

    /** Renames a group. */
    public ClientConversation rename(String conversationId, String name) {
        engine.updateMetadata(groupId(conversationId), XmtpGroupRules.GROUP_NAME, name);
        return conversation(conversationId).orElseThrow();
    }

    /** Sets a group's description. */
    public ClientConversation describe(String conversationId, String description) {
        engine.updateMetadata(groupId(conversationId), XmtpGroupRules.DESCRIPTION, description);
        return conversation(conversationId).orElseThrow();
    }

    /** Sets a group's image URL ("" for none). */
    public ClientConversation setImageUrl(String conversationId, String imageUrl) {
        engine.updateMetadata(groupId(conversationId), XmtpGroupRules.IMAGE_URL, imageUrl);
        return conversation(conversationId).orElseThrow();
    }

    /**
     * Sets several metadata attributes ({@link XmtpGroupRules#GROUP_NAME}, {@link XmtpGroupRules#DESCRIPTION},
     * {@link XmtpGroupRules#IMAGE_URL}) in one commit; attributes that already have the value are not rewritten,
     * and nothing is committed when none changes.
     */
    public ClientConversation updateMetadata(String conversationId, Map<String, String> attributes) {
        engine.updateMutableMetadata(groupId(conversationId), m -> {
            var next = m;
            for (Map.Entry<String, String> e : attributes.entrySet()) {
                if (!next.attribute(e.getKey()).orElse("").equals(e.getValue())) {
                    next = next.withAttribute(e.getKey(), e.getValue());
                }
            }
            return next;
        });
        return conversation(conversationId).orElseThrow();
    }

    /**
     * Gives a member a role: {@code MEMBER} takes admin and super admin away, {@code ADMIN} makes an admin (and
     * not a super admin), {@code SUPER_ADMIN} a super admin. The group's policy decides who may.
     *
     * @throws MessagingException {@code NOT_A_MEMBER} if the inbox is not in the group; {@code PERMISSION_DENIED}
     */
    public ClientConversation setRole(String conversationId, String memberInboxId, Role role) {
        Objects.requireNonNull(role, "role");
        String member = resolveInbox(memberInboxId);
        sync(conversationId);
        ClientConversation current = conversation(conversationId).orElseThrow(() -> new MessagingException(
                ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + conversationId));
        if (!current.memberInboxIds().contains(member)) {
            throw new MessagingException(ErrorCode.NOT_A_MEMBER, "inbox " + member + " is not a member of "
                    + conversationId);
        }
        engine.updateMutableMetadata(groupId(conversationId), m -> switch (role) {
            case MEMBER -> m.withAdminRemoved(member).withSuperAdminRemoved(member);
            case ADMIN -> m.withAdminAdded(member).withSuperAdminRemoved(member);
            case SUPER_ADMIN -> m.withSuperAdminAdded(member).withAdminRemoved(member);
        });
        return conversation(conversationId).orElseThrow();
    }

    /**
     * Every conversation, most recently active first, with one DM per peer as libxmtp lists them: of several DMs
     * with the same peer only the most recently active (see {@link DmStitching}).
     */
    public List<ClientConversation> conversations() {
        return conversations(false);
    }

    /**
     * Every conversation, most recently active first; with {@code includeDuplicateDms} (libxmtp's option of that
     * name) also the DMs stitched into another.
     */
    public List<ClientConversation> conversations(boolean includeDuplicateDms) {
        List<StoredGroup> groups = ctx.store().read(tx -> tx.groups());
        return (includeDuplicateDms ? groups : DmStitching.deduplicated(groups)).stream().map(this::view).toList();
    }

    /**
     * One conversation by its id (hex group id). For the id of a DM stitched into another, the DM listings show
     * (libxmtp's {@code getConversationById}): its id may differ from the one asked for.
     */
    public Optional<ClientConversation> conversation(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> DmStitching.stitched(tx, id)).stream().findFirst().map(this::view);
    }

    /**
     * The ids of every group that makes the conversation: for a DM, all DMs with its peer (the one shown first);
     * for a group, its own id. Empty for an unknown id.
     */
    public List<String> stitchedIds(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> DmStitching.stitched(tx, id)).stream().map(g -> HEX.formatHex(g.groupId()))
                .toList();
    }

    /** The groups of a conversation (see {@link #stitchedIds}); empty for an unknown id. */
    private List<StoredGroup> stitched(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> DmStitching.stitched(tx, id));
    }

    /** The group ids of a conversation, for the store's queries; the id alone when it is unknown. */
    private List<byte[]> stitchedGroupIds(ClientTransaction tx, byte[] id) {
        List<StoredGroup> groups = DmStitching.stitched(tx, id);
        return groups.isEmpty() ? List.of(id) : groups.stream().map(StoredGroup::groupId).toList();
    }

    // ---------------------------------------------------------------- messages

    /**
     * Sends content; returns the message, published. Refused with {@code CONSENT_DENIED} in a conversation the
     * user denied; sending pushed content (text, a reply, a file) into an undecided conversation allows it. A
     * message to a DM goes through the DM {@link #conversation} returns for it (of several with the peer, the most
     * recently active), so the returned message's conversation id may be another than the one given.
     */
    public ClientMessage send(String conversationId, Content content) {
        Objects.requireNonNull(content, "content");
        ConsentState consent = consent(conversationId);
        if (consent == ConsentState.DENIED) {
            throw new MessagingException(ErrorCode.CONSENT_DENIED, "conversation " + conversationId
                    + " is denied by this inbox; allow it before sending");
        }
        List<StoredGroup> groups = stitched(conversationId);
        Bytes target = groups.isEmpty() ? groupId(conversationId)
                : Bytes.copyOf(DmStitching.sendTarget(groups).groupId());
        checkReference(conversationId, content);
        ClientMessage sent = message(engine.send(target, content));
        if (consent == ConsentState.UNKNOWN && sent.shouldPush()) {
            setConsent(conversationId, ConsentState.ALLOWED);
        }
        return sent;
    }

    /**
     * A reaction or reply must point at a message of this conversation (of any of a DM's stitched groups): XMTP does
     * not check, so a wrong id would be sent and shown nowhere.
     */
    private void checkReference(String conversationId, Content content) {
        MessageId reference = switch (content) {
            case Reaction reaction -> reaction.reference();
            case Reply reply -> reply.reference();
            default -> null;
        };
        if (reference == null) {
            return;
        }
        byte[] id = HEX.parseHex(reference.value());
        byte[] conversation = groupId(conversationId).toByteArray();
        boolean here = ctx.store().read(tx -> tx.message(id)
                .map(m -> stitchedGroupIds(tx, conversation).stream().anyMatch(g -> Arrays.equals(g, m.groupId())))
                .orElse(false));
        if (!here) {
            throw new MessagingException(ErrorCode.MESSAGE_NOT_FOUND, "message " + reference + " is not in conversation "
                    + conversationId + " (sync first if it is new); a reaction or reply must point at one of its"
                    + " messages");
        }
    }

    /**
     * The conversation's stored messages, oldest first (sync first to see new ones); for a DM those of every DM
     * with the peer, merged (each message keeps the id of the group it was sent in).
     */
    public List<ClientMessage> messages(String conversationId) {
        return messages(conversationId, Long.MIN_VALUE, Long.MAX_VALUE, false, Integer.MAX_VALUE);
    }

    /**
     * A window of the conversation's stored messages: sent strictly after {@code afterNs} and strictly before
     * {@code beforeNs}, oldest first or newest first, at most {@code limit}; for a DM over every DM with the peer.
     */
    public List<ClientMessage> messages(String conversationId, long afterNs, long beforeNs, boolean newestFirst,
                                        int limit) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> tx.messages(stitchedGroupIds(tx, id), afterNs, beforeNs, newestFirst, limit))
                .stream().map(this::message).toList();
    }

    // ---------------------------------------------------------------- read state and consent

    /**
     * Up to when (the node's nanoseconds, inclusive) this inbox has read the conversation; 0 for nothing. For a
     * DM, the furthest mark of its stitched DMs ({@link #markRead} moves them together).
     */
    public long lastReadNs(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> {
            long mark = 0;
            for (byte[] g : stitchedGroupIds(tx, id)) {
                mark = Math.max(mark, tx.lastReadNs(g));
            }
            return mark;
        });
    }

    /**
     * Marks the conversation read up to {@code upToNs} (never back), for a DM every DM with the peer; returns
     * whether a mark moved. Local only: send a read receipt to tell the other members.
     */
    public boolean markRead(String conversationId, long upToNs) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().transaction(tx -> {
            boolean moved = false;
            for (byte[] g : stitchedGroupIds(tx, id)) {
                moved |= tx.markRead(g, upToNs);
            }
            return moved;
        });
    }

    /** How many pushed messages from others arrived after the read mark (for a DM, in every DM with the peer). */
    public long unreadCount(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> {
            long unread = 0;
            for (byte[] g : stitchedGroupIds(tx, id)) {
                unread += tx.unreadCount(g, inboxId());
            }
            return unread;
        });
    }

    /**
     * This inbox's consent for the conversation: the user's decision if they made one, else {@code ALLOWED} for
     * conversations this inbox created and {@code UNKNOWN} for those others added it to. Kept in this
     * installation's store (XMTP syncs consent between installations through device-sync groups, which this
     * client does not run).
     */
    public ConsentState consent(String conversationId) {
        byte[] id = groupId(conversationId).toByteArray();
        return ctx.store().read(tx -> DmStitching.stitched(tx, id).stream().findFirst()
                .map(shown -> DmStitching.consent(tx, shown, inboxId()))
                .orElseThrow(() -> new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND,
                        "no conversation " + conversationId)));
    }

    /** Records the user's consent decision for the conversation (for a DM, for every DM with the peer). */
    public void setConsent(String conversationId, ConsentState state) {
        Objects.requireNonNull(state, "state");
        byte[] id = groupId(conversationId).toByteArray();
        boolean found = ctx.store().transaction(tx -> {
            boolean any = false;
            for (byte[] g : stitchedGroupIds(tx, id)) {
                any |= tx.setConsent(g, state);
            }
            return any;
        });
        if (!found) {
            throw new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + conversationId);
        }
    }

    /** The node id of the last message of the conversation this client has processed (0 before any). */
    public long syncCursor(String conversationId) {
        Bytes id = groupId(conversationId);
        return ctx.store().read(tx -> tx.group(id.toByteArray())).map(StoredGroup::messageCursor).orElse(0L);
    }

    /** The node id of the last welcome this installation has processed (0 before any). */
    public long welcomeCursor() {
        return ctx.store().read(tx -> tx.cursor("welcomes"));
    }

    /**
     * Fetches new messages of one conversation; returns how many were stored. For a DM, of every DM with the peer
     * (as libxmtp syncs a DM's stitched DMs with it). Like libxmtp, also brings the conversation's installations in
     * step with its members' identities when that was last checked 30 minutes ago or more (see
     * {@link #updateInstallations}); a failure of that check is logged, not thrown.
     */
    public int sync(String conversationId) {
        List<StoredGroup> groups = stitched(conversationId);
        if (groups.isEmpty()) {
            return engine.syncAndRefresh(groupId(conversationId));
        }
        int stored = 0;
        for (StoredGroup g : groups.reversed()) {
            stored += engine.syncAndRefresh(Bytes.copyOf(g.groupId()));
        }
        return stored;
    }

    /** What {@link #syncAll()} did. */
    public record SyncSummary(int conversationsJoined, int messagesStored) {
    }

    /** Processes new welcomes, then syncs every active conversation (as {@link #sync} does). */
    public SyncSummary syncAll() {
        int joined = engine.syncWelcomes().size();
        int stored = 0;
        for (StoredGroup g : ctx.store().read(tx -> tx.groups())) {
            if (g.status() == StoredGroup.Status.ACTIVE) {
                stored += engine.syncAndRefresh(Bytes.copyOf(g.groupId()));
            }
        }
        return new SyncSummary(joined, stored);
    }

    /**
     * Brings the conversation's installations in step with its members' identities now (libxmtp's
     * {@code update_installations}): installations a member inbox added since the group last recorded its identity
     * are added and welcomed, installations it revoked are removed, in one commit that any member may make. Sends do
     * the same on their own when the last check is more than 5 seconds old, syncs when it is 30 minutes old. For a
     * DM, every DM with the peer this installation is still in.
     *
     * @return whether a commit changed a group (false when every member's installations were already in step, or
     *         when only this installation's own removal is due: that is left to another installation)
     * @throws MessagingException {@code CONVERSATION_NOT_FOUND}, {@code NOT_A_MEMBER}; node errors as they come
     */
    public boolean updateInstallations(String conversationId) {
        List<StoredGroup> groups = stitched(conversationId);
        if (groups.isEmpty()) {
            throw new MessagingException(ErrorCode.CONVERSATION_NOT_FOUND, "no conversation " + conversationId);
        }
        if (groups.stream().noneMatch(g -> g.status() == StoredGroup.Status.ACTIVE)) {
            throw new MessagingException(ErrorCode.NOT_A_MEMBER,
                    "this installation is no longer a member of conversation " + conversationId);
        }
        boolean changed = false;
        for (StoredGroup g : groups) {
            changed |= engine.refreshInstallations(Bytes.copyOf(g.groupId()), -1);
        }
        return changed;
    }

    /** Processes new welcomes only; returns the conversations joined. */
    public List<ClientConversation> processWelcomes() {
        return engine.syncWelcomes().stream().map(this::view).toList();
    }

    /**
     * Hears every conversation and message when it is first stored (see {@link ClientEvents}), as the client
     * shows them. The consumers run on the thread that stored them and must return quickly.
     */
    public AutoCloseable onEvents(java.util.function.Consumer<ClientMessage> onMessage,
                                  java.util.function.Consumer<ClientConversation> onConversation) {
        Objects.requireNonNull(onMessage, "onMessage");
        Objects.requireNonNull(onConversation, "onConversation");
        return listen(new ClientEvents() {
            @Override
            public void conversationAdded(StoredGroup group) {
                onConversation.accept(view(group));
            }

            @Override
            public void messageStored(StoredMessage message) {
                onMessage.accept(message(message));
            }
        });
    }

    /** Registers a listener for new conversations and messages (see {@link ClientEvents}). */
    public AutoCloseable listen(ClientEvents listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Streams every new message of every conversation (also of conversations joined while streaming) to
     * {@code onMessage}, each once; syncs first. Close the returned stream to stop. The consumer runs on the
     * stream's thread and should return quickly.
     */
    public AutoCloseable streamAllMessages(java.util.function.Consumer<ClientMessage> onMessage) {
        return new AllMessagesStream(this, onMessage, c -> { });
    }

    /** Streams new messages and new conversations. */
    public AutoCloseable streamAll(java.util.function.Consumer<ClientMessage> onMessage,
                                   java.util.function.Consumer<ClientConversation> onConversation) {
        return new AllMessagesStream(this, onMessage, onConversation);
    }

    /** The engine, for the stream machinery of this package. */
    ConversationEngine engine() {
        return engine;
    }

    ClientContext context() {
        return ctx;
    }

    // ---------------------------------------------------------------- views

    ClientConversation view(StoredGroup row) {
        Group group = Group.restore(row.mlsState(), GroupKeys.fromBytes(row.mlsKeys()), PskStore.NONE, ctx.random());
        ConversationView v = XmtpGroupRules.view(group);
        List<String> members = new ArrayList<>(v.membership().keySet());
        return new ClientConversation(HEX.formatHex(row.groupId()), row.kind() == StoredGroup.Kind.DM,
                row.dmPeer(), v.name(), v.description(), v.imageUrl(), members, v.admins(), v.superAdmins(),
                v.creatorInboxId(), row.status() == StoredGroup.Status.ACTIVE, row.createdAtNs(),
                row.lastActivityNs(), row.addedByInboxId());
    }

    ClientMessage message(StoredMessage m) {
        EncodedContent encoded = ContentCodecs.parse(m.encodedContent());
        ContentType type = encoded.hasType() ? new ContentType(encoded.getType().getAuthorityId(),
                encoded.getType().getTypeId(), encoded.getType().getVersionMajor(), encoded.getType().getVersionMinor())
                : new ContentType("unknown", "unknown", 0, 0);
        Content content;
        Optional<GroupUpdate> update = Optional.empty();
        try {
            Object value = ctx.codecs().decodeValue(encoded);
            if (value instanceof GroupUpdate g) {
                update = Optional.of(g);
            }
            content = ctx.codecs().decode(encoded);
        } catch (ContentCodecException e) {
            content = new io.socon.messaging.api.content.Unknown(type, Optional.of(
                    encoded.hasFallback() ? encoded.getFallback() : "[unreadable message: " + e.getMessage() + "]"),
                    new byte[0]);
        }
        return new ClientMessage(HEX.formatHex(m.id()), HEX.formatHex(m.groupId()), m.senderInboxId(), m.sentAtNs(),
                type, content, update, m.delivery() == StoredMessage.Delivery.PUBLISHED, m.shouldPush());
    }

    private static Bytes groupId(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        if (!conversationId.matches("([0-9a-fA-F]{2}){1,64}")) {
            throw new MessagingException(ErrorCode.INVALID_ID, "'" + conversationId
                    + "' is not a conversation id (the group id in hex)");
        }
        return Bytes.fromHex(conversationId.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        listeners.clear();
        ctx.installation().close();
        ctx.api().close();
        ctx.store().close();
    }
}
