package io.socon.messaging.it.xmtp;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/** Reads the peer's JSON into the records. Big numbers arrive as decimal strings. */
final class PeerJson {

    private PeerJson() {
    }

    static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    static long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n) {
            return n.longValueExact();
        }
        if (v instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        throw new IllegalArgumentException("no number '" + key + "' in " + o);
    }

    static List<String> strings(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonArray a)) {
            return List.of();
        }
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static List<JsonObject> objects(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonArray a)) {
            return List.of();
        }
        return a.getValuesAs(JsonObject.class);
    }

    private static Optional<JsonObject> object(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonObject object ? Optional.of(object) : Optional.empty();
    }

    static PeerIdentity identity(JsonObject o) {
        return new PeerIdentity(string(o, "address"), string(o, "walletKey"), string(o, "inboxId"),
                string(o, "installationId"), string(o, "libxmtpVersion"));
    }

    static PeerConversation conversation(JsonObject o) {
        List<PeerMember> members = objects(o, "members").stream().map(PeerJson::member).toList();
        return new PeerConversation(string(o, "id"), string(o, "type"), string(o, "name"),
                string(o, "description"), string(o, "peerInboxId"), number(o, "createdAtNs"),
                o.getBoolean("active", true), o.getBoolean("pendingRemoval", false), members);
    }

    static PeerMember member(JsonObject m) {
        return new PeerMember(string(m, "inboxId"), strings(m, "installationIds"), string(m, "permissionLevel"),
                strings(m, "addresses"));
    }

    static Optional<PeerReaction> reaction(JsonObject message) {
        return object(message, "reaction").map(r -> new PeerReaction(string(r, "reference"),
                string(r, "referenceInboxId"), string(r, "action"), string(r, "content"), string(r, "schema")));
    }

    static Optional<PeerReply> reply(JsonObject message) {
        return object(message, "reply").map(r -> new PeerReply(string(r, "reference"), string(r, "contentType"),
                string(r, "text"), r.getOrDefault("content", JsonValue.NULL),
                object(r, "inReplyTo").map(PeerJson::message)));
    }

    static PeerMessage message(JsonObject o) {
        return new PeerMessage(string(o, "id"), string(o, "conversationId"), string(o, "senderInboxId"),
                string(o, "contentType"), string(o, "text"), string(o, "kind"), string(o, "deliveryStatus"),
                number(o, "sentAtNs"), o);
    }

    static PeerVersions versions(JsonObject o) {
        return new PeerVersions(string(o, "nodeSdk"), string(o, "nodeBindings"), string(o, "viem"),
                string(o, "node"), string(o, "glibc"), string(o, "libxmtpVersion"), strings(o, "nativeLibraries"));
    }

    static InboxState inboxState(JsonObject o) {
        return new InboxState(string(o, "inboxId"), string(o, "recoveryAddress"), strings(o, "addresses"),
                strings(o, "installationIds"));
    }
}
