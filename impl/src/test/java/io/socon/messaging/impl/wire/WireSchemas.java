package io.socon.messaging.impl.wire;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.socon.messaging.impl.wire.identity.CredentialProto;
import io.socon.messaging.impl.wire.identity.api.v1.IdentityProto;
import io.socon.messaging.impl.wire.mls.api.v1.MlsProto;
import io.socon.messaging.impl.wire.mls.messagecontents.ContentProto;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMembershipProto;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMetadataProto;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupMutableMetadataProto;
import io.socon.messaging.impl.wire.mls.messagecontents.GroupPermissionsProto;
import io.socon.messaging.impl.wire.mls.messagecontents.ProposalSupportProto;
import io.socon.messaging.impl.wire.mls.messagecontents.TranscriptMessagesProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.DeleteMessageProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.EditMessageProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.LeaveRequestProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.MultiRemoteAttachmentProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.ReactionProto;
import io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.WalletSendCallsProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every schema file of ours, reached from the generated classes, and every message type in them. */
final class WireSchemas {

    private static final List<FileDescriptor> ROOTS = List.of(
            MlsProto.getDescriptor(),
            IdentityProto.getDescriptor(),
            CredentialProto.getDescriptor(),
            ContentProto.getDescriptor(),
            GroupMetadataProto.getDescriptor(),
            GroupMutableMetadataProto.getDescriptor(),
            GroupMembershipProto.getDescriptor(),
            GroupPermissionsProto.getDescriptor(),
            ProposalSupportProto.getDescriptor(),
            TranscriptMessagesProto.getDescriptor(),
            DeleteMessageProto.getDescriptor(),
            EditMessageProto.getDescriptor(),
            LeaveRequestProto.getDescriptor(),
            MultiRemoteAttachmentProto.getDescriptor(),
            ReactionProto.getDescriptor(),
            WalletSendCallsProto.getDescriptor());

    private WireSchemas() {
    }

    /** Our schema files by their path under src/main/proto (protobuf's own well-known types left out). */
    static Map<String, FileDescriptor> files() {
        Map<String, FileDescriptor> files = new LinkedHashMap<>();
        Deque<FileDescriptor> pending = new ArrayDeque<>(ROOTS);
        while (!pending.isEmpty()) {
            FileDescriptor file = pending.pop();
            if (file.getName().startsWith("google/protobuf/") || files.putIfAbsent(file.getName(), file) != null) {
                continue;
            }
            pending.addAll(file.getDependencies());
        }
        return files;
    }

    /** Every message type of a file, nested ones included, map entries left out. */
    static List<Descriptor> messageTypes(FileDescriptor file) {
        List<Descriptor> types = new ArrayList<>();
        Deque<Descriptor> pending = new ArrayDeque<>(file.getMessageTypes());
        while (!pending.isEmpty()) {
            Descriptor type = pending.pop();
            if (type.getOptions().getMapEntry()) {
                continue;
            }
            types.add(type);
            pending.addAll(type.getNestedTypes());
        }
        return types;
    }
}
