package io.socon.messaging.impl.mls.group;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.crypto.X25519KeyPair;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.tree.RatchetTree;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/** Runs one passive-client vector entry; shared by the vector tests. */
final class PassiveClientVectorProbe {

    private PassiveClientVectorProbe() {
    }

    /** Joins and follows every epoch; throws on the first mismatch or refusal. */
    static void run(JsonObject entry) {
        KeyPackage keyPackage = MlsMessage.decode(MlsTestVectors.hex(entry, "key_package")).keyPackage();
        KeyPackageBundle bundle = KeyPackageBundle.of(keyPackage,
                X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "init_priv")),
                X25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "encryption_priv")),
                Ed25519KeyPair.fromPrivateKey(MlsTestVectors.hex(entry, "signature_priv")));
        Map<Bytes, byte[]> external = new HashMap<>();
        for (JsonElement psk : entry.getAsJsonArray("external_psks")) {
            JsonObject o = psk.getAsJsonObject();
            external.put(Bytes.copyOf(MlsTestVectors.hex(o, "psk_id")), MlsTestVectors.hex(o, "psk"));
        }
        Optional<RatchetTree> tree = entry.get("ratchet_tree").isJsonNull() ? Optional.empty()
                : Optional.of(RatchetTree.decode(MlsTestVectors.hex(entry, "ratchet_tree")));
        Group group = Group.join(GroupConfig.STANDARD, MlsMessage.decode(MlsTestVectors.hex(entry, "welcome"))
                .welcome(), bundle, tree, PskStore.of(external), new SecureRandom());
        check(group, MlsTestVectors.hex(entry, "initial_epoch_authenticator"), "after joining");
        int index = 0;
        for (JsonElement element : entry.getAsJsonArray("epochs")) {
            JsonObject epoch = element.getAsJsonObject();
            for (JsonElement proposal : epoch.getAsJsonArray("proposals")) {
                group = group.receive(MlsMessage.decode(HexFormat.of().parseHex(proposal.getAsString()))).group();
            }
            Received received = group.receive(MlsMessage.decode(MlsTestVectors.hex(epoch, "commit")));
            if (received.kind() != Received.Kind.COMMIT) {
                throw new AssertionError("epoch " + index + ": expected a commit, got " + received.kind());
            }
            group = received.group();
            check(group, MlsTestVectors.hex(epoch, "epoch_authenticator"), "after epoch " + index);
            index++;
        }
    }

    private static void check(Group group, byte[] expected, String when) {
        if (!group.epochAuthenticator().contentEquals(expected)) {
            throw new AssertionError("epoch authenticator differs " + when);
        }
    }
}
