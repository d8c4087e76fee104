package io.socon.messaging.impl.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Credential;
import io.socon.messaging.impl.mls.struct.LeafNode;
import io.socon.messaging.impl.wire.identity.MlsCredential;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads XMTP's identity out of MLS leaves: the inbox named by the credential, the installation key. */
final class Leaves {

    private Leaves() {
    }

    /** The inbox id the leaf's basic credential names, if it is an XMTP credential. */
    static Optional<String> inboxOf(LeafNode leaf) {
        if (!(leaf.credential() instanceof Credential.Basic basic)) {
            return Optional.empty();
        }
        try {
            String inbox = MlsCredential.parseFrom(basic.identity().toByteArray()).getInboxId();
            return inbox.isEmpty() ? Optional.empty() : Optional.of(inbox);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    /** Installation key to inbox id of every member leaf whose credential is readable. */
    static Map<Bytes, String> installations(Map<Integer, LeafNode> members) {
        Map<Bytes, String> result = new LinkedHashMap<>();
        members.values().forEach(leaf -> inboxOf(leaf).ifPresent(inbox -> result.put(leaf.signatureKey(), inbox)));
        return result;
    }
}
