package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.Capabilities;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.CredentialType;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.HpkeCiphertext;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.mls.struct.LeafNodeSource;
import io.socon.messaging.impl.mls.struct.LeafNodeTbs;
import io.socon.messaging.impl.mls.struct.Lifetime;
import io.socon.messaging.impl.mls.struct.UpdatePath;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group built only with our own code: members join by Add, the committer's path leaves the new members out and
 * they get their keys from the path secret a Welcome would carry; then the whole group commits in turn, removes
 * someone, and a tampered path is refused. Every tree along the way passes full validation.
 */
class TreeKemFlowTest {

    private static final Bytes GROUP = Bytes.fromHex("0123456789");
    private final SecureRandom random = new SecureRandom();
    private final List<Ed25519KeyPair> signers = new ArrayList<>();
    private final List<TreePrivateKeys> keys = new ArrayList<>();
    private RatchetTree tree;
    private long epoch;

    private LeafNode newMember(int id) {
        Ed25519KeyPair signer = Ed25519KeyPair.generate(random);
        X25519KeyPair encryption = X25519KeyPair.generate(random);
        signers.add(signer);
        keys.add(TreePrivateKeys.forLeaf(id, encryption));
        return new LeafNodeTbs(encryption.publicKey(), signer.publicKey(),
                new Credential.Basic(Bytes.copyOf(new byte[] {(byte) id})),
                new Capabilities(List.of(1), List.of(3), List.of(), List.of(), List.of(CredentialType.BASIC)),
                new LeafNodeSource.FromKeyPackage(new Lifetime(0, Long.MAX_VALUE)), List.of()).sign(signer);
    }

    private GroupContext context() {
        return new GroupContext(1, 3, GROUP, epoch, Bytes.EMPTY, Bytes.fromHex("aabb"), List.of());
    }

    private void validate() {
        TreeValidator.forGroup(GROUP, 3, List.of()).validate(tree);
        for (int leaf : tree.occupiedLeaves()) {
            assertThat(keys.get(leaf).consistentWith(tree)).as("keys of leaf %d", leaf).isTrue();
        }
    }

    @BeforeEach
    void fiveMembersJoinInOneCommit() {
        tree = RatchetTree.withSingleLeaf(newMember(0));
        BitSet added = new BitSet();
        for (int i = 1; i < 5; i++) {
            RatchetTree.Added result = tree.addLeaf(newMember(i));
            assertThat(result.leafIndex()).isEqualTo(i);
            tree = result.tree();
            added.set(i);
        }
        assertThat(tree.leafCount()).isEqualTo(8);
        epoch = 1;
        TreeKem.Created commit = TreeKem.createUpdatePath(tree, 0, signers.get(0), context(), added, random);
        // nobody but new members is below the path, so every ciphertext list is empty
        commit.path().nodes().forEach(node -> assertThat(node.encryptedPathSecret()).isEmpty());
        tree = commit.tree();
        keys.set(0, commit.keys());
        for (int i = 1; i < 5; i++) {
            keys.set(i, TreeKem.keysFromPathSecret(tree, 0, keys.get(i), commit.pathSecretFor(i)));
        }
        assertThatThrownBy(() -> TreeKem.keysFromPathSecret(tree, 0, keys.get(1), new byte[32]))
                .isInstanceOf(TreeValidationException.class);
        commit.wipeSecrets();
        assertThat(commit.commitSecret()).containsOnly(0);
        validate();
    }

    private byte[] commitFrom(int committer, BitSet newLeaves) {
        epoch++;
        TreeKem.Created commit = TreeKem.createUpdatePath(tree, committer, signers.get(committer), context(),
                newLeaves, random);
        UpdatePath sent = UpdatePath.decode(commit.path().toBytes());
        LeafNodeValidator validator = LeafNodeValidator.forGroup(GROUP, 3, List.of());
        for (int leaf : tree.occupiedLeaves()) {
            if (leaf == committer || newLeaves.get(leaf)) {
                continue;
            }
            TreeKem.Processed processed = TreeKem.applyUpdatePath(tree, committer, sent, keys.get(leaf), context(),
                    newLeaves, validator);
            assertThat(processed.commitSecret()).isEqualTo(commit.commitSecret());
            assertThat(processed.tree()).isEqualTo(commit.tree());
            keys.set(leaf, processed.keys());
        }
        tree = commit.tree();
        keys.set(committer, commit.keys());
        validate();
        return commit.commitSecret();
    }

    @Test
    void everyMemberCommitsInTurnAndAllAgree() {
        List<Bytes> secrets = new ArrayList<>();
        for (int committer = 0; committer < 5; committer++) {
            secrets.add(Bytes.copyOf(commitFrom(committer, new BitSet())));
        }
        assertThat(secrets).doesNotHaveDuplicates();
        // after everyone committed, each member holds the root key
        for (int leaf = 0; leaf < 5; leaf++) {
            assertThat(keys.get(leaf).has(tree.root())).isTrue();
        }
    }

