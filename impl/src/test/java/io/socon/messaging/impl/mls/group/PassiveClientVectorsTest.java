package io.socon.messaging.impl.mls.group;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The passive-client vectors of mlswg/mls-implementations for cipher suite 3: a client joins from the Welcome,
 * processes every epoch's proposals and commit and must reach each epoch authenticator. Every entry must pass
 * except those listed in {@link #KNOWN_GAPS} (by file and index, with the reason); a listed entry that starts
 * passing fails the test too, so the list stays accurate.
 */
class PassiveClientVectorsTest {

    /** Entries we cannot handle yet: "file#index" (index among the file's suite 3 entries) to reason. */
    static final Map<String, String> KNOWN_GAPS = new LinkedHashMap<>(); // none at present

    @Test
    void passiveClientWelcome() {
        runFile("passive-client-welcome.json");
    }

    @Test
    void passiveClientHandlingCommit() {
        runFile("passive-client-handling-commit.json");
    }

    /**
     * The random file of the pinned vector set holds one entry, of cipher suite 1 (AES-128-GCM), which this
     * implementation does not support; with no suite 3 entry the test is reported as aborted, not passed.
     */
    @Test
    void passiveClientRandom() {
        Assumptions.assumeFalse(MlsTestVectors.loadSuite3("passive-client-random.json").isEmpty(),
                "passive-client-random.json has no cipher suite 3 entry (only suite 1)");
        runFile("passive-client-random.json");
    }

    private static void runFile(String file) {
        List<JsonObject> entries = MlsTestVectors.loadSuite3(file);
        List<String> unexpected = new ArrayList<>();
        int passed = 0;
        int gaps = 0;
        for (int i = 0; i < entries.size(); i++) {
            String name = file + "#" + i;
            String failure = null;
            try {
                PassiveClientVectorProbe.run(entries.get(i));
            } catch (RuntimeException | AssertionError e) {
                failure = e.toString();
            }
            boolean gap = KNOWN_GAPS.containsKey(name);
            if (failure == null) {
                passed++;
                if (gap) {
                    unexpected.add(name + " passes but is listed as a known gap");
                }
            } else if (gap) {
                gaps++;
                System.out.println("known gap " + name + " (" + KNOWN_GAPS.get(name) + "): " + failure);
            } else {
                unexpected.add(name + ": " + failure);
            }
        }
        System.out.println(file + ": " + passed + " of " + entries.size() + " suite 3 entries pass, " + gaps
                + " known gaps");
        assertThat(unexpected).isEmpty();
    }
}
