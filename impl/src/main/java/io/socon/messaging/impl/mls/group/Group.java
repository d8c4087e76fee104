package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.crypto.Aead;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.Hpke;
import io.socon.messaging.impl.mls.crypto.Kdf;
import io.socon.messaging.impl.mls.crypto.LabeledSignature;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.framing.AuthenticatedContent;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.FramedContent;
import io.socon.messaging.impl.mls.framing.FramedContentAuthData;
import io.socon.messaging.impl.mls.framing.MessageContent;
import io.socon.messaging.impl.mls.framing.PrivateMessage;
import io.socon.messaging.impl.mls.framing.PublicMessage;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.protection.MessageProtector;
import io.socon.messaging.impl.mls.protection.MessageRejectedException;
import io.socon.messaging.impl.mls.schedule.EpochSecrets;
import io.socon.messaging.impl.mls.schedule.KeySchedule;
import io.socon.messaging.impl.mls.schedule.PskSecret;
import io.socon.messaging.impl.mls.schedule.TranscriptHashes;
import io.socon.messaging.impl.mls.secret.RatchetConfig;
import io.socon.messaging.impl.mls.struct.CipherSuite;
import io.socon.messaging.impl.mls.struct.Commit;
import io.socon.messaging.impl.mls.struct.Extension;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.GroupInfo;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.PreSharedKeyId;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.ProtocolVersion;
import io.socon.messaging.impl.mls.struct.UpdatePath;
import io.socon.messaging.impl.mls.struct.Welcome;
import io.socon.messaging.impl.mls.struct.WireFormat;
import io.socon.messaging.impl.mls.tree.LeafNodeValidator;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import io.socon.messaging.impl.mls.tree.SuiteHash;
import io.socon.messaging.impl.mls.tree.TreeKem;
import io.socon.messaging.impl.mls.tree.TreeMath;
import io.socon.messaging.impl.mls.tree.TreePrivateKeys;
import io.socon.messaging.impl.mls.tree.TreeValidationException;
import io.socon.messaging.impl.mls.tree.TreeValidator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One member's view of an MLS group (RFC 9420 sections 11 and 12) for cipher suite 3: create a group, propose
 * and commit Add, Remove, Update, GroupContextExtensions, PSK and custom proposals, produce Welcomes, process
 * other members' commits with the checks of section 12.4.2, join from a Welcome, and protect and unprotect
 * application messages, also those of up to {@link GroupConfig#retainedEpochs()} past epochs.
 *
 * <p>A {@code Group} is a value for one epoch: operations that change the group ({@link #commit},
 * {@link #receive} of a proposal or commit, {@link #proposeUpdate} ...) return a new {@code Group} and leave
 * this one as it was, so a commit that the delivery service refuses can simply be dropped. The exception is the
 * epoch's secret tree, which both share: sending and receiving application messages consumes its ratchet keys
 * in place (that is forward secrecy). Not thread-safe.
 *
 * <p>Private keys live in {@link GroupKeys}, apart from the rest of the state; {@link #toBytes()} stores the
 * public state and the epoch secrets, {@link #restore} puts a group back together from both.
 */
public final class Group {

    /** The version byte of {@link #toBytes()}. */
    public static final int FORMAT_VERSION = 1;

    private static final String FRAMED_CONTENT_LABEL = "FramedContentTBS";

    private final GroupConfig config;
    private final EpochState current;
    private final List<EpochState> past;
    private final GroupKeys keys;
    private final List<ProposalEntry> proposals;
    private final PskStore psks;
    private final SecureRandom random;

    private Group(GroupConfig config, EpochState current, List<EpochState> past, GroupKeys keys,
                  List<ProposalEntry> proposals, PskStore psks, SecureRandom random) {
        this.config = config;
        this.current = current;
        this.past = List.copyOf(past);
        this.keys = keys;
        this.proposals = List.copyOf(proposals);
        this.psks = psks;
        this.random = random;
    }

    // ---------------------------------------------------------------- creation and joining

    /**
     * Creates a group with one member, the creator, at epoch 0 (RFC 9420 section 11). The creator's leaf is the
     * leaf of {@code creator}'s key package; its private keys are taken from the bundle.
     *
     * @param extensions the group context extensions, of any type (unknown ones are kept as they are)
     * @throws GroupException if the creator's capabilities do not cover the extensions or required capabilities
     */
    public static Group create(GroupConfig config, Bytes groupId, KeyPackageBundle creator, List<Extension> extensions,
                               PskStore psks, SecureRandom random) {
        KeyPackage keyPackage = creator.keyPackage();
        if (keyPackage.cipherSuite() != CipherSuite.X25519_CHACHA20POLY1305_SHA256_ED25519) {
            throw new GroupException("only cipher suite 3 is supported");
        }
        LeafNode leaf = keyPackage.leafNode();
        RatchetTree tree = RatchetTree.withSingleLeaf(leaf);
        try {
            LeafNodeValidator.forGroup(groupId, keyPackage.cipherSuite(), extensions)
                    .validate(leaf, LeafNodeValidator.Use.KEY_PACKAGE, 0, tree);
        } catch (TreeValidationException e) {
            throw new GroupException("the creator's leaf does not fit the group: " + e.getMessage(), e);
        }
        ProposalRules.checkMembersSupport(tree, extensions, java.util.Set.of());
        SuiteHash hash = SuiteHash.forSuite(keyPackage.cipherSuite());
        GroupContext context = new GroupContext(ProtocolVersion.MLS10, keyPackage.cipherSuite(), groupId, 0,
                tree.treeHash(hash), Bytes.EMPTY, extensions);
        byte[] init = KeySchedule.initialInitSecret(random);
        EpochSecrets secrets = KeySchedule.advance(init, Kdf.zeros(), Kdf.zeros(), context);
        Arrays.fill(init, (byte) 0);
        byte[] tag = secrets.confirmationTag(new byte[0]);
        byte[] interim = TranscriptHashes.interim(new byte[0], Bytes.copyOf(tag));
        EpochState epoch = EpochState.start(context, tree, secrets, interim, config.ratchet());
        GroupKeys groupKeys;
        try (TreePrivateKeys treeKeys = TreePrivateKeys.forLeaf(0, creator.encryptionKey())) {
            groupKeys = GroupKeys.of(creator.signatureKey(), treeKeys);
        }
        return new Group(config, epoch, List.of(), groupKeys, List.of(), psks, random);
    }

    /**
     * Joins a group from a Welcome (RFC 9420 section 12.4.3.1): opens it with {@code bundle}, verifies the
     * GroupInfo's signature, the whole ratchet tree (from the GroupInfo's ratchet_tree extension, else
     * {@code tree}), derives the epoch secrets and checks the confirmation tag.
     *
     * @param tree the ratchet tree when the GroupInfo does not carry it
     * @throws GroupException if any check fails
     */
    public static Group join(GroupConfig config, Welcome welcome, KeyPackageBundle bundle, Optional<RatchetTree> tree,
                             PskStore psks, SecureRandom random) {
        OpenedWelcome opened = OpenedWelcome.open(welcome, bundle, psks);
        try {
            GroupInfo info = opened.groupInfo();
            GroupContext context = info.groupContext();
            if (context.version() != ProtocolVersion.MLS10 || context.cipherSuite() != welcome.cipherSuite()) {
                throw new GroupException("the GroupInfo's version or cipher suite does not match the Welcome");
            }
            RatchetTree ratchetTree;
            try {
                ratchetTree = RatchetTree.fromExtensions(info.extensions()).or(() -> tree)
                        .orElseThrow(() -> new GroupException("no ratchet tree: neither in the GroupInfo nor given"));
            } catch (MlsDecodeException e) {
                throw new GroupException("the GroupInfo's ratchet tree is malformed: " + e.getMessage(), e);
            }
            if (info.signer() >= ratchetTree.leafCount() || ratchetTree.leaf((int) info.signer()).isEmpty()) {
                throw new GroupException("the GroupInfo's signer " + info.signer() + " is not a member");
            }
            int signer = (int) info.signer();
            if (!opened.signatureVerifies(ratchetTree.leaf(signer).orElseThrow().signatureKey())) {
                throw new GroupException("the GroupInfo's signature does not verify");
            }
            try {
                TreeValidator.forGroup(context.groupId(), context.cipherSuite(), context.extensions())
                        .validate(ratchetTree, context.treeHash());
            } catch (TreeValidationException e) {
                throw new GroupException("the group's ratchet tree is not valid: " + e.getMessage(), e);
            }
            OptionalInt me = ratchetTree.findLeaf(bundle.keyPackage().leafNode());
            if (me.isEmpty()) {
                throw new GroupException("our key package's leaf is not in the group's tree");
            }
            TreePrivateKeys treeKeys = TreePrivateKeys.forLeaf(me.getAsInt(), bundle.encryptionKey());
            Optional<Bytes> pathSecret = opened.groupSecrets().pathSecret();
            if (pathSecret.isPresent()) {
                byte[] secret = pathSecret.get().toByteArray();
                try (TreePrivateKeys leafOnly = treeKeys) {
                    treeKeys = TreeKem.keysFromPathSecret(ratchetTree, signer, leafOnly, secret);
                } catch (TreeValidationException e) {
                    throw new GroupException("the Welcome's path secret does not match the tree: " + e.getMessage(),
                            e);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }
            EpochSecrets secrets = opened.epochSecrets();
            byte[] confirmed = context.confirmedTranscriptHash().toByteArray();
            if (!secrets.verifyConfirmationTag(confirmed, info.confirmationTag().toByteArray())) {
                secrets.destroy();
                treeKeys.close();
                throw new GroupException("the GroupInfo's confirmation tag does not verify");
            }
            byte[] interim = TranscriptHashes.interim(confirmed, info.confirmationTag());
            EpochState epoch = EpochState.start(context, ratchetTree, secrets, interim, config.ratchet());
            GroupKeys groupKeys = GroupKeys.of(bundle.signatureKey(), treeKeys);
            treeKeys.close();
            return new Group(config, epoch, List.of(), groupKeys, List.of(), psks, random);
        } finally {
            opened.destroy();
        }
    }

    // ---------------------------------------------------------------- accessors

    /** The group id. */
    public Bytes groupId() {
        return current.context.groupId();
    }

    /** The current epoch. */
    public long epoch() {
        return current.epoch();
    }

    /** The current GroupContext. */
    public GroupContext groupContext() {
        return current.context;
    }

    /** The current ratchet tree. */
    public RatchetTree tree() {
        return current.tree;
    }

    /** This member's leaf index. */
    public int ownLeafIndex() {
        return keys.leafIndex();
    }

    /** The members' leaf nodes by leaf index. */
    public Map<Integer, LeafNode> members() {
        Map<Integer, LeafNode> members = new java.util.TreeMap<>();
        for (int leaf : current.tree.occupiedLeaves()) {
            members.put(leaf, current.tree.leaf(leaf).orElseThrow());
        }
        return members;
    }

    /** The configuration. */
    public GroupConfig config() {
        return config;
    }

    /** This member's private keys (owned by the group: do not close them while it is in use). */
    public GroupKeys keys() {
        return keys;
    }

    /** The current epoch's epoch_authenticator. */
    public Bytes epochAuthenticator() {
        return Bytes.copyOf(current.secrets.epochAuthenticator());
    }

    /** MLS-Exporter(label, context, length) of the current epoch. */
    public byte[] export(String label, byte[] context, int length) {
        return current.secrets.export(label.getBytes(java.nio.charset.StandardCharsets.UTF_8), context, length);
    }

    /** The epochs whose application messages still decrypt, newest first, the current one included. */
    public List<Long> readableEpochs() {
        List<Long> epochs = new ArrayList<>();
        epochs.add(current.epoch());
        past.forEach(e -> epochs.add(e.epoch()));
        return epochs;
    }

    /** The proposals received or sent in this epoch and not yet committed. */
    public List<Proposal> pendingProposals() {
        return proposals.stream().map(ProposalEntry::proposal).toList();
    }

    // ---------------------------------------------------------------- application messages

    /** Encrypts application data as a PrivateMessage of the current epoch. */
    public MlsMessage encrypt(byte[] applicationData) {
        return encrypt(applicationData, new byte[0]);
    }

    /** Encrypts application data with authenticated (unencrypted) data as a PrivateMessage. */
    public MlsMessage encrypt(byte[] applicationData, byte[] authenticatedData) {
        FramedContent content = new FramedContent(groupId(), epoch(), Sender.member(ownLeafIndex()),
                Bytes.copyOf(authenticatedData), new MessageContent.Application(Bytes.copyOf(applicationData)));
        MessageProtector protector = current.protector(random);
        try {
            return MlsMessage.wrap(WireFormat.PRIVATE_MESSAGE, protector.protectPrivate(content, keys.signatureKey(),
                    Optional.empty(), config.paddingBlock()));
        } finally {
            protector.destroy();
        }
    }

    // ---------------------------------------------------------------- proposals

    /**
     * Sends a proposal on its own, to be committed later by anyone (by reference). Returns the message and
     * the group with the proposal cached.
     */
    public Proposed propose(Proposal proposal) {
        if (proposal instanceof Proposal.Update) {
            throw new GroupException("use proposeUpdate() for Update proposals");
        }
        return proposeWith(proposal, keys);
    }

    /** Proposes adding the owner of {@code keyPackage}, after checking the key package. */
    public Proposed proposeAdd(KeyPackage keyPackage) {
        checkAddable(keyPackage);
        return propose(new Proposal.Add(keyPackage));
    }

    /** Proposes removing the member at {@code leafIndex}. */
    public Proposed proposeRemove(int leafIndex) {
        return propose(new Proposal.Remove(leafIndex));
    }

    /** Proposes a new leaf for this member with a fresh encryption key; the key waits in {@link #keys()}. */
    public Proposed proposeUpdate() {
        X25519KeyPair leafKey = X25519KeyPair.generate(random);
        LeafNodeTbs old = current.tree.leaf(ownLeafIndex()).orElseThrow().tbs();
        LeafNode leaf = new LeafNodeTbs(leafKey.publicKey(), old.signatureKey(), old.credential(), old.capabilities(),
                new LeafNodeSource.FromUpdate(), old.extensions()).sign(keys.signatureKey(), groupId(),
                ownLeafIndex());
        return proposeWith(new Proposal.Update(leaf), keys.withPendingLeafKey(leafKey));
    }

    /**
     * A proposal sent on its own and the group that caches it.
     *
     * @param message the proposal message to send
     * @param group   the group with the proposal cached
     */
    public record Proposed(MlsMessage message, Group group) {
    }

    private Proposed proposeWith(Proposal proposal, GroupKeys newKeys) {
        FramedContent content = new FramedContent(groupId(), epoch(), Sender.member(ownLeafIndex()), Bytes.EMPTY,
                new MessageContent.OfProposal(proposal));
        MessageProtector protector = current.protector(random);
        MlsMessage message;
        AuthenticatedContent authenticated;
        try {
            if (config.handshakeFormat() == WireFormat.PUBLIC_MESSAGE) {
                PublicMessage pub = protector.protectPublic(content, newKeys.signatureKey(), Optional.empty());
                message = MlsMessage.wrap(WireFormat.PUBLIC_MESSAGE, pub);
                authenticated = new AuthenticatedContent(WireFormat.PUBLIC_MESSAGE, content, pub.auth());
            } else {
                Ed25519KeyPair signer = newKeys.signatureKey();
                Bytes signature = LabeledSignature.sign(signer, FRAMED_CONTENT_LABEL,
                        protector.framedContentTbs(WireFormat.PRIVATE_MESSAGE, content));
                message = MlsMessage.wrap(WireFormat.PRIVATE_MESSAGE,
                        protector.protectPrivate(content, signer, Optional.empty(), config.paddingBlock()));
                authenticated = new AuthenticatedContent(WireFormat.PRIVATE_MESSAGE, content,
                        new FramedContentAuthData(signature, Optional.empty()));
            }
        } finally {
            protector.destroy();
        }
        List<ProposalEntry> cached = new ArrayList<>(proposals);
        cached.add(new ProposalEntry(proposal, content.sender(),
                Optional.of(Bytes.copyOf(Kdf.makeProposalRef(authenticated.toBytes())))));
        return new Proposed(message, new Group(config, current, past, newKeys, cached, psks, random));
    }

    private void checkAddable(KeyPackage keyPackage) {
        ProposalRules.checkKeyPackage(keyPackage, current);
        try {
            LeafNodeValidator.forGroup(groupId(), current.context.cipherSuite(), current.context.extensions())
                    .at(Instant.now())
                    .validate(keyPackage.leafNode(), LeafNodeValidator.Use.KEY_PACKAGE, current.tree.leafCount(),
                            current.tree);
        } catch (TreeValidationException e) {
            throw new GroupException("the key package cannot join this group: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- committing

    /** Commits the cached proposals (by reference) and nothing else. */
    public CommitResult commit() {
        return commit(List.of());
    }

    /**
     * Commits the cached proposals of other members (by reference) and {@code inline} (by value), with an
     * UpdatePath when RFC 9420 requires one or {@link GroupConfig#alwaysPath()} asks for it (RFC 9420 section
     * 12.4.1). Add proposals' key packages are checked, including their lifetimes.
     *
     * @throws GroupException if the proposal list is not valid
     */
    public CommitResult commit(List<Proposal> inline) {
        return commit(inline, config.alwaysPath());
    }

    /** {@link #commit(List)} with a path whether or not one is required when {@code forcePath} is set. */
    public CommitResult commit(List<Proposal> inline, boolean forcePath) {
        int me = ownLeafIndex();
        List<ProposalEntry> entries = new ArrayList<>();
        List<Commit.ProposalOrRef> list = new ArrayList<>();
        for (ProposalEntry cached : proposals) {
            if (cached.proposal() instanceof Proposal.Update && cached.senderLeaf() == me) {
                continue; // our own Update is superseded by the path
            }
            entries.add(cached);
            list.add(new Commit.Reference(cached.reference().orElseThrow()));
        }
        for (Proposal proposal : inline) {
            if (proposal instanceof Proposal.Add add) {
                checkAddable(add.keyPackage());
            }
            entries.add(new ProposalEntry(proposal, Sender.member(me), Optional.empty()));
            list.add(new Commit.Inline(proposal));
        }
        ProposalRules.Outcome outcome = ProposalRules.apply(current, entries, me, Instant.now());
        boolean withPath = outcome.pathRequired() || forcePath;
        GroupContext old = current.context;
        GroupContext provisional = new GroupContext(old.version(), old.cipherSuite(), old.groupId(), old.epoch() + 1,
                Bytes.EMPTY, old.confirmedTranscriptHash(), outcome.extensions());
        BitSet newLeaves = new BitSet();
        outcome.added().forEach(a -> newLeaves.set(a.leafIndex()));
        Ed25519KeyPair signer = keys.signatureKey();

        RatchetTree newTree;
        TreePrivateKeys newTreeKeys;
        byte[] commitSecret;
        Optional<UpdatePath> path;
        TreeKem.Created created = null;
        if (withPath) {
            created = TreeKem.createUpdatePath(outcome.tree(), me, signer, provisional, newLeaves, random);
            newTree = created.tree();
            newTreeKeys = created.keys();
            commitSecret = created.commitSecret().clone();
            path = Optional.of(created.path());
        } else {
            newTree = outcome.tree();
            newTreeKeys = keys.tree().retainedFor(newTree);
            commitSecret = Kdf.zeros();
            path = Optional.empty();
        }
        try {
            FramedContent content = new FramedContent(old.groupId(), old.epoch(), Sender.member(me), Bytes.EMPTY,
                    new MessageContent.OfCommit(new Commit(list, path)));
            WireFormat format = config.handshakeFormat();
            MessageProtector protector = current.protector(random);
            try {
                Bytes signature = LabeledSignature.sign(signer, FRAMED_CONTENT_LABEL,
                        protector.framedContentTbs(format, content));
                AuthenticatedContent unconfirmed = new AuthenticatedContent(format, content,
                        new FramedContentAuthData(signature, Optional.of(Bytes.EMPTY)));
                byte[] confirmed = TranscriptHashes.confirmed(current.interimTranscriptHash.toByteArray(),
                        unconfirmed);
                GroupContext context = new GroupContext(old.version(), old.cipherSuite(), old.groupId(),
                        old.epoch() + 1, newTree.treeHash(SuiteHash.forSuite(old.cipherSuite())),
                        Bytes.copyOf(confirmed), outcome.extensions());
                byte[] contextBytes = context.toBytes();
                byte[] pskSecret = pskSecret(outcome.psks());
                byte[] init = current.secrets.initSecret();
                byte[] joiner = KeySchedule.joinerSecret(init, commitSecret, contextBytes);
                Arrays.fill(init, (byte) 0);
                EpochSecrets secrets = KeySchedule.epochSecrets(joiner, pskSecret, contextBytes);
                Bytes tag = Bytes.copyOf(secrets.confirmationTag(confirmed));
                MlsMessage message;
                if (format == WireFormat.PUBLIC_MESSAGE) {
                    PublicMessage pub = protector.protectPublic(content, signer, Optional.of(tag));
                    message = MlsMessage.wrap(WireFormat.PUBLIC_MESSAGE, pub);
                } else {
                    message = MlsMessage.wrap(WireFormat.PRIVATE_MESSAGE,
                            protector.protectPrivate(content, signer, Optional.of(tag), config.paddingBlock()));
                }
                byte[] interim = TranscriptHashes.interim(confirmed, tag);
                Optional<MlsMessage> welcome = Optional.empty();
                if (!outcome.added().isEmpty()) {
                    welcome = Optional.of(welcome(context, newTree, tag, joiner, pskSecret, outcome, created, signer));
                }
                Arrays.fill(joiner, (byte) 0);
                Arrays.fill(pskSecret, (byte) 0);
                EpochState next = EpochState.start(context, newTree, secrets, interim, config.ratchet());
                Group group = new Group(config, next, shiftPast(), keys.nextEpoch(newTreeKeys), List.of(), psks,
                        random);
                return new CommitResult(message, welcome, group);
            } finally {
                protector.destroy();
            }
        } finally {
            Arrays.fill(commitSecret, (byte) 0);
            if (created != null) {
                created.wipeSecrets();
            }
        }
    }

    private MlsMessage welcome(GroupContext context, RatchetTree tree, Bytes tag, byte[] joiner, byte[] pskSecret,
                               ProposalRules.Outcome outcome, TreeKem.Created created, Ed25519KeyPair signer) {
        GroupInfo unsigned = new GroupInfo(context, List.of(tree.toExtension()), tag, ownLeafIndex(), Bytes.EMPTY);
        Bytes signature = LabeledSignature.sign(signer, OpenedWelcome.GROUP_INFO_LABEL,
                OpenedWelcome.groupInfoTbs(unsigned));
        GroupInfo info = new GroupInfo(context, unsigned.extensions(), tag, ownLeafIndex(), signature);
        byte[] welcomeSecret = KeySchedule.welcomeSecret(joiner, pskSecret);
        byte[] key = KeySchedule.welcomeKey(welcomeSecret);
        byte[] nonce = KeySchedule.welcomeNonce(welcomeSecret);
        byte[] encryptedInfo = Aead.seal(key, nonce, new byte[0], info.toBytes());
        Arrays.fill(welcomeSecret, (byte) 0);
        Arrays.fill(key, (byte) 0);
        List<Welcome.EncryptedGroupSecrets> secrets = new ArrayList<>();
        for (ProposalRules.Added added : outcome.added()) {
            Optional<Bytes> pathSecret = Optional.empty();
            if (created != null) {
                byte[] secret = created.pathSecretFor(added.leafIndex());
                pathSecret = Optional.of(Bytes.copyOf(secret));
                Arrays.fill(secret, (byte) 0);
            }
            GroupSecrets groupSecrets = new GroupSecrets(Bytes.copyOf(joiner), pathSecret, outcome.psks());
            byte[] plain = groupSecrets.toBytes();
            secrets.add(new Welcome.EncryptedGroupSecrets(
                    Bytes.copyOf(Kdf.makeKeyPackageRef(added.keyPackage().toBytes())),
                    Hpke.encryptWithLabel(added.keyPackage().initKey(), OpenedWelcome.LABEL, encryptedInfo, plain,
                            random)));
            Arrays.fill(plain, (byte) 0);
        }
        return MlsMessage.wrap(WireFormat.WELCOME,
                new Welcome(context.cipherSuite(), secrets, Bytes.copyOf(encryptedInfo)));
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Processes a message sent to the group: application data (of the current or a retained past epoch), a
     * proposal (cached for a later commit) or a commit (validated and applied; RFC 9420 section 12.4.2).
     *
     * @throws GroupException if the message is not for this group, not for a usable epoch, does not
     *                        authenticate, or breaks a rule of the protocol; the group is then unchanged
     */
    public Received receive(MlsMessage message) {
        AuthenticatedContent content;
        EpochState epoch;
        switch (message.wireFormat()) {
            case PUBLIC_MESSAGE -> {
                PublicMessage pub = decode(() -> PublicMessage.decode(message.body().toByteArray()));
                epoch = epochFor(pub.content().groupId(), pub.content().epoch(), pub.content().contentType());
                if (pub.content().sender().isMember() && pub.membershipTag().isEmpty()) {
                    throw new GroupException("a PublicMessage from a member lacks its membership tag");
                }
                content = unprotect(epoch, p -> p.unprotectPublic(pub, epoch::signatureKey));
            }
            case PRIVATE_MESSAGE -> {
                PrivateMessage priv = decode(() -> PrivateMessage.decode(message.body().toByteArray()));
                epoch = epochFor(priv.groupId(), priv.epoch(), priv.contentType());
                if (priv.contentType() != ContentType.APPLICATION) {
                    // a forged handshake message must not burn the key of the real one: try it on a copy first
                    EpochState trial = epoch.withCopiedSecretTree();
                    try {
                        unprotect(trial, p -> p.unprotectPrivate(priv, epoch::signatureKey));
                    } finally {
                        trial.secretTree.destroy();
                    }
                }
                content = unprotect(epoch, p -> p.unprotectPrivate(priv, epoch::signatureKey));
            }
            default -> throw new GroupException("a " + message.wireFormat() + " is not a message to a group");
        }
        FramedContent framed = content.content();
        return switch (framed.content()) {
            case MessageContent.Application app -> new Received(Received.Kind.APPLICATION, this, framed.sender(),
                    framed.epoch(), Optional.of(app.data()), Optional.empty());
            case MessageContent.OfProposal proposal -> receiveProposal(content, proposal.proposal());
            case MessageContent.OfCommit commit -> receiveCommit(content, commit.commit());
        };
    }

    private EpochState epochFor(Bytes groupId, long epoch, ContentType type) {
        if (!groupId.equals(groupId())) {
            throw new GroupException("the message is for another group");
        }
        if (epoch == epoch()) {
            return current;
        }
        if (type != ContentType.APPLICATION) {
            throw new GroupException("a handshake message for epoch " + Long.toUnsignedString(epoch)
                    + " while the group is at epoch " + Long.toUnsignedString(epoch()));
        }
        for (EpochState old : past) {
            if (old.epoch() == epoch) {
                return old;
            }
        }
        throw new GroupException("the message is for epoch " + Long.toUnsignedString(epoch)
                + ", which is not (or no longer) readable; the group is at epoch " + Long.toUnsignedString(epoch()));
    }

    private AuthenticatedContent unprotect(EpochState epoch,
                                           java.util.function.Function<MessageProtector, AuthenticatedContent> how) {
        MessageProtector protector = epoch.protector(random);
        try {
            return how.apply(protector);
        } catch (MessageRejectedException e) {
            throw new GroupException("message rejected: " + e.getMessage(), e);
        } finally {
            protector.destroy();
        }
    }

    private static <T> T decode(java.util.function.Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (MlsDecodeException e) {
            throw new GroupException("malformed message: " + e.getMessage(), e);
        }
    }

    private Received receiveProposal(AuthenticatedContent content, Proposal proposal) {
        Sender sender = content.content().sender();
        if (sender.type() != Sender.MEMBER && sender.type() != Sender.EXTERNAL) {
            throw new GroupException("proposals from new members are not supported");
        }
        switch (proposal) {
            case Proposal.Update update -> {
                if (!sender.isMember()) {
                    throw new GroupException("an Update must come from a member");
                }
                try {
                    LeafNodeValidator.forGroup(groupId(), current.context.cipherSuite(), current.context.extensions())
                            .validate(update.leafNode(), LeafNodeValidator.Use.UPDATE, (int) sender.index(),
                                    current.tree);
                } catch (TreeValidationException e) {
                    throw new GroupException("invalid Update proposal: " + e.getMessage(), e);
                }
            }
            case Proposal.Add add -> ProposalRules.checkKeyPackage(add.keyPackage(), current);
            default -> {
            }
        }
        List<ProposalEntry> cached = new ArrayList<>(proposals);
        cached.add(new ProposalEntry(proposal, sender, Optional.of(Bytes.copyOf(Kdf.makeProposalRef(content.toBytes())))));
        Group group = new Group(config, current, past, keys, cached, psks, random);
        return new Received(Received.Kind.PROPOSAL, group, sender, content.content().epoch(), Optional.empty(),
                Optional.of(proposal));
    }

    private Received receiveCommit(AuthenticatedContent content, Commit commit) {
        Sender sender = content.content().sender();
        if (!sender.isMember()) {
            throw new GroupException("external commits (sender type " + sender.type() + ") are not supported");
        }
        int committer = (int) sender.index();
        int me = ownLeafIndex();
        if (committer == me) {
            throw new GroupException("this is our own commit: adopt the group of its CommitResult instead");
        }
        List<ProposalEntry> entries = new ArrayList<>();
        for (Commit.ProposalOrRef item : commit.proposals()) {
            switch (item) {
                case Commit.Inline inline -> entries.add(new ProposalEntry(inline.proposal(), sender, Optional.empty()));
                case Commit.Reference ref -> entries.add(proposals.stream()
                        .filter(p -> p.reference().orElseThrow().equals(ref.reference())).findFirst()
                        .orElseThrow(() -> new GroupException("the commit refers to an unknown proposal "
                                + ref.reference().toHex())));
            }
        }
        ProposalRules.Outcome outcome = ProposalRules.apply(current, entries, committer, null);
        if (outcome.pathRequired() && commit.path().isEmpty()) {
            throw new GroupException("the commit has no path although its proposals require one");
        }
        if (outcome.tree().leaf(me).isEmpty()) {
            return new Received(Received.Kind.REMOVED, this, sender, content.content().epoch(), Optional.empty(),
                    Optional.empty(), applied(entries), commit.path().map(UpdatePath::leafNode));
        }
        GroupContext old = current.context;
        TreePrivateKeys mine = ownKeysFor(outcome.tree());
        GroupContext provisional = new GroupContext(old.version(), old.cipherSuite(), old.groupId(), old.epoch() + 1,
                Bytes.EMPTY, old.confirmedTranscriptHash(), outcome.extensions());
        BitSet newLeaves = new BitSet();
        outcome.added().forEach(a -> newLeaves.set(a.leafIndex()));
        SuiteHash hash = SuiteHash.forSuite(old.cipherSuite());
        RatchetTree newTree;
        TreePrivateKeys newTreeKeys;
        byte[] commitSecret;
        if (commit.path().isPresent()) {
            TreeKem.Processed processed;
            try {
                processed = TreeKem.applyUpdatePath(outcome.tree(), committer, commit.path().get(), mine, provisional,
                        newLeaves, LeafNodeValidator.forGroup(old.groupId(), old.cipherSuite(), outcome.extensions()));
            } catch (TreeValidationException e) {
                mine.close();
                throw new GroupException("the commit's path is not valid: " + e.getMessage(), e);
            }
            mine.close();
            newTree = processed.tree();
            newTreeKeys = processed.keys();
            commitSecret = processed.commitSecret();
            Arrays.fill(processed.pathSecret(), (byte) 0);
            if (newTree.firstParentHashFailure(hash).isPresent()) {
                newTreeKeys.close();
                throw new GroupException("after the commit, parent node " + newTree.firstParentHashFailure(hash)
                        .getAsInt() + " is not parent-hash valid");
            }
        } else {
            newTree = outcome.tree();
            newTreeKeys = mine;
            commitSecret = Kdf.zeros();
        }
        byte[] confirmed = TranscriptHashes.confirmed(current.interimTranscriptHash.toByteArray(), content);
        GroupContext context = new GroupContext(old.version(), old.cipherSuite(), old.groupId(), old.epoch() + 1,
                newTree.treeHash(hash), Bytes.copyOf(confirmed), outcome.extensions());
        byte[] contextBytes = context.toBytes();
        byte[] pskSecret;
        try {
            pskSecret = pskSecret(outcome.psks());
        } catch (GroupException e) {
            newTreeKeys.close();
            throw e;
        }
        byte[] init = current.secrets.initSecret();
        byte[] joiner = KeySchedule.joinerSecret(init, commitSecret, contextBytes);
        EpochSecrets secrets = KeySchedule.epochSecrets(joiner, pskSecret, contextBytes);
        Arrays.fill(init, (byte) 0);
        Arrays.fill(joiner, (byte) 0);
        Arrays.fill(pskSecret, (byte) 0);
        Arrays.fill(commitSecret, (byte) 0);
        Bytes tag = content.auth().confirmationTag().orElseThrow();
        if (!secrets.verifyConfirmationTag(confirmed, tag.toByteArray())) {
            secrets.destroy();
            newTreeKeys.close();
            throw new GroupException("the commit's confirmation tag does not verify");
        }
        byte[] interim = TranscriptHashes.interim(confirmed, tag);
        EpochState next = EpochState.start(context, newTree, secrets, interim, config.ratchet());
        Group group = new Group(config, next, shiftPast(), keys.nextEpoch(newTreeKeys), List.of(), psks, random);
        return new Received(Received.Kind.COMMIT, group, sender, old.epoch(), Optional.empty(), Optional.empty(),
                applied(entries), commit.path().map(UpdatePath::leafNode));
    }

    private static List<Received.Applied> applied(List<ProposalEntry> entries) {
        return entries.stream().map(e -> new Received.Applied(e.proposal(), e.sender())).toList();
    }

    /** Our tree keys for the tree after a commit's proposals, with the key of our committed Update installed. */
    private TreePrivateKeys ownKeysFor(RatchetTree tree) {
        int me = ownLeafIndex();
        Bytes before = current.tree.leaf(me).orElseThrow().encryptionKey();
        Bytes after = tree.leaf(me).orElseThrow().encryptionKey();
        if (before.equals(after)) {
            return keys.tree().retainedFor(tree);
        }
        X25519KeyPair leafKey = keys.pendingLeafKey(after)
                .orElseThrow(() -> new GroupException("the commit changes our leaf with an Update we did not send"));
        try (TreePrivateKeys withLeaf = keys.tree().with(Map.of(TreeMath.leafToNode(me), leafKey))) {
            return withLeaf.retainedFor(tree);
        }
    }

    private byte[] pskSecret(List<PreSharedKeyId> ids) {
        List<byte[]> values = new ArrayList<>();
        for (PreSharedKeyId id : ids) {
            switch (id) {
                case PreSharedKeyId.External external -> values.add(psks.external(external.pskId())
                        .orElseThrow(() -> new GroupException("unknown external PSK " + external.pskId().toHex())));
                case PreSharedKeyId.Resumption resumption -> values.add(resumptionPsk(resumption));
            }
        }
        try {
            return PskSecret.combine(ids, values);
        } finally {
            values.forEach(v -> Arrays.fill(v, (byte) 0));
        }
    }

    private byte[] resumptionPsk(PreSharedKeyId.Resumption id) {
        if (!id.groupId().equals(groupId())) {
            throw new GroupException("resumption PSKs of other groups are not available");
        }
        if (id.epoch() == epoch()) {
            return current.secrets.resumptionPsk();
        }
        for (EpochState old : past) {
            if (old.epoch() == id.epoch()) {
                return old.secrets.resumptionPsk();
            }
        }
        throw new GroupException("the resumption PSK of epoch " + Long.toUnsignedString(id.epoch())
                + " is no longer kept");
    }

    private List<EpochState> shiftPast() {
        List<EpochState> shifted = new ArrayList<>();
        if (config.retainedEpochs() > 0) {
            shifted.add(current);
            for (EpochState old : past) {
                if (shifted.size() >= config.retainedEpochs()) {
                    break;
                }
                shifted.add(old);
            }
        }
        return shifted;
    }

    // ---------------------------------------------------------------- durable state

    /**
     * The group's state for storage, without the private keys of {@link #keys()} (store those with
     * {@link GroupKeys#toBytes()}): format version, configuration, current and retained epochs (contexts,
     * trees, epoch secrets, secret trees, transcript hashes) and cached proposals. The epoch secrets make this
     * sensitive too: encrypt it at rest.
     */
    public byte[] toBytes() {
        TlsWriter out = new TlsWriter(4096);
        out.writeUint8(FORMAT_VERSION)
                .writeUint8(config.retainedEpochs())
                .writeUint16(config.ratchet().outOfOrderTolerance())
                .writeUint32(config.ratchet().maximumForwardDistance())
                .writeUint16(config.handshakeFormat().code())
                .writeUint16(config.paddingBlock())
                .writeUint8(config.alwaysPath() ? 1 : 0)
                .writeUint32(ownLeafIndex());
        current.writeTo(out);
        out.writeList(past, (w, e) -> e.writeTo(w));
        out.writeList(proposals, (w, p) -> p.writeTo(w));
        return out.toByteArray();
    }

    /**
     * Restores a group stored with {@link #toBytes()} and its keys.
     *
     * @throws MlsDecodeException if the bytes are malformed or of another version
     * @throws GroupException     if the keys do not belong to the stored group
     */
    public static Group restore(byte[] state, GroupKeys keys, PskStore psks, SecureRandom random) {
        Objects.requireNonNull(keys, "keys");
        return TlsReader.decodeExactly(state, "Group", in -> {
            int version = in.readUint8("Group.version");
            if (version != FORMAT_VERSION) {
                throw new MlsDecodeException("Group.version", 0, "unknown group state version " + version);
            }
            int retained = in.readUint8("Group.retained_epochs");
            RatchetConfig ratchet = new RatchetConfig(in.readUint16("Group.out_of_order"),
                    (int) in.readUint32("Group.forward_distance"));
            int formatCode = in.readUint16("Group.handshake_format");
            WireFormat format = WireFormat.fromCode(formatCode)
                    .orElseThrow(() -> new MlsDecodeException("Group.handshake_format", 0, "unknown " + formatCode));
            int padding = in.readUint16("Group.padding");
            boolean alwaysPath = in.readUint8("Group.always_path") == 1;
            long leaf = in.readUint32("Group.leaf");
            GroupConfig config = new GroupConfig(retained, ratchet, format, padding, alwaysPath);
            EpochState current = EpochState.readFrom(in);
            List<EpochState> past = in.readList("Group.past", EpochState::readFrom);
            List<ProposalEntry> proposals = in.readList("Group.proposals", ProposalEntry::readFrom);
            if (leaf != keys.leafIndex() || !keys.tree().consistentWith(current.tree)) {
                throw new GroupException("the keys do not belong to this group state");
            }
            return new Group(config, current, past, keys, proposals, psks, random);
        });
    }

    @Override
    public String toString() {
        return "Group[" + groupId().toHex() + ", epoch " + Long.toUnsignedString(epoch()) + ", leaf "
                + ownLeafIndex() + ", " + current.tree.memberCount() + " members]";
    }
}
