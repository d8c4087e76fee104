package io.socon.messaging.impl.client.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Attachment;
import io.socon.messaging.api.content.Content;
import io.socon.messaging.api.content.ContentType;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.ReadReceipt;
import io.socon.messaging.api.content.RemoteAttachment;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.content.Unknown;
import io.socon.messaging.impl.wire.mls.messagecontents.Compression;
import io.socon.messaging.impl.wire.mls.messagecontents.EncodedContent;
import io.socon.messaging.impl.wire.mls.messagecontents.PlaintextEnvelope;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Known answers taken from libxmtp 1.10's sources ({@code crates/xmtp_content_types}: fallback texts, push flags,
 * parameter names) and hand-assembled protobuf bytes, plus round trips, unknown types, malformed content and the
 * decompression limit. Byte-for-byte comparison with XMTP's own codecs is in {@link ContentCompatibilityTest}.
 */
class ContentCodecsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ContentCodecs CODECS = ContentCodecs.standard();
    private static final MessageId MSG = MessageId.of("ab".repeat(32));
    private static final InboxId INBOX = InboxId.of("cd".repeat(32));

    // ---- known answers

    @Test
    void textIsTheHandAssembledEncodedContent() {
        String expected = ""
                + "0a12" // 1 type, 18 bytes
                + "0a08" + hex("xmtp.org") + "1204" + hex("text") + "1801" // authority, type, major 1 (minor 0 omitted)
                + "1211" // 2 parameters entry, 17 bytes
                + "0a08" + hex("encoding") + "1205" + hex("UTF-8")
                + "2202" + hex("hi"); // 4 content
        assertThat(HEX.formatHex(CODECS.encode(Text.of("hi")).toByteArray())).isEqualTo(expected);
    }

    @Test
    void fallbackTextsAreLibxmtps() {
        assertThat(CODECS.encode(Reaction.add(MSG, "👍")).getFallback())
                .isEqualTo("Reacted with \"👍\" to an earlier message");
        assertThat(CODECS.encode(Reaction.remove(MSG, "👍")).getFallback())
                .isEqualTo("Removed \"👍\" from an earlier message");
        assertThat(new LegacyReactionCodec().encode(Reaction.remove(MSG, "x")).getFallback())
                .isEqualTo("Removed \"x\" from an earlier message");
        assertThat(CODECS.encode(Reply.text(MSG, "yes")).getFallback())
                .isEqualTo("Replied with \"yes\" to an earlier message");
        assertThat(CODECS.encode(new Reply(MSG, Optional.empty(), Reaction.add(MSG, "x"))).getFallback())
                .isEqualTo("Replied to an earlier message");
        assertThat(CODECS.encode(attachment()).getFallback())
                .isEqualTo("Can't display a.txt. This app doesn't support attachments.");
        assertThat(CODECS.encode(remote(Optional.of("f.pdf"))).getFallback())
                .isEqualTo("Can't display f.pdf. This app doesn't support remote attachments.");
        assertThat(CODECS.encode(remote(Optional.empty())).getFallback())
                .isEqualTo("Can't display this content. This app doesn't support remote attachments.");
        assertThat(CODECS.encode(Text.of("x")).hasFallback()).isFalse();
        assertThat(CODECS.encode(ReadReceipt.INSTANCE).hasFallback()).isFalse();
    }

    @Test
    void typeIdsAndPushFlagsAreLibxmtps() {
        assertThat(CODECS.encode(Reaction.add(MSG, "x")).getType().getVersionMajor()).isEqualTo(2);
        assertThat(Encoded.typeOf(CODECS.encode(Reaction.add(MSG, "x")))).isEqualTo(XmtpContentTypes.REACTION_V2);
        assertThat(CODECS.shouldPush(Text.of("x"))).isTrue();
        assertThat(CODECS.shouldPush(Reaction.add(MSG, "x"))).isFalse();
        assertThat(CODECS.shouldPush(Reply.text(MSG, "x"))).isTrue();
        assertThat(CODECS.shouldPush(ReadReceipt.INSTANCE)).isFalse();
        assertThat(CODECS.shouldPush(attachment())).isTrue();
        assertThat(CODECS.shouldPush(remote(Optional.empty()))).isTrue();
        assertThat(CODECS.codecFor(XmtpContentTypes.GROUP_UPDATED).orElseThrow().shouldPush()).isFalse();
        assertThat(CODECS.shouldPush(new Unknown(ContentType.parse("example.com/poll:1.0"), Optional.empty(),
                new byte[0]))).isTrue();
    }

    @Test
    void remoteAttachmentKeyIsHkdfSha256WithEmptyInfo() {
        // RFC 5869 test case 3 (SHA-256, no salt, no info): the first 32 bytes of its OKM
        byte[] ikm = HEX.parseHex("0b".repeat(22));
        assertThat(HEX.formatHex(RemoteAttachmentCrypto.deriveKey(ikm, new byte[0])))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d");
    }

    // ---- round trips

    @Test
    void everyStandardTypeRoundTrips() {
        List<Content> values = List.of(Text.of("héllo 👋"), Reaction.add(MSG, "👍"),
                new Reaction(MSG, Optional.of(INBOX), Reaction.Action.REMOVED, Reaction.Schema.SHORTCODE, ":+1:"),
                Reply.text(MSG, "sure"), new Reply(MSG, Optional.of(INBOX), attachment()),
                new Reply(MSG, Optional.empty(), new Unknown(ContentType.parse("example.com/poll:1.2"),
                        Optional.of("a poll"), new byte[] {1, 2})),
                ReadReceipt.INSTANCE, attachment(), remote(Optional.of("f.pdf")), remote(Optional.empty()));
        for (Content value : values) {
            byte[] bytes = CODECS.encode(value).toByteArray();
            assertThat(CODECS.decode(bytes)).as(value.toString()).isEqualTo(value);
        }
    }

    @Test
    void legacyJsonReactionsAreRead() {
        Reaction r = new Reaction(MSG, Optional.of(INBOX), Reaction.Action.ADDED, Reaction.Schema.CUSTOM, "x\"y");
        assertThat(CODECS.decode(new LegacyReactionCodec().encode(r))).isEqualTo(r);
        String json = "{ \"content\": \"🎉\", \"extra\": [1, {\"a\": null}], \"schema\": \"unicode\","
                + " \"reference\": \"" + MSG.value() + "\", \"action\": \"removed\" }";
        assertThat(CODECS.decode(reaction1(json))).isEqualTo(
                new Reaction(MSG, Optional.empty(), Reaction.Action.REMOVED, Reaction.Schema.UNICODE, "🎉"));
        // the oldest form: bare emoji as content, the rest as parameters
        EncodedContent oldest = reaction1("🎉").toBuilder().putParameters("action", "added")
                .putParameters("reference", MSG.value()).putParameters("schema", "unicode").build();
        assertThat(CODECS.decode(oldest)).isEqualTo(Reaction.add(MSG, "🎉"));
    }

    @Test
    void groupUpdatesDecodeWithTheirCodecAndShowAsUnknown() {
        GroupUpdate update = new GroupUpdate(Optional.empty(), List.of(INBOX), List.of(), List.of(MSGINBOX),
                List.of(INBOX), List.of(MSGINBOX), List.of(INBOX), List.of(MSGINBOX),
                List.of(new GroupUpdate.FieldChange("group_name", Optional.empty(), Optional.of("n"))));
        EncodedContent encoded = new GroupUpdatedCodec().encode(update);
        assertThat(CODECS.decodeValue(encoded)).isEqualTo(update);
        Content shown = CODECS.decode(encoded);
        assertThat(shown).isInstanceOf(Unknown.class);
        assertThat(shown.type()).isEqualTo(XmtpContentTypes.GROUP_UPDATED);
        assertThat(((Unknown) shown).encoded()).isEqualTo(encoded.getContent().toByteArray());
    }

    private static final InboxId MSGINBOX = InboxId.of("ef".repeat(32));

    // ---- unknown types

    @Test
    void unknownTypesKeepTypeFallbackAndBytes() {
        EncodedContent custom = EncodedContent.newBuilder()
                .setType(Encoded.wireType(ContentType.parse("coinbase.com/actions:1.3")))
                .setFallback("Pick an action")
                .setContent(ByteString.copyFrom(new byte[] {9, 8, 7}))
                .build();
        Content c = CODECS.decode(custom.toByteArray());
        assertThat(c).isEqualTo(new Unknown(ContentType.parse("coinbase.com/actions:1.3"),
                Optional.of("Pick an action"), new byte[] {9, 8, 7}));
        assertThat(CODECS.encode(c)).isEqualTo(custom);
    }

    @Test
    void aNewerMinorVersionIsReadByTheSameCodec() {
        EncodedContent text = CODECS.encode(Text.of("x")).toBuilder()
                .setType(Encoded.wireType(new ContentType("xmtp.org", "text", 1, 7))).build();
        assertThat(CODECS.decode(text)).isEqualTo(Text.of("x"));
        EncodedContent major2 = text.toBuilder().setType(Encoded.wireType(new ContentType("xmtp.org", "text", 2, 0)))
                .build();
        assertThat(CODECS.decode(major2)).isInstanceOf(Unknown.class);
    }

    // ---- malformed content

    @Test
    void malformedContentErrorsNameWhatIsWrong() {
        assertMalformed(CODECS.encode(Text.of("x")).toBuilder().putParameters("encoding", "UTF-16").build(),
                "text encoding 'UTF-16'");
        assertMalformed(CODECS.encode(Text.of("x")).toBuilder()
                .setContent(ByteString.copyFrom(new byte[] {(byte) 0xc3, 0x28})).build(), "not valid UTF-8");
        assertMalformed(CODECS.encode(Reaction.add(MSG, "x")).toBuilder()
                .setContent(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})).build(), "not a ReactionV2");
        assertMalformed(reaction2(1, 0), "reaction schema is 0");
        assertMalformed(reaction2(0, 1), "reaction action is 0");
        assertMalformed(reaction1("{\"action\":\"added\",\"schema\":\"unicode\",\"content\":\"x\"}"),
                "no string member 'reference'");
        assertMalformed(reaction1("{\"action\":\"liked\",\"schema\":\"unicode\",\"content\":\"x\",\"reference\":\""
                + MSG.value() + "\"}"), "action 'liked'");
        assertMalformed(reaction1("{\"action\":\"added\",\"schema\":\"unicode\",\"content\":\"x\",\"reference\":\"12\"}"), "a message id");
        assertMalformed(reaction1("[1,2]"), "not a JSON object");
        assertMalformed(CODECS.encode(Reply.text(MSG, "x")).toBuilder().removeParameters("reference").build(),
                "'reference' is missing");
        assertMalformed(CODECS.encode(Reply.text(MSG, "x")).toBuilder()
                .setContent(ByteString.copyFrom(new byte[] {(byte) 0xff})).build(), "not an EncodedContent");
        assertMalformed(CODECS.encode(attachment()).toBuilder().removeParameters("filename").build(),
                "'filename' is missing");
        assertMalformed(CODECS.encode(remote(Optional.empty())).toBuilder().putParameters("salt", "zz").build(),
                "'salt' is not hex");
        assertMalformed(CODECS.encode(remote(Optional.empty())).toBuilder().putParameters("nonce", "00").build(),
                "nonce must be 12 bytes");
        assertMalformed(CODECS.encode(remote(Optional.empty())).toBuilder().putParameters("contentLength", "ten")
                .build(), "'contentLength' is 'ten'");
        assertMalformed(CODECS.encode(remote(Optional.empty())).toBuilder()
                .setContent(ByteString.copyFromUtf8("http://plain.example/x")).build(), "absolute https URL");
        assertThatThrownBy(() -> CODECS.decode(new byte[] {(byte) 0xff}))
                .isInstanceOf(ContentCodecException.class).hasMessageContaining("not an EncodedContent");
        assertThatThrownBy(() -> CODECS.decode(EncodedContent.getDefaultInstance()))
                .isInstanceOf(ContentCodecException.class).hasMessageContaining("no content type id");
    }

    @Test
    void decodeOrUnknownKeepsMalformedContentWithItsFallback() {
        EncodedContent bad = CODECS.encode(attachment()).toBuilder().removeParameters("filename").build();
        Content c = CODECS.decodeOrUnknown(bad);
        assertThat(c).isInstanceOf(Unknown.class);
        assertThat(c.type()).isEqualTo(ContentType.ATTACHMENT_V1);
        assertThat(c.fallback()).contains("Can't display a.txt. This app doesn't support attachments.");
        // a reply whose inner content is malformed keeps the reply and makes the inner content Unknown
        EncodedContent innerBad = CODECS.encode(Text.of("x")).toBuilder().putParameters("encoding", "latin1").build();
        EncodedContent reply = CODECS.encode(Reply.text(MSG, "x")).toBuilder()
                .setContent(innerBad.toByteString()).build();
        assertThat(((Reply) CODECS.decode(reply)).content()).isInstanceOf(Unknown.class);
    }

    // ---- compression

    @Test
    void deflateAndGzipContentIsDecompressed() throws Exception {
        EncodedContent text = CODECS.encode(Text.of("compress me ".repeat(50)));
        byte[] plain = text.getContent().toByteArray();
        EncodedContent deflated = text.toBuilder().setCompression(Compression.COMPRESSION_DEFLATE)
                .setContent(ByteString.copyFrom(deflate(plain))).build();
        EncodedContent gzipped = text.toBuilder().setCompression(Compression.COMPRESSION_GZIP)
                .setContent(ByteString.copyFrom(gzip(plain))).build();
        assertThat(CODECS.decode(deflated)).isEqualTo(Text.of("compress me ".repeat(50)));
        assertThat(CODECS.decode(gzipped)).isEqualTo(Text.of("compress me ".repeat(50)));
    }

    @Test
    void decompressionStopsAtTheLimit() throws Exception {
        ContentCodecs small = ContentCodecs.builder().maxDecompressedBytes(64 * 1024).build();
        byte[] bomb = new byte[64 * 1024 + 1]; // zeros: compresses to a few hundred bytes
        for (Compression c : List.of(Compression.COMPRESSION_DEFLATE, Compression.COMPRESSION_GZIP)) {
            byte[] packed = c == Compression.COMPRESSION_DEFLATE ? deflate(bomb) : gzip(bomb);
            assertThat(packed.length).isLessThan(1024);
            EncodedContent encoded = EncodedContent.newBuilder()
                    .setType(Encoded.wireType(ContentType.parse("example.com/blob:1.0")))
                    .setCompression(c).setContent(ByteString.copyFrom(packed)).build();
            assertThatThrownBy(() -> small.decode(encoded))
                    .isInstanceOfSatisfying(ContentCodecException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTENT_TOO_LARGE))
                    .hasMessageContaining("more than 65536 bytes");
            byte[] fits = new byte[64 * 1024];
            EncodedContent ok = encoded.toBuilder().setContent(ByteString.copyFrom(
                    c == Compression.COMPRESSION_DEFLATE ? deflate(fits) : gzip(fits))).build();
            assertThat(((Unknown) small.decode(ok)).encoded()).hasSize(64 * 1024);
        }
        // the default limit also stops a bomb: 64 MiB of zeros in about 64 KiB
        byte[] big = deflate(new byte[64 * 1024 * 1024]);
        EncodedContent bombText = CODECS.encode(Text.of("x")).toBuilder()
                .setCompression(Compression.COMPRESSION_DEFLATE).setContent(ByteString.copyFrom(big)).build();
        assertThatThrownBy(() -> CODECS.decode(bombText)).hasMessageContaining("CONTENT_TOO_LARGE");
    }

    @Test
    void corruptCompressedContentIsRefused() {
        EncodedContent encoded = CODECS.encode(Text.of("x")).toBuilder().setCompression(Compression.COMPRESSION_GZIP)
                .setContent(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
        assertThatThrownBy(() -> CODECS.decode(encoded)).hasMessageContaining("gzip");
        EncodedContent deflated = encoded.toBuilder().setCompression(Compression.COMPRESSION_DEFLATE).build();
        assertThatThrownBy(() -> CODECS.decode(deflated)).hasMessageContaining("deflate");
    }

    // ---- remote attachment encryption

    @Test
    void remoteAttachmentsEncryptAndDecrypt() {
        RemoteAttachmentCrypto crypto = new RemoteAttachmentCrypto();
        var sealed = crypto.encrypt(attachment());
        RemoteAttachment remote = sealed.describe(URI.create("https://files.example/1"));
        assertThat(remote.contentLength()).hasValue(sealed.payload().length);
        assertThat(sealed.payload().length).isEqualTo(new AttachmentCodec().encode(attachment()).getSerializedSize() + 16);
        assertThat(crypto.decrypt(sealed.payload(), remote)).isEqualTo(attachment());

        byte[] tampered = sealed.payload();
        tampered[0] ^= 1;
        assertThatThrownBy(() -> crypto.decrypt(tampered, remote)).hasMessageContaining("SHA-256");
        RemoteAttachment wrongKey = new RemoteAttachment(remote.url(), remote.contentDigest(), new byte[32],
                remote.salt(), remote.nonce(), remote.contentLength(), remote.filename());
        assertThatThrownBy(() -> crypto.decrypt(sealed.payload(), wrongKey)).hasMessageContaining("does not open");
    }

    // ---- plaintext envelope

    @Test
    void plaintextEnvelopeV1IsTheHandAssembledMessage() {
        byte[] content = CODECS.encode(Text.of("hi")).toByteArray();
        byte[] wrapped = PlaintextEnvelopes.wrap(CODECS.encode(Text.of("hi")), 1_700_000_000_123_456_789L);
        String key = "1700000000123456789";
        String v1 = "0a" + String.format("%02x", content.length) + HEX.formatHex(content)
                + "12" + String.format("%02x", key.length()) + hex(key);
        assertThat(HEX.formatHex(wrapped)).isEqualTo("0a" + String.format("%02x", v1.length() / 2) + v1);
        var payload = PlaintextEnvelopes.unwrap(wrapped);
        assertThat(payload.content()).isEqualTo(content);
        assertThat(payload.idempotencyKey()).isEqualTo(key);
        assertThat(CODECS.decode(payload.encodedContent())).isEqualTo(Text.of("hi"));
    }

    @Test
    void plaintextEnvelopeV2AndGarbageAreRefused() {
        byte[] v2 = PlaintextEnvelope.newBuilder().setV2(PlaintextEnvelope.V2.newBuilder().setIdempotencyKey("1")
                .setContent(ByteString.copyFromUtf8("x"))).build().toByteArray();
        assertThatThrownBy(() -> PlaintextEnvelopes.unwrap(v2))
                .isInstanceOfSatisfying(ContentCodecException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_CONTENT_TYPE))
                .hasMessageContaining("v2 (content)").hasMessageContaining("device-sync");
        assertThatThrownBy(() -> PlaintextEnvelopes.unwrap(new byte[0]))
                .hasMessageContaining("neither v1 nor v2");
        assertThatThrownBy(() -> PlaintextEnvelopes.unwrap(new byte[] {(byte) 0xff, 1}))
                .hasMessageContaining("not a PlaintextEnvelope");
    }

    // ---- helpers

    private static void assertMalformed(EncodedContent encoded, String messagePart) {
        assertThatThrownBy(() -> CODECS.decode(encoded))
                .isInstanceOfSatisfying(ContentCodecException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(messagePart);
    }

    private static EncodedContent reaction1(String json) {
        return EncodedContent.newBuilder().setType(Encoded.wireType(ContentType.REACTION_V1))
                .setContent(ByteString.copyFromUtf8(json)).build();
    }

    private static EncodedContent reaction2(int action, int schema) {
        var proto = io.socon.messaging.impl.wire.mls.messagecontents.contenttypes.ReactionV2.newBuilder()
                .setReference(MSG.value()).setContent("x").setActionValue(action).setSchemaValue(schema).build();
        return EncodedContent.newBuilder().setType(Encoded.wireType(XmtpContentTypes.REACTION_V2))
                .setContent(proto.toByteString()).build();
    }

    private static Attachment attachment() {
        return new Attachment("a.txt", "text/plain", "file body".getBytes(StandardCharsets.UTF_8));
    }

    private static RemoteAttachment remote(Optional<String> filename) {
        return new RemoteAttachment(URI.create("https://files.example/x"), "00".repeat(32), new byte[32],
                new byte[32], new byte[12], OptionalLong.of(10), filename);
    }

    private static String hex(String s) {
        return HEX.formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] deflate(byte[] input) {
        Deflater d = new Deflater();
        d.setInput(input);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] input) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(input);
        }
        return out.toByteArray();
    }
}