    @Test
    void afterARemoveTheRemovedMemberGetsNothingAndTheTreeShrinks() {
        RatchetTree before = tree;
        tree = tree.removeLeaf(4);
        assertThat(tree.leafCount()).isEqualTo(4);
        // the old root's key is useless now: a store kept for the new tree drops it
        assertThat(keys.get(0).has(before.root())).isTrue();
        assertThat(keys.get(0).consistentWith(tree)).isFalse();
        TreePrivateKeys retained = keys.get(0).retainedFor(tree);
        assertThat(retained.has(before.root())).isFalse();
        assertThat(retained.consistentWith(tree)).isTrue();
        commitFrom(1, new BitSet());
        assertThat(keys.get(0).has(tree.root())).isTrue();
        // the old member's keys no longer decrypt anything in the new tree
        assertThat(keys.get(4).consistentWith(tree)).isFalse();
    }

    @Test
    void refusesTamperedPaths() {
        epoch++;
        TreeKem.Created commit = TreeKem.createUpdatePath(tree, 0, signers.get(0), context(), new BitSet(), random);
        UpdatePath good = commit.path();
        LeafNodeValidator validator = LeafNodeValidator.forGroup(GROUP, 3, List.of());

        // a ciphertext changed: the receiver cannot decrypt
        UpdatePath.Node top = good.nodes().get(good.nodes().size() - 1);
        HpkeCiphertext ct = top.encryptedPathSecret().get(0);
        byte[] body = ct.ciphertext().toByteArray();
        body[0] ^= 1;
        List<UpdatePath.Node> nodes = new ArrayList<>(good.nodes());
        nodes.set(nodes.size() - 1, new UpdatePath.Node(top.encryptionKey(),
                List.of(new HpkeCiphertext(ct.kemOutput(), Bytes.copyOf(body)))));
        UpdatePath badCiphertext = new UpdatePath(good.leafNode(), nodes);
        int receiver = tree.leafCount() / 2; // leaf 4, on the far side of the root
        assertThatThrownBy(() -> TreeKem.applyUpdatePath(tree, 0, badCiphertext, keys.get(receiver), context(),
                new BitSet(), validator)).isInstanceOf(TreeValidationException.class)
                .hasMessageContaining("decrypt");

        // a public key swapped: the parent hash signed in the leaf no longer matches
        List<UpdatePath.Node> swapped = new ArrayList<>(good.nodes());
        swapped.set(0, new UpdatePath.Node(X25519KeyPair.generate(random).publicKey(),
                good.nodes().get(0).encryptedPathSecret()));
        assertThatThrownBy(() -> TreeKem.applyUpdatePath(tree, 0, new UpdatePath(good.leafNode(), swapped),
                keys.get(1), context(), new BitSet(), validator)).isInstanceOf(TreeValidationException.class)
                .hasMessageContaining("parent hash");

        // a node missing
        assertThatThrownBy(() -> TreeKem.applyUpdatePath(tree, 0,
                new UpdatePath(good.leafNode(), good.nodes().subList(1, good.nodes().size())), keys.get(1),
                context(), new BitSet(), validator)).isInstanceOf(TreeValidationException.class);

        // another epoch in the context: HPKE's context differs, decryption fails
        epoch++;
        assertThatThrownBy(() -> TreeKem.applyUpdatePath(tree, 0, good, keys.get(1), context(), new BitSet(),
                validator)).isInstanceOf(TreeValidationException.class);

        // the untampered path still works (the trees and key stores were not changed by the refusals)
        epoch--;
        TreeKem.Processed ok = TreeKem.applyUpdatePath(tree, 0, good, keys.get(1), context(), new BitSet(),
                validator);
        assertThat(ok.commitSecret()).isEqualTo(commit.commitSecret());
    }

    @Test
    void privateKeysSurviveStorageAndAreWipedOnClose() {
        TreePrivateKeys original = keys.get(2);
        byte[] state = original.toStateBytes();
        assertThat(state[0]).isEqualTo((byte) TreePrivateKeys.STATE_VERSION);
        TreePrivateKeys restored = TreePrivateKeys.fromStateBytes(state);
        assertThat(restored.nodes()).isEqualTo(original.nodes());
        assertThat(restored.leafIndex()).isEqualTo(2);
        assertThat(restored.consistentWith(tree)).isTrue();
        assertThat(restored.toStateBytes()).isEqualTo(state);

        TreePrivateKeys smaller = restored.without(tree.root());
        restored.close();
        assertThatThrownBy(() -> restored.keyPair(4)).isInstanceOf(IllegalStateException.class);
        assertThat(smaller.has(tree.root())).isFalse();
        assertThat(smaller.keyPair(4)).isPresent(); // copies survive closing the store they came from
        assertThat(restored.toString()).contains("closed").doesNotContain(Bytes.copyOf(state).toHex());

        state[0] = 2;
        assertThatThrownBy(() -> TreePrivateKeys.fromStateBytes(state)).isInstanceOf(MlsDecodeException.class);
    }

    @Test
    void aTreeRestoredFromStorageIsTheSameTree() {
        RatchetTree restored = RatchetTree.fromStateBytes(tree.toStateBytes());
        assertThat(restored).isEqualTo(tree);
        assertThat(RatchetTree.decode(tree.toBytes())).isEqualTo(tree);
        assertThat(RatchetTree.fromExtensions(List.of(tree.toExtension()))).contains(tree);
        assertThat(RatchetTree.fromExtensions(List.of())).isEmpty();
        assertThat(restored.treeHash(SuiteHash.forSuite(3))).isEqualTo(tree.treeHash(SuiteHash.forSuite(3)));
    }
}
