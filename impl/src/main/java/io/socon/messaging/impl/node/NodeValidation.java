package io.socon.messaging.impl.node;

import io.socon.messaging.impl.store.IdentityUpdateDecision;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.List;

/**
 * What the node checks before it stores anything, so that nothing forged or malformed is kept. Every
 * method throws {@link InvalidRequestException} with a message naming what was wrong.
 */
public interface NodeValidation {

    /** What the node needs from an MLS message: its group and whether it changes the group. */
    record GroupMessageHeader(byte[] groupId, boolean isCommit) {
    }

    /** What the node keeps from an uploaded key package. */
    record UploadedKeyPackage(byte[] installationKey, String inboxId) {
    }

    /** Parses an {@code MLSMessage} (PublicMessage or PrivateMessage) far enough to take its header. */
    GroupMessageHeader groupMessage(byte[] mlsMessage);

    /** Validates a TLS-serialized KeyPackage: signatures, lifetime, keys, capabilities, credential. */
    UploadedKeyPackage keyPackage(byte[] tlsKeyPackage);

    /**
     * Verifies {@code update} against the inbox's accepted log (every signature and association rule).
     *
     * @return what to append, with the Ethereum identifiers it associates or removes
     */
    IdentityUpdateDecision.Append identityUpdate(List<IdentityUpdateRecord> acceptedLog, IdentityUpdate update);
}
