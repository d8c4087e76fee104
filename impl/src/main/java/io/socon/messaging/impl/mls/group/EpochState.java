package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.protection.MessageProtector;
import io.socon.messaging.impl.mls.schedule.EpochSecrets;
import io.socon.messaging.impl.mls.secret.RatchetConfig;
import io.socon.messaging.impl.mls.secret.SecretTree;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * One epoch's view of the group: its GroupContext, ratchet tree, key schedule output, secret tree and interim
 * transcript hash. Everything but the secret tree is immutable; the secret tree's ratchets advance as messages
 * are sent and received in the epoch, which is how forward secrecy within an epoch works.
 */
final class EpochState {

    final GroupContext context;
    final RatchetTree tree;
    final EpochSecrets secrets;
    final SecretTree secretTree;
    final Bytes interimTranscriptHash;

    EpochState(GroupContext context, RatchetTree tree, EpochSecrets secrets, SecretTree secretTree,
               Bytes interimTranscriptHash) {
        this.context = context;
        this.tree = tree;
        this.secrets = secrets;
        this.secretTree = secretTree;
        this.interimTranscriptHash = interimTranscriptHash;
    }

    /** A new epoch's state with a fresh secret tree from its encryption secret. */
    static EpochState start(GroupContext context, RatchetTree tree, EpochSecrets secrets, byte[] interim,
                            RatchetConfig ratchet) {
        byte[] encryption = secrets.encryptionSecret();
        try {
            return new EpochState(context, tree, secrets, SecretTree.create(encryption, tree.leafCount(), ratchet),
                    Bytes.copyOf(interim));
        } finally {
            Arrays.fill(encryption, (byte) 0);
        }
    }

    /** This epoch with a copy of its secret tree, to try a message without consuming keys. */
    EpochState withCopiedSecretTree() {
        byte[] stored = secretTree.toBytes();
        try {
            return new EpochState(context, tree, secrets, SecretTree.fromBytes(stored), interimTranscriptHash);
        } finally {
            Arrays.fill(stored, (byte) 0);
        }
    }

    long epoch() {
        return context.epoch();
    }

    /** A protector for this epoch (it copies the keys it needs; destroy it after use). */
    MessageProtector protector(SecureRandom random) {
        byte[] membership = secrets.membershipKey();
        byte[] senderData = secrets.senderDataSecret();
        try {
            return new MessageProtector(context, membership, senderData, secretTree, random);
        } finally {
            Arrays.fill(membership, (byte) 0);
            Arrays.fill(senderData, (byte) 0);
        }
    }

    /** The signature key of a member or external sender in this epoch, or null. */
    Bytes signatureKey(Sender sender) {
        if (sender.type() == Sender.MEMBER) {
            if (sender.index() >= tree.leafCount()) {
                return null;
            }
            return tree.leaf((int) sender.index()).map(LeafNode::signatureKey).orElse(null);
        }
        if (sender.type() == Sender.EXTERNAL) {
            List<ExternalSenders.ExternalSender> senders = ExternalSenders.of(context.extensions());
            return sender.index() < senders.size() ? senders.get((int) sender.index()).signatureKey() : null;
        }
        return null;
    }

    void writeTo(TlsWriter out) {
        byte[] secretBytes = secrets.toBytes();
        byte[] treeSecrets = secretTree.toBytes();
        try {
            out.writeOpaque(context.toBytes()).writeOpaque(tree.toStateBytes()).writeOpaque(secretBytes)
                    .writeOpaque(treeSecrets).writeOpaque(interimTranscriptHash);
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
            Arrays.fill(treeSecrets, (byte) 0);
        }
    }

    static EpochState readFrom(TlsReader in) {
        GroupContext context = TlsReader.decodeExactly(in.readOpaque("EpochState.context").toByteArray(),
                "GroupContext", GroupContext::readFrom);
        RatchetTree tree = RatchetTree.fromStateBytes(in.readOpaque("EpochState.tree").toByteArray());
        byte[] secretBytes = in.readOpaque("EpochState.secrets").toByteArray();
        byte[] treeSecrets = in.readOpaque("EpochState.secret_tree").toByteArray();
        try {
            return new EpochState(context, tree, EpochSecrets.fromBytes(secretBytes),
                    SecretTree.fromBytes(treeSecrets), in.readOpaque("EpochState.interim"));
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
            Arrays.fill(treeSecrets, (byte) 0);
        }
    }

    /** Wipes this epoch's secrets. */
    void destroy() {
        secrets.destroy();
        secretTree.destroy();
    }
}
