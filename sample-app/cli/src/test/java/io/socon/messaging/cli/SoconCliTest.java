package io.socon.messaging.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.impl.crypto.EthereumAddresses;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every socon-cli command end to end: two or three homes talking through one node. */
class SoconCliTest extends CliTestSupport {

    static final String NOBODY = "0x" + "1".repeat(40);

    @Test
    void initCreatesAFreshIdentityOnceAndShowsItAgain() {
        Identity alice = init("alice");
        assertThat(alice.address()).matches("0x[0-9a-f]{40}");
        assertThat(alice.inboxId()).matches(HEX64);
        assertThat(alice.installationId()).matches(HEX64);
        assertThat(Files.exists(alice.home().resolve("vault.p12"))).isTrue();

        JsonObject again = ok(alice.home(), "init").single();
        assertThat(again.getString("address")).isEqualTo(alice.address());
        assertThat(again.getString("inboxId")).isEqualTo(alice.inboxId());
        assertThat(again.getString("installationId")).as("no new installation").isEqualTo(alice.installationId());
    }

    @Test
    void initWithAWalletKeyUsesThatWalletAndRefusesAnotherKeyForTheSameHome() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        key[0] = 1; // a valid secp256k1 scalar whatever the random bytes
        String hex = HexFormat.of().formatHex(key);
        String expected = EthereumAddresses.fromPrivateKey(key);

        Identity bob = init("bob", "--wallet-key", "0x" + hex);
        assertThat(bob.address()).isEqualTo(expected);

        JsonObject again = ok(bob.home(), "init", "--wallet-key", hex.toUpperCase()).single();
        assertThat(again.getString("address")).isEqualTo(expected);
        assertThat(again.getString("installationId")).isEqualTo(bob.installationId());

