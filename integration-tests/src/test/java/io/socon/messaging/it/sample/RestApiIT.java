package io.socon.messaging.it.sample;

import static io.socon.messaging.it.sample.SampleUser.quote;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST API of docs/rest-api.md driven over HTTP on the sample app's server, by users who sign in with the
 * sample's demo endpoint (each its own session), as the chat page does.
 */
class RestApiIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Test
    void withoutSignInEveryCallIs401() throws Exception {
        SampleUser nobody = SampleUser.anonymous("nobody");

        nobody.get("/api/v1/inbox").problem(401, "IDENTITY_NOT_AVAILABLE");
        nobody.get("/api/v1/session").problem(401, "IDENTITY_NOT_AVAILABLE");
        nobody.get("/api/v1/conversations").problem(401, "IDENTITY_NOT_AVAILABLE");
        nobody.post("/api/v1/conversations/dm", "{\"peer\":\"0x" + "1".repeat(40) + "\"}")
                .problem(401, "IDENTITY_NOT_AVAILABLE");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        SampleUser user = SampleUser.signedIn("leaver");
        assertThat(user.get("/api/v1/session").ok(200).getString("user")).as("who the session is").isEqualTo(user.name);

        assertThat(user.delete("/api/v1/session").status()).isEqualTo(204);

        user.get("/api/v1/inbox").problem(401, "IDENTITY_NOT_AVAILABLE");
        user.get("/api/v1/session").problem(401, "IDENTITY_NOT_AVAILABLE");
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrong() throws Exception {
        SampleUser user = SampleUser.signedIn("typo");

        assertThat(user.get("/api/v1/conversations/not-hex").problem(400, "INVALID_ID").getString("detail"))
                .contains("conversation id");
        assertThat(user.post("/api/v1/conversations/dm", "{\"peer\": nope}").problem(400, "INVALID_ARGUMENT")
                .getString("detail")).contains("not valid JSON");
        user.post("/api/v1/conversations/dm", "{\"peer\":\"0x12\"}").problem(400, "INVALID_ADDRESS");
        user.post("/api/v1/conversations/dm", "{}").problem(400, "INVALID_ARGUMENT");
        user.get("/api/v1/conversations?limit=0").problem(400, "INVALID_ARGUMENT");
        user.get("/api/v1/conversations?after=garbage").problem(400, "INVALID_ARGUMENT");
        user.post("/api/v1/session/demo", "{\"name\":\"\"}").problem(400, "INVALID_ARGUMENT");
    }

    @Test
    void openApiDescribesTheRestApi() throws Exception {
        SampleUser.Reply openapi = SampleUser.anonymous("reader").get("/openapi");

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/inbox", "/api/v1/conversations/{id}/messages",
                "/api/v1/can-message", "application/problem+json");
    }

    @Test
    void theInboxIsCreatedOnFirstUseAndStaysTheSame() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");

        JsonObject first = alice.get("/api/v1/inbox").ok(200);
        JsonObject again = alice.get("/api/v1/inbox").ok(200);

        assertThat(first.getString("inboxId")).matches("[0-9a-f]{64}");
        assertThat(first.getString("address")).matches("0x[0-9a-f]{40}");
        assertThat(first.getString("installationId")).matches("[0-9a-f]{64}");
        assertThat(again).isEqualTo(first);
    }

    @Test
    void unknownThingsAre404() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        alice.inbox();

        alice.get("/api/v1/conversations/" + randomHex(16)).problem(404, "CONVERSATION_NOT_FOUND");
        alice.post("/api/v1/conversations/dm", "{\"peer\":\"0x" + randomHex(20) + "\"}")
                .problem(404, "PEER_NOT_REACHABLE");
    }

    @Test
    void twoUsersTalkInADm() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser bob = SampleUser.signedIn("bob");
        bob.inbox();
        alice.inbox();

        JsonObject can = alice.post("/api/v1/can-message",
                "{\"peers\":[" + quote(bob.address()) + "," + quote("0x" + randomHex(20)) + "]}").ok(200);
        assertThat(can.getJsonArray("results").getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("peer") + "=" + r.getBoolean("canMessage"))
                .hasSize(2)
                .first().isEqualTo(bob.address() + "=true");

        JsonObject dm = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.address()) + "}").ok(200);
        assertThat(dm.getString("kind")).isEqualTo("DM");
        assertThat(dm.getString("peer")).isEqualTo(bob.inboxId());
        assertThat(dm.getJsonArray("members")).hasSize(2);
        String id = dm.getString("id");
        JsonObject again = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.inboxId()) + "}").ok(200);
        assertThat(again.getString("id")).as("one DM per pair, by address or inbox id").isEqualTo(id);

        JsonObject sent = alice.post("/api/v1/conversations/" + id + "/messages",
                "{\"type\":\"text\",\"text\":\"hello bob\"}").ok(201);
        assertThat(sent.getString("type")).isEqualTo("text");
        assertThat(sent.getString("text")).isEqualTo("hello bob");
        assertThat(sent.getString("sender")).isEqualTo(alice.inboxId());
        assertThat(sent.getString("conversationId")).isEqualTo(id);
        assertThat(sent.getString("contentType")).isEqualTo("xmtp.org/text:1.0");
        assertThat(sent.getString("status")).isEqualTo("PUBLISHED");
        assertThat(sent.getJsonNumber("sentAtNs").longValueExact()).isPositive();

        JsonObject bobsDm = bob.findConversation(id).orElseThrow(() -> new AssertionError("bob does not see the DM"));
        assertThat(bobsDm.getString("peer")).isEqualTo(alice.inboxId());
        assertThat(bobsDm.getJsonObject("lastMessage").getString("text")).isEqualTo("hello bob");
        assertThat(bobsDm.getInt("unreadCount")).isEqualTo(1);

        List<JsonObject> bobReads = bob.get("/api/v1/conversations/" + id + "/messages").ok(200)
                .getJsonArray("messages").getValuesAs(JsonObject.class);
        JsonObject hello = bobReads.stream().filter(m -> "hello bob".equals(m.getString("text", null))).findFirst()
                .orElseThrow(() -> new AssertionError("bob did not get the message: " + bobReads));
        assertThat(hello.getString("id")).isEqualTo(sent.getString("id"));

        JsonObject reply = bob.post("/api/v1/conversations/" + id + "/messages",
                "{\"type\":\"reply\",\"reference\":" + quote(hello.getString("id")) + ",\"text\":\"hi alice\"}").ok(201);
        assertThat(reply.getString("type")).isEqualTo("reply");
        assertThat(reply.getString("reference")).isEqualTo(hello.getString("id"));
        JsonObject reaction = bob.post("/api/v1/conversations/" + id + "/messages",
                "{\"type\":\"reaction\",\"reference\":" + quote(hello.getString("id")) + ",\"emoji\":\"👍\","
                        + "\"action\":\"ADDED\"}").ok(201);
        assertThat(reaction.getString("emoji")).isEqualTo("👍");
        assertThat(reaction.getString("action")).isEqualTo("ADDED");

        assertThat(bob.post("/api/v1/conversations/" + id + "/read").status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/conversations/" + id).ok(200).getInt("unreadCount")).isZero();

        assertThat(alice.post("/api/v1/conversations/sync").status()).isEqualTo(204);
        List<JsonObject> aliceReads = alice.get("/api/v1/conversations/" + id + "/messages").ok(200)
                .getJsonArray("messages").getValuesAs(JsonObject.class);
        assertThat(aliceReads).extracting(m -> m.getString("type"))
                .contains("text", "reply", "reaction");
        assertThat(aliceReads).filteredOn(m -> m.getString("type").equals("reply"))
                .singleElement().satisfies(m -> assertThat(m.getString("text")).isEqualTo("hi alice"));
        assertThat(aliceReads).extracting(m -> m.getJsonNumber("sentAtNs").longValueExact())
                .as("oldest first").isSorted();

        alice.post("/api/v1/conversations/" + id + "/messages", "{\"type\":\"poll\"}")
                .problem(400, "INVALID_ARGUMENT");
    }

    @Test
    void messagesArePagedBackwardsInTime() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser bob = SampleUser.signedIn("bob");
        bob.inbox();
        String id = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.address()) + "}").ok(200)
                .getString("id");
        for (String text : List.of("one", "two", "three")) {
            alice.post("/api/v1/conversations/" + id + "/messages", "{\"type\":\"text\",\"text\":\"" + text + "\"}")
                    .ok(201);
        }

        JsonObject newest = alice.get("/api/v1/conversations/" + id + "/messages?limit=2").ok(200);
        assertThat(newest.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("text")).containsExactly("two", "three");
        assertThat(newest.get("next").getValueType()).isEqualTo(JsonValue.ValueType.STRING);

        JsonObject older = alice.get("/api/v1/conversations/" + id + "/messages?limit=2&before="
                + newest.getString("next")).ok(200);
        assertThat(older.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("type", "")).contains("text")
                .hasSizeLessThanOrEqualTo(2);
        assertThat(older.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("text", "")).contains("one").doesNotContain("two", "three");
    }

    @Test
    void aGroupIsCreatedRenamedAndItsMembersChanged() throws Exception {
        SampleUser alice = SampleUser.signedIn("alice");
        SampleUser bob = SampleUser.signedIn("bob");
        SampleUser carol = SampleUser.signedIn("carol");
        bob.inbox();
        carol.inbox();

        SampleUser.Reply created = alice.post("/api/v1/conversations/group", "{\"name\":\"Lunch\","
                + "\"description\":\"where to eat\",\"members\":[" + quote(bob.address()) + "]}");
        JsonObject group = created.ok(201);
        String id = group.getString("id");
        assertThat(created.response().headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/conversations/" + id));
        assertThat(group.getString("kind")).isEqualTo("GROUP");
        assertThat(group.containsKey("peer")).isFalse();
        assertThat(group.getString("name")).isEqualTo("Lunch");
        assertThat(group.getString("description")).isEqualTo("where to eat");
        assertThat(group.getJsonArray("members").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("inboxId") + ":" + m.getString("role"))
                .containsExactlyInAnyOrder(alice.inboxId() + ":SUPER_ADMIN", bob.inboxId() + ":MEMBER");
        assertThat(group.getJsonArray("members").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("inboxId") + ":" + m.getJsonArray("addresses").getString(0))
                .as("each member with the address people know them by")
                .containsExactlyInAnyOrder(alice.inboxId() + ":" + alice.address(), bob.inboxId() + ":" + bob.address());

        JsonObject withCarol = alice.post("/api/v1/conversations/" + id + "/members",
                "{\"members\":[" + quote(carol.inboxId()) + "]}").ok(200);
        assertThat(withCarol.getJsonArray("members")).hasSize(3);

        JsonObject renamed = alice.patch("/api/v1/conversations/" + id, "{\"name\":\"Dinner\"}").ok(200);
        assertThat(renamed.getString("name")).isEqualTo("Dinner");
        assertThat(renamed.getString("description")).isEqualTo("where to eat");

        JsonObject withoutCarol = alice.delete("/api/v1/conversations/" + id + "/members/" + carol.inboxId()).ok(200);
        assertThat(withoutCarol.getJsonArray("members").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("inboxId")).doesNotContain(carol.inboxId()).hasSize(2);

        JsonObject bobsGroup = bob.findConversation(id).orElseThrow(() -> new AssertionError("bob is not in it"));
        assertThat(bobsGroup.getString("name")).isEqualTo("Dinner");

        String dm = alice.post("/api/v1/conversations/dm", "{\"peer\":" + quote(bob.address()) + "}").ok(200)
                .getString("id");
        alice.patch("/api/v1/conversations/" + dm, "{\"name\":\"x\"}").problem(400, "INVALID_ARGUMENT");
    }
}
