package io.socon.messaging.impl.client.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our content bytes against XMTP's own JavaScript content-type codecs (xmtp-js {@code @xmtp/content-type-*}, run in
 * Node.js by {@link XmtpContentJs}): for each type, their encoder's bytes must equal ours, their decoder must
 * read our bytes, and ours must read theirs. Remote attachments are encrypted on one side and decrypted on the
 * other, both ways.
 *
 * <p>The JavaScript encoders do not set {@code fallback} (their SDK adds it); the cases pass our fallback text in,
 * and {@link ContentCodecsTest} checks those texts against libxmtp's. XMTP has no JavaScript codec for
 * {@code reaction:2.0}; its cases use {@code ReactionV2} from {@code @xmtp/proto} wrapped the way libxmtp does.
 * The group-updated package is built on an older {@code GroupUpdated} schema without {@code left_inboxes} and the
 * admin fields (5 to 9), so its case sets only fields 1 to 4; {@link ContentCodecsTest} round-trips the rest.
 */
class ContentCompatibilityTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ContentCodecs CODECS = ContentCodecs.standard();
    private static final MessageId MSG = MessageId.of("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    private static final InboxId INBOX = InboxId.of("28a1d1e3c1b4f2d6a7c8e9f00112233445566778899aabbccddeeff001122334");

    private static final Text TEXT = new Text("Hello, world! 👋 ünïcödé\nsecond line");
    private static final Reaction REACTION_ADD = new Reaction(MSG, Optional.of(INBOX), Reaction.Action.ADDED,
            Reaction.Schema.UNICODE, "👍");
    private static final Reaction REACTION_REMOVE = new Reaction(MSG, Optional.empty(), Reaction.Action.REMOVED,
            Reaction.Schema.SHORTCODE, ":thumbsup:");
    private static final Reaction REACTION_ESCAPES = new Reaction(MSG, Optional.empty(), Reaction.Action.ADDED,
            Reaction.Schema.CUSTOM, "say \"hi\"\\\n\t\u0001é");
    private static final Reply REPLY = new Reply(MSG, Optional.of(INBOX), new Text("a reply"));
    private static final Reply REPLY_NO_SENDER = new Reply(MSG, Optional.empty(), new Text("short"));
    private static final Attachment ATTACHMENT = new Attachment("photo.png", "image/png",
            new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
    private static final Reply REPLY_ATTACHMENT = new Reply(MSG, Optional.empty(), ATTACHMENT);
    private static final RemoteAttachment REMOTE = new RemoteAttachment(URI.create("https://files.example/abc.bin"),
            "3f2a0b8c9d1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c", bytes(32, 1), bytes(32, 2),
            bytes(12, 3), OptionalLong.of(4242), Optional.of("report.pdf"));
    private static final GroupUpdate GROUP_UPDATE = new GroupUpdate(Optional.of(INBOX),
            List.of(InboxId.of("aa".repeat(32)), InboxId.of("bb".repeat(32))), List.of(InboxId.of("cc".repeat(32))),
            List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(new GroupUpdate.FieldChange("group_name", Optional.of("old"), Optional.of("new")),
                    new GroupUpdate.FieldChange("description", Optional.empty(), Optional.of("hello"))));

    private static Map<String, JsonObject> js;
    private static RemoteAttachmentCrypto.EncryptedAttachment javaSealed;

    @BeforeAll
    static void runXmtpCodecs() throws Exception {
        XmtpContentJs judge = XmtpContentJs.fromBuild();
        judge.add("text", "encode", encode("text", new com.google.gson.JsonPrimitive(TEXT.text()), null));
        for (var e : Map.of("reaction2-add", REACTION_ADD, "reaction2-remove", REACTION_REMOVE,
                "reaction2-escapes", REACTION_ESCAPES).entrySet()) {
            judge.add(e.getKey(), "encode", encode("reactionV2", reactionV2Json(e.getValue()),
                    ReactionCodec.xmtpFallback(e.getValue())));
        }
        for (var e : Map.of("reaction1-add", REACTION_ADD, "reaction1-remove", REACTION_REMOVE,
                "reaction1-escapes", REACTION_ESCAPES).entrySet()) {
            judge.add(e.getKey(), "encode", encode("reaction", reactionV1Json(e.getValue()),
                    ReactionCodec.xmtpFallback(e.getValue())));
        }
        judge.add("reply", "encode", encode("reply", replyJson(REPLY), fallback(REPLY)));
        judge.add("reply-no-sender", "encode", encode("reply", replyJson(REPLY_NO_SENDER), fallback(REPLY_NO_SENDER)));
        judge.add("read-receipt", "encode", encode("readReceipt", new JsonObject(), null));
        judge.add("attachment", "encode", encode("attachment", attachmentJson(ATTACHMENT), fallback(ATTACHMENT)));
        judge.add("remote", "encode", encode("remoteAttachment", remoteJson(REMOTE), fallback(REMOTE)));
        judge.add("group-updated", "encode", encode("groupUpdated", groupUpdatedJson(GROUP_UPDATE), null));

        // their decoders on our bytes
        for (var e : Map.<String, Content>of("text", TEXT, "reply", REPLY, "reply-attachment", REPLY_ATTACHMENT,
                "attachment", ATTACHMENT, "remote", REMOTE, "read-receipt", ReadReceipt.INSTANCE).entrySet()) {
            judge.add("decode-" + e.getKey(), "decode", hexCase(CODECS.encode(e.getValue())));
        }
        judge.add("decode-reaction1", "decode",
                hexCase(new LegacyReactionCodec().encode(REACTION_ESCAPES)));
        judge.add("decode-reaction2", "decode", hexCase(CODECS.encode(REACTION_ADD)));
        judge.add("decode-group-updated", "decode", hexCase(new GroupUpdatedCodec().encode(GROUP_UPDATE)));

        // remote attachment encryption, both ways
        JsonObject enc = new JsonObject();
        enc.add("value", attachmentJson(ATTACHMENT));
        judge.add("js-encrypt", "encrypt", enc);
        javaSealed = new RemoteAttachmentCrypto(new SecureRandom()).encrypt(ATTACHMENT);
        JsonObject dec = new JsonObject();
        dec.add("remote", remoteJson(javaSealed.describe(URI.create("https://files.example/sealed"))));
        dec.addProperty("payload", HEX.formatHex(javaSealed.payload()));
        judge.add("js-decrypt", "decrypt", dec);
        js = judge.run();
    }

    // ---- our encoders produce XMTP's bytes

    @Test
    void textBytesEqualXmtps() {
        assertSameBytes("text", CODECS.encode(TEXT));
    }

    @Test
    void reactionV2BytesEqualXmtpsReactionV2Protobuf() {
        assertSameBytes("reaction2-add", CODECS.encode(REACTION_ADD));
        assertSameBytes("reaction2-remove", CODECS.encode(REACTION_REMOVE));
        assertSameBytes("reaction2-escapes", CODECS.encode(REACTION_ESCAPES));
    }

    @Test
    void legacyReactionJsonBytesEqualXmtpsReactionCodec() {
        LegacyReactionCodec legacy = new LegacyReactionCodec();
        assertSameBytes("reaction1-add", legacy.encode(REACTION_ADD));
        assertSameBytes("reaction1-remove", legacy.encode(REACTION_REMOVE));
        assertSameBytes("reaction1-escapes", legacy.encode(REACTION_ESCAPES));
    }

    @Test
    void replyBytesEqualXmtps() {
        assertSameBytes("reply", CODECS.encode(REPLY));
        assertSameBytes("reply-no-sender", CODECS.encode(REPLY_NO_SENDER));
    }

    @Test
    void readReceiptBytesEqualXmtps() {
        assertSameBytes("read-receipt", CODECS.encode(ReadReceipt.INSTANCE));
    }

    @Test
    void attachmentBytesEqualXmtps() {
        assertSameBytes("attachment", CODECS.encode(ATTACHMENT));
    }

    @Test
    void remoteAttachmentBytesEqualXmtps() {
        assertSameBytes("remote", CODECS.encode(REMOTE));
    }

    @Test
    void groupUpdatedBytesEqualXmtps() {
        assertSameBytes("group-updated", new GroupUpdatedCodec().encode(GROUP_UPDATE));
    }

    // ---- our decoders read XMTP's bytes

    @Test
    void ourDecodersReadXmtpsBytes() {
        assertThat(CODECS.decode(ours("text"))).isEqualTo(TEXT);
        assertThat(CODECS.decode(ours("reaction2-add"))).isEqualTo(REACTION_ADD);
        assertThat(CODECS.decode(ours("reaction1-add"))).isEqualTo(REACTION_ADD);
        assertThat(CODECS.decode(ours("reaction1-remove"))).isEqualTo(REACTION_REMOVE);
        assertThat(CODECS.decode(ours("reaction1-escapes"))).isEqualTo(REACTION_ESCAPES);
        assertThat(CODECS.decode(ours("reply"))).isEqualTo(REPLY);
        assertThat(CODECS.decode(ours("read-receipt"))).isEqualTo(ReadReceipt.INSTANCE);
        assertThat(CODECS.decode(ours("attachment"))).isEqualTo(ATTACHMENT);
        assertThat(CODECS.decode(ours("remote"))).isEqualTo(REMOTE);
        assertThat(CODECS.decodeValue(ContentCodecs.parse(ours("group-updated")))).isEqualTo(GROUP_UPDATE);
    }

    private static byte[] ours(String id) {
        return HEX.parseHex(js.get(id).get("hex").getAsString());
    }

    // ---- XMTP's decoders read our bytes

    @Test
    void xmtpDecodersReadOurBytes() {
        assertThat(decoded("decode-text").getAsString()).isEqualTo(TEXT.text());
        JsonObject reply = decoded("decode-reply").getAsJsonObject();
        assertThat(reply.get("reference").getAsString()).isEqualTo(MSG.value());
        assertThat(reply.get("referenceInboxId").getAsString()).isEqualTo(INBOX.value());
        assertThat(reply.get("contentType").getAsString()).isEqualTo("xmtp.org/text:1.0");
        assertThat(reply.get("content").getAsString()).isEqualTo("a reply");
        JsonObject replyAttachment = decoded("decode-reply-attachment").getAsJsonObject();
        assertThat(replyAttachment.get("contentType").getAsString()).isEqualTo("xmtp.org/attachment:1.0");
        assertThat(replyAttachment.getAsJsonObject("content").get("data").getAsString())
                .isEqualTo(HEX.formatHex(ATTACHMENT.data()));
        JsonObject attachment = decoded("decode-attachment").getAsJsonObject();
        assertThat(attachment.get("filename").getAsString()).isEqualTo("photo.png");
        assertThat(attachment.get("mimeType").getAsString()).isEqualTo("image/png");
        JsonObject remote = decoded("decode-remote").getAsJsonObject();
        assertThat(remote.get("url").getAsString()).isEqualTo(REMOTE.url().toString());
        assertThat(remote.get("salt").getAsString()).isEqualTo(HEX.formatHex(REMOTE.salt()));
        assertThat(remote.get("nonce").getAsString()).isEqualTo(HEX.formatHex(REMOTE.nonce()));
        assertThat(remote.get("secret").getAsString()).isEqualTo(HEX.formatHex(REMOTE.secret()));
        assertThat(remote.get("contentLength").getAsLong()).isEqualTo(4242);
        assertThat(remote.get("filename").getAsString()).isEqualTo("report.pdf");
        assertThat(decoded("decode-read-receipt").getAsJsonObject().size()).isZero();
        JsonObject legacy = decoded("decode-reaction1").getAsJsonObject();
        assertThat(legacy.get("content").getAsString()).isEqualTo(REACTION_ESCAPES.emoji());
        assertThat(legacy.get("action").getAsString()).isEqualTo("added");
        assertThat(legacy.get("schema").getAsString()).isEqualTo("custom");
        assertThat(legacy.has("referenceInboxId")).isFalse();
        JsonObject v2 = decoded("decode-reaction2").getAsJsonObject();
        assertThat(v2.get("action").getAsString()).isEqualTo("REACTION_ACTION_ADDED");
        assertThat(v2.get("schema").getAsString()).isEqualTo("REACTION_SCHEMA_UNICODE");
        assertThat(v2.get("referenceInboxId").getAsString()).isEqualTo(INBOX.value());
        assertThat(js.get("decode-reaction2").get("fallback").getAsString())
                .isEqualTo("Reacted with \"👍\" to an earlier message");
        JsonObject group = decoded("decode-group-updated").getAsJsonObject();
        assertThat(group.get("initiatedByInboxId").getAsString()).isEqualTo(INBOX.value());
        assertThat(group.getAsJsonArray("addedInboxes")).hasSize(2);
        assertThat(group.getAsJsonArray("metadataFieldChanges").get(1).getAsJsonObject().has("oldValue")).isFalse();
    }

    private static com.google.gson.JsonElement decoded(String id) {
        return js.get(id).get("value");
    }

    // ---- remote attachment encryption

    @Test
    void weDecryptWhatXmtpEncrypted() {
        JsonObject r = js.get("js-encrypt");
        byte[] payload = HEX.parseHex(r.get("payload").getAsString());
        RemoteAttachment remote = new RemoteAttachment(URI.create("https://files.example/x"),
                r.get("digest").getAsString(), HEX.parseHex(r.get("secret").getAsString()),
                HEX.parseHex(r.get("salt").getAsString()), HEX.parseHex(r.get("nonce").getAsString()),
                OptionalLong.of(payload.length), Optional.of(ATTACHMENT.filename()));
        assertThat(new RemoteAttachmentCrypto().decrypt(payload, remote)).isEqualTo(ATTACHMENT);
    }

    @Test
    void xmtpDecryptsWhatWeEncrypted() {
        JsonObject value = decoded("js-decrypt").getAsJsonObject();
        assertThat(value.get("filename").getAsString()).isEqualTo(ATTACHMENT.filename());
        assertThat(value.get("mimeType").getAsString()).isEqualTo(ATTACHMENT.mimeType());
        assertThat(value.get("data").getAsString()).isEqualTo(HEX.formatHex(ATTACHMENT.data()));
    }

    // ---- helpers

    private static void assertSameBytes(String id, EncodedContent ours) {
        assertThat(HEX.formatHex(ours.toByteArray())).as(id).isEqualTo(js.get(id).get("hex").getAsString());
    }

    private static String fallback(Content c) {
        return CODECS.encode(c).getFallback();
    }

    private static JsonObject encode(String codec, com.google.gson.JsonElement value, String fallback) {
        JsonObject c = new JsonObject();
        c.addProperty("codec", codec);
        c.add("value", value);
        if (fallback != null) {
            c.addProperty("fallback", fallback);
        }
        return c;
    }

    private static JsonObject hexCase(EncodedContent encoded) {
        JsonObject c = new JsonObject();
        c.addProperty("hex", HEX.formatHex(encoded.toByteArray()));
        return c;
    }

    private static JsonObject reactionV2Json(Reaction r) {
        JsonObject o = new JsonObject();
        o.addProperty("reference", r.reference().value());
        o.addProperty("referenceInboxId", r.referenceSender().map(InboxId::value).orElse(""));
        o.addProperty("action", "REACTION_ACTION_" + r.action().name());
        o.addProperty("content", r.emoji());
        o.addProperty("schema", "REACTION_SCHEMA_" + r.schema().name());
        return o;
    }

    private static JsonObject reactionV1Json(Reaction r) {
        JsonObject o = new JsonObject();
        o.addProperty("action", r.action().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("reference", r.reference().value());
        r.referenceSender().ifPresent(s -> o.addProperty("referenceInboxId", s.value()));
        o.addProperty("schema", r.schema().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("content", r.emoji());
        return o;
    }

    private static JsonObject replyJson(Reply r) {
        JsonObject o = new JsonObject();
        o.addProperty("reference", r.reference().value());
        r.referenceSender().ifPresent(s -> o.addProperty("referenceInboxId", s.value()));
        JsonObject type = new JsonObject();
        type.addProperty("authorityId", "xmtp.org");
        type.addProperty("typeId", "text");
        type.addProperty("versionMajor", 1);
        type.addProperty("versionMinor", 0);
        o.add("contentType", type);
        o.addProperty("innerCodec", "text");
        o.addProperty("content", ((Text) r.content()).text());
        return o;
    }

    private static JsonObject attachmentJson(Attachment a) {
        JsonObject o = new JsonObject();
        o.addProperty("filename", a.filename());
        o.addProperty("mimeType", a.mimeType());
        o.addProperty("data", HEX.formatHex(a.data()));
        return o;
    }

    private static JsonObject remoteJson(RemoteAttachment r) {
        JsonObject o = new JsonObject();
        o.addProperty("url", r.url().toString());
        o.addProperty("contentDigest", r.contentDigest());
        o.addProperty("salt", HEX.formatHex(r.salt()));
        o.addProperty("nonce", HEX.formatHex(r.nonce()));
        o.addProperty("secret", HEX.formatHex(r.secret()));
        o.addProperty("scheme", RemoteAttachmentCodec.SCHEME);
        o.addProperty("contentLength", r.contentLength().orElseThrow());
        o.addProperty("filename", r.filename().orElseThrow());
        return o;
    }

    private static JsonObject groupUpdatedJson(GroupUpdate g) {
        JsonObject o = new JsonObject();
        o.addProperty("initiatedByInboxId", g.initiatedBy().map(InboxId::value).orElse(""));
        o.add("addedInboxes", inboxes(g.added()));
        o.add("removedInboxes", inboxes(g.removed()));
        JsonArray changes = new JsonArray();
        for (GroupUpdate.FieldChange c : g.metadataChanges()) {
            JsonObject fc = new JsonObject();
            fc.addProperty("fieldName", c.field());
            c.oldValue().ifPresent(v -> fc.addProperty("oldValue", v));
            c.newValue().ifPresent(v -> fc.addProperty("newValue", v));
            changes.add(fc);
        }
        o.add("metadataFieldChanges", changes);
        o.add("leftInboxes", inboxes(g.left()));
        o.add("addedAdminInboxes", inboxes(g.addedAdmins()));
        o.add("removedAdminInboxes", inboxes(g.removedAdmins()));
        o.add("addedSuperAdminInboxes", inboxes(g.addedSuperAdmins()));
        o.add("removedSuperAdminInboxes", inboxes(g.removedSuperAdmins()));
        return o;
    }

    private static JsonArray inboxes(List<InboxId> ids) {
        JsonArray a = new JsonArray();
        ids.forEach(i -> {
            JsonObject o = new JsonObject();
            o.addProperty("inboxId", i.value());
            a.add(o);
        });
        return a;
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }
}
