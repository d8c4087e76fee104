package io.socon.messaging.impl.jakarta.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.ConversationQuery;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Query parameters, cursors, peers, signatures and send bodies as the resources read them. */
class RequestParsingTest {

    static final String REF = "e".repeat(64);

    @Test
    void sendBodiesBecomeContent() {
        assertThat(ConversationResource.content(new Requests.Send("text", "hi", null, null, null)))
                .isEqualTo(Text.of("hi"));
        assertThat(ConversationResource.content(new Requests.Send("reply", "yes", REF, null, null)))
                .isEqualTo(Reply.text(MessageId.of(REF), "yes"));
        assertThat(ConversationResource.content(new Requests.Send("reaction", null, REF, "👍", null)))
                .isEqualTo(Reaction.add(MessageId.of(REF), "👍"));
        assertThat(ConversationResource.content(new Requests.Send("reaction", null, REF, "👍", "removed")))
                .isEqualTo(Reaction.remove(MessageId.of(REF), "👍"));
    }

    @Test
    void badSendBodiesNameWhatIsWrong() {
        assertThat(catchThrowableOfType(RestProblemException.class, () -> ConversationResource.content(
                new Requests.Send("poll", "x", null, null, null))).problem().detail())
                .startsWith("type must be text, reply or reaction, got 'poll'");
        assertThat(catchThrowableOfType(RestProblemException.class, () -> ConversationResource.content(
                new Requests.Send("reply", "x", null, null, null))).problem().detail())
                .startsWith("reference is required");
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> ConversationResource.content(
                new Requests.Send("reaction", null, "12", "👍", null))).code().name())
                .isEqualTo("INVALID_ID");
    }

    @Test
    void limitsAreCheckedAgainstTheApiMaximum() {
        assertThat(ConversationResource.limit(null, 500)).isEqualTo(50);
        assertThat(ConversationResource.limit("500", 500)).isEqualTo(500);
        assertThat(catchThrowableOfType(RestProblemException.class, () -> ConversationResource.limit("0", 500))
                .problem().status()).isEqualTo(400);
        assertThat(catchThrowableOfType(RestProblemException.class, () -> ConversationResource.limit("x", 500))
                .problem().detail()).isEqualTo("limit must be a number from 1 to 500, got 'x'");
    }

    @Test
    void aConversationCursorCarriesTheNextQuerysWindow() {
        Instant before = Instant.parse("2026-11-27T10:15:30.123456789Z");
        ConversationQuery next = ConversationQuery.recent(20).before(before);

        ConversationQuery applied = Cursors.apply(Cursors.encode(next), ConversationQuery.recent(20));

        assertThat(applied).isEqualTo(next);
        assertThat(Cursors.encode(next)).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void aForeignCursorIsABadRequest() {
        RestProblemException e = catchThrowableOfType(RestProblemException.class,
                () -> Cursors.apply("not a cursor!", ConversationQuery.recent(20)));

        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().detail()).contains("pass the 'next' value");
    }

    @Test
    void messagePagesAreNamedByNanoseconds() {
        Instant at = Instant.parse("2026-11-27T10:15:30.123456789Z");

        assertThat(Cursors.parseNanos(String.valueOf(Cursors.nanos(at)), "before")).isEqualTo(at);
        assertThat(catchThrowableOfType(RestProblemException.class, () -> Cursors.parseNanos("-1", "before"))
                .problem().detail()).startsWith("before must be a number of nanoseconds");
    }

    @Test
    void peersAreAddressesOrInboxIds() {
        assertThat(Peers.parse(" 0x" + "A".repeat(40), "peer")).isEqualTo(EthereumAddress.of("0x" + "a".repeat(40)));
        assertThat(Peers.parse("B".repeat(64), "peer")).isEqualTo(InboxId.of("b".repeat(64)));
        assertThat(catchThrowableOfType(InvalidValueException.class, () -> Peers.parse("bob", "peer")).code().name())
                .isEqualTo("INVALID_INBOX_ID");
        assertThat(catchThrowableOfType(RestProblemException.class,
                () -> Peers.parseAll(List.of("a", "b"), "peers", 1)).problem().detail())
                .isEqualTo("peers has 2 entries; at most 1 are allowed");
    }

    @Test
    void signaturesAre65BytesOfHex() {
        assertThat(InboxResource.parseSignature("0x" + "1b".repeat(65))).hasSize(65);
        assertThat(catchThrowableOfType(RestProblemException.class,
                () -> InboxResource.parseSignature("0x1234")).problem().detail())
                .isEqualTo("signature must be 65 bytes (0x and 130 hex digits), got 4 hex digits");
    }

    @Test
    void theStreamAcceptsItsOwnOriginAndListedOnes() {
        assertThat(StreamConfigurator.originAllowed("http://localhost:9080", Optional.of("localhost:9080"), List.of()))
                .isTrue();
        assertThat(StreamConfigurator.originAllowed("https://chat.example.com", Optional.of("chat.example.com"),
                List.of())).isTrue();
        assertThat(StreamConfigurator.originAllowed("https://evil.example", Optional.of("localhost:9080"), List.of()))
                .isFalse();
        assertThat(StreamConfigurator.originAllowed("https://app.example", Optional.of("api.example"),
                List.of("https://app.example"))).isTrue();
        assertThat(StreamConfigurator.originAllowed("null", Optional.of("localhost:9080"), List.of())).isFalse();
    }
}
