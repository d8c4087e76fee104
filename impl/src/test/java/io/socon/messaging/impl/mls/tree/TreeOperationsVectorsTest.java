package io.socon.messaging.impl.mls.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Proposal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * tree-operations.json: the file has only cipher suite 1 entries, which share suite 3's hash (SHA-256), so tree
 * hashes compare as well. Each proposal is decoded, re-encoded to the same bytes and applied.
 */
class TreeOperationsVectorsTest {

    @Test
    void applyingTheProposalGivesTreeAfterAndItsHash() {
        List<JsonObject> entries = MlsTestVectors.load("tree-operations.json");
        assertThat(entries).hasSize(5);
        Set<Integer> types = new TreeSet<>();
        for (JsonObject entry : entries) {
            SuiteHash hash = SuiteHash.forSuite(entry.get("cipher_suite").getAsInt());
            byte[] beforeBytes = MlsTestVectors.hex(entry, "tree_before");
            RatchetTree before = RatchetTree.decode(beforeBytes);
            assertThat(before.toBytes()).isEqualTo(beforeBytes);
            assertThat(before.treeHash(hash)).isEqualTo(Bytes.copyOf(MlsTestVectors.hex(entry, "tree_hash_before")));

            byte[] proposalBytes = MlsTestVectors.hex(entry, "proposal");
            Proposal proposal = Proposal.decode(proposalBytes);
            assertThat(proposal.toBytes()).isEqualTo(proposalBytes);
            types.add(proposal.type());

            RatchetTree after = TreeEvolution.apply(before, proposal, entry.get("proposal_sender").getAsInt());
            assertThat(after.toBytes()).as("tree after %s", proposal.getClass().getSimpleName())
                    .isEqualTo(MlsTestVectors.hex(entry, "tree_after"));
            assertThat(after.treeHash(hash)).isEqualTo(Bytes.copyOf(MlsTestVectors.hex(entry, "tree_hash_after")));
            // the tree before is untouched
            assertThat(before.toBytes()).isEqualTo(beforeBytes);
        }
        assertThat(types).containsExactly(1, 2, 3);
    }
}
