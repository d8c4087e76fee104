package io.socon.messaging.impl.client;

import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.codec.TlsReader;
import io.socon.messaging.impl.mls.codec.TlsWriter;
import io.socon.messaging.impl.mls.struct.KeyPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Welcome a commit of ours produced and the key packages of the installations it adds: what the engine sends
 * once the node has confirmed the commit (the welcomes carry the commit's node id as their cursor). Stored with
 * the pending commit, so that welcomes go out even if the client was killed between the two steps.
 *
 * @param welcome    the TLS-encoded MLSMessage(Welcome)
 * @param recipients the key packages the Welcome was made for
 */
record WelcomePlan(Bytes welcome, List<KeyPackage> recipients) {

    private static final int VERSION = 1;

    WelcomePlan {
        Objects.requireNonNull(welcome, "welcome");
        recipients = List.copyOf(recipients);
    }

    byte[] toBytes() {
        TlsWriter out = new TlsWriter().writeUint8(VERSION).writeOpaque(welcome);
        out.writeUint32(recipients.size());
        recipients.forEach(kp -> out.writeOpaque(Bytes.copyOf(kp.toBytes())));
        return out.toByteArray();
    }

    static WelcomePlan fromBytes(byte[] bytes) {
        return TlsReader.decodeExactly(bytes, "WelcomePlan", in -> {
            int version = in.readUint8("WelcomePlan.version");
            if (version != VERSION) {
                throw new IllegalStateException("unknown welcome plan version " + version);
            }
            Bytes welcome = in.readOpaque("WelcomePlan.welcome");
            long count = in.readUint32("WelcomePlan.count");
            List<KeyPackage> recipients = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                recipients.add(KeyPackage.decode(in.readOpaque("WelcomePlan.recipient").toByteArray()));
            }
            return new WelcomePlan(welcome, recipients);
        });
    }
}