        byte[] other = key.clone();
        other[31] ^= 1;
        String otherAddress = EthereumAddresses.fromPrivateKey(other);
        String error = fails(1, bob.home(), "init", "--wallet-key", HexFormat.of().formatHex(other));
        assertThat(error).contains("already belongs to wallet " + expected).contains(otherAddress)
                .contains("--home");
        assertThat(ok(bob.home(), "init").single().getString("address")).as("unchanged").isEqualTo(expected);
    }

    @Test
    void canMessageTellsWhichAddressesHaveAnInbox() {
        Identity alice = init("alice");
        Identity bob = init("bob");
        List<JsonObject> found = ok(alice.home(), "can-message", bob.address().toUpperCase().replace("0X", "0x"),
                NOBODY).json();
        assertThat(found).hasSize(2);
        assertThat(found.get(0).getString("address")).isEqualTo(bob.address());
        assertThat(found.get(0).getBoolean("canMessage")).isTrue();
        assertThat(found.get(0).getString("inboxId")).isEqualTo(bob.inboxId());
        assertThat(found.get(1).getString("address")).isEqualTo(NOBODY);
        assertThat(found.get(1).getBoolean("canMessage")).isFalse();
        assertThat(found.get(1).isNull("inboxId")).isTrue();
    }

    @Test
    void dmsByAddressAndByInboxIdShareOneConversationWithReactionsAndReplies() {
        Identity alice = init("alice");
        Identity bob = init("bob");

        JsonObject hello = ok(alice.home(), "dm", bob.address(), "--text", "hello bob").single();
        String dm = hello.getString("conversationId");
        assertThat(hello.getString("id")).matches(HEX64);
        assertThat(hello.getString("senderInboxId")).isEqualTo(alice.inboxId());
        assertThat(hello.getString("contentType")).isEqualTo("xmtp.org/text:1.0");
        assertThat(hello.getString("text")).isEqualTo("hello bob");
        assertThat(hello.getBoolean("published")).isTrue();
        assertThat(Instant.parse(hello.getString("sentAt"))).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(Duration.ofMinutes(5)));

        JsonObject second = ok(alice.home(), "dm", bob.inboxId(), "--text", "by inbox id").single();
        assertThat(second.getString("conversationId")).as("the DM is reused").isEqualTo(dm);
        JsonObject back = ok(bob.home(), "dm", alice.inboxId(), "--text", "hi alice").single();
        assertThat(back.getString("conversationId")).as("the peer finds the same DM").isEqualTo(dm);

        List<JsonObject> bobSees = ok(bob.home(), "messages", dm).json();
        assertThat(texts(bobSees)).containsSubsequence("hello bob", "by inbox id", "hi alice");
        JsonObject received = bobSees.stream().filter(m -> "hello bob".equals(m.getString("text", null)))
                .findFirst().orElseThrow();
        assertThat(received.getString("id")).as("both sides agree on the message id").isEqualTo(hello.getString("id"));
        assertThat(received.getString("senderInboxId")).isEqualTo(alice.inboxId());
        for (JsonObject m : bobSees) {
            assertThat(m.keySet()).contains("id", "conversationId", "senderInboxId", "contentType", "sentAt");
        }

        JsonObject reaction = ok(bob.home(), "react", dm, hello.getString("id"), "👍").single();
        assertThat(reaction.getString("contentType")).isEqualTo("xmtp.org/reaction:2.0");
        assertThat(reaction.getJsonObject("reaction").getString("reference")).isEqualTo(hello.getString("id"));
        assertThat(reaction.getJsonObject("reaction").getString("emoji")).isEqualTo("👍");
        assertThat(reaction.getJsonObject("reaction").getString("action")).isEqualTo("added");
        assertThat(reaction.getJsonObject("reaction").getString("schema")).isEqualTo("unicode");
        JsonObject reply = ok(bob.home(), "reply", dm, hello.getString("id"), "--text", "nice \"quote\"\nline 2")
                .single();
        assertThat(reply.getString("contentType")).isEqualTo("xmtp.org/reply:1.0");
        assertThat(reply.getJsonObject("reply").getString("reference")).isEqualTo(hello.getString("id"));
        assertThat(reply.getJsonObject("reply").getJsonObject("content").getString("contentType"))
                .isEqualTo("xmtp.org/text:1.0");
        assertThat(reply.getJsonObject("reply").getJsonObject("content").getString("text"))
                .isEqualTo("nice \"quote\"\nline 2");
        JsonObject unreact = ok(bob.home(), "react", "--remove", dm, hello.getString("id"), "👍").single();
        assertThat(unreact.getJsonObject("reaction").getString("action")).isEqualTo("removed");

        List<JsonObject> aliceSees = ok(alice.home(), "messages", dm).json();
        JsonObject decodedReaction = aliceSees.stream().filter(m -> m.containsKey("reaction")).findFirst().orElseThrow();
        assertThat(decodedReaction.getString("id")).isEqualTo(reaction.getString("id"));
        assertThat(decodedReaction.getString("senderInboxId")).isEqualTo(bob.inboxId());
        assertThat(decodedReaction.getJsonObject("reaction")).isEqualTo(reaction.getJsonObject("reaction"));
        JsonObject decodedReply = aliceSees.stream().filter(m -> m.containsKey("reply")).findFirst().orElseThrow();
        assertThat(decodedReply.getJsonObject("reply")).isEqualTo(reply.getJsonObject("reply"));
        assertThat(decodedReply.getString("sentAt")).isEqualTo(reply.getString("sentAt"));
        assertThat(aliceSees.stream().filter(m -> m.containsKey("reaction")).count()).isEqualTo(2);
    }

    @Test
    void groupsAreCreatedNamedGrownShrunkAndRenamedAndEveryMemberFollows() {
        Identity alice = init("alice");
        Identity bob = init("bob");
        Identity carol = init("carol");

        JsonObject group = ok(alice.home(), "group", "create", "--member", bob.address(), "--name", "team").single();
        String id = group.getString("id");
        assertThat(group.getString("type")).isEqualTo("group");
        assertThat(group.getString("name")).isEqualTo("team");
        assertThat(strings(group, "members")).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId());
        assertThat(strings(group, "superAdmins")).containsExactly(alice.inboxId());
        assertThat(group.getBoolean("active")).isTrue();

        JsonObject welcome = ok(alice.home(), "send", id, "--text", "welcome").single();
        assertThat(welcome.getString("conversationId")).isEqualTo(id);

        JsonObject grown = ok(alice.home(), "group", "add", id, carol.inboxId()).single();
        assertThat(strings(grown, "members")).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId(),
                carol.inboxId());

        JsonObject carolsView = ok(carol.home(), "conversations").json().stream()
                .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
        assertThat(carolsView.getString("name")).isEqualTo("team");
        JsonObject fromCarol = ok(carol.home(), "send", id, "--text", "hi from carol").single();
        ok(bob.home(), "react", id, fromCarol.getString("id"), "🎉");
        ok(bob.home(), "reply", id, fromCarol.getString("id"), "--text", "welcome carol");

        JsonObject renamed = ok(alice.home(), "group", "rename", id, "crew").single();
        assertThat(renamed.getString("name")).isEqualTo("crew");
        JsonObject shrunk = ok(alice.home(), "group", "remove", id, carol.address()).single();
        assertThat(strings(shrunk, "members")).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId());

        List<JsonObject> bobSees = ok(bob.home(), "messages", id).json();
        assertThat(texts(bobSees)).containsSubsequence("welcome", "hi from carol");
        List<JsonObject> updates = bobSees.stream().filter(m -> m.containsKey("groupUpdate"))
                .map(m -> m.getJsonObject("groupUpdate")).toList();
        assertThat(updates).anySatisfy(u -> assertThat(strings(u, "added")).containsExactly(carol.inboxId()));
        assertThat(updates).anySatisfy(u -> assertThat(strings(u, "removed")).containsExactly(carol.inboxId()));
        assertThat(updates).anySatisfy(u -> assertThat(u.getJsonArray("metadataChanges"))
                .anySatisfy(c -> assertThat(c.asJsonObject().getString("newValue")).isEqualTo("crew")));
        JsonObject reply = bobSees.stream().filter(m -> m.containsKey("reply")).findFirst().orElseThrow();
        assertThat(reply.getJsonObject("reply").getString("reference")).isEqualTo(fromCarol.getString("id"));
        JsonObject reaction = bobSees.stream().filter(m -> m.containsKey("reaction")).findFirst().orElseThrow();
        assertThat(reaction.getJsonObject("reaction").getString("emoji")).isEqualTo("🎉");

        JsonObject bobsView = ok(bob.home(), "conversations").json().stream()
                .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
        assertThat(bobsView.getString("name")).isEqualTo("crew");
        assertThat(strings(bobsView, "members")).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId());

        JsonObject carolAfter = ok(carol.home(), "conversations").json().stream()
                .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
        assertThat(carolAfter.getBoolean("active")).as("carol was removed").isFalse();
        String error = fails(1, carol.home(), "send", id, "--text", "still here?");
        assertThat(error).contains("NOT_A_MEMBER");
    }

    @Test
    void groupCreateTakesSeveralMembersAndWorksWithoutAName() {
        Identity alice = init("alice");
        Identity bob = init("bob");
        Identity carol = init("carol");
        JsonObject group = ok(alice.home(), "group", "create", "--member", bob.address(), carol.inboxId()).single();
        assertThat(strings(group, "members")).containsExactlyInAnyOrder(alice.inboxId(), bob.inboxId(),
                carol.inboxId());
        JsonObject other = ok(alice.home(), "group", "create", "--member", bob.inboxId(), "--member", carol.address(),
                "--name", "two flags").single();
        assertThat(strings(other, "members")).hasSize(3);
        assertThat(other.getString("name")).isEqualTo("two flags");
    }

    @Test
    void syncJoinsNewConversationsAndConversationsListsThem() {
        Identity alice = init("alice");
        Identity bob = init("bob");
        JsonObject group = ok(alice.home(), "group", "create", "--member", bob.inboxId(), "--name", "sync me").single();
        ok(alice.home(), "send", group.getString("id"), "--text", "one");
        JsonObject dmMessage = ok(alice.home(), "dm", bob.address(), "--text", "two").single();

        assertThat(ok(bob.home(), "conversations", "--no-sync").json()).as("nothing stored yet").isEmpty();
        JsonObject synced = ok(bob.home(), "sync").single();
        assertThat(synced.getInt("conversationsJoined")).isEqualTo(2);
        assertThat(synced.getInt("messagesStored")).isGreaterThanOrEqualTo(2);
        JsonObject again = ok(bob.home(), "sync").single();
        assertThat(again.getInt("conversationsJoined")).isZero();
        assertThat(again.getInt("messagesStored")).isZero();

        List<JsonObject> conversations = ok(bob.home(), "conversations", "--no-sync").json();
        assertThat(conversations).extracting(c -> c.getString("id"))
                .containsExactlyInAnyOrder(group.getString("id"), dmMessage.getString("conversationId"));
        JsonObject dm = conversations.stream().filter(c -> c.getString("type").equals("dm")).findFirst().orElseThrow();
        assertThat(dm.getString("peerInboxId")).isEqualTo(alice.inboxId());
        assertThat(dm.isNull("name")).isTrue();
        assertThat(texts(ok(bob.home(), "messages", "--no-sync", group.getString("id")).json())).contains("one");
        assertThat(ok(alice.home(), "conversations").json()).hasSize(2);
    }

    @Test
    void streamPrintsMessagesSentMeanwhileByAnotherHome() throws Exception {
        Identity alice = init("alice");
        Identity bob = init("bob");
        String dm = ok(alice.home(), "dm", bob.inboxId(), "--text", "before the stream").single()
                .getString("conversationId");
        ok(bob.home(), "sync");

        long started = System.nanoTime();
        CompletableFuture<Run> stream = CompletableFuture.supplyAsync(() -> run(bob.home(), "stream", "--seconds", "12"));
        Thread.sleep(4_000); // the stream subscribes meanwhile (no way to see it from outside: it prints messages only)
        JsonObject inDm = ok(alice.home(), "send", dm, "--text", "during the stream").single();
        JsonObject group = ok(alice.home(), "group", "create", "--member", bob.address(), "--name", "live").single();
        JsonObject inGroup = ok(alice.home(), "send", group.getString("id"), "--text", "in a new group").single();

        Run streamed = stream.get(60, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("--seconds 12").isGreaterThan(Duration.ofSeconds(11));
        assertThat(streamed.stderr()).isEmpty();
        assertThat(streamed.exit()).isZero();
        assertThat(texts(streamed.json())).contains("during the stream", "in a new group")
                .doesNotContain("before the stream");
        assertThat(streamed.json()).extracting(m -> m.getString("id"))
                .contains(inDm.getString("id"), inGroup.getString("id"))
                .doesNotHaveDuplicates();
        assertThat(streamed.json()).allSatisfy(m -> assertThat(m.getString("senderInboxId")).isEqualTo(alice.inboxId()));
    }

    @Test
    void helpAndVersionGoToStandardOutput() {
        Run help = raw("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stderr()).isEmpty();
        Run version = raw("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.stderr()).isEmpty();
    }

    static List<String> strings(JsonObject object, String field) {
        return object.getJsonArray(field).stream().map(v -> ((JsonString) v).getString()).toList();
    }

    static boolean isNull(JsonObject object, String field) {
        return object.get(field) == JsonValue.NULL;
    }
}
