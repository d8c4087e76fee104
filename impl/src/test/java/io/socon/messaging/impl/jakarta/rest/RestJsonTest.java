package io.socon.messaging.impl.jakarta.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.socon.messaging.impl.jakarta.rest.json.ConversationListJson;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestJsonTest {

    @Test
    void readsARequestRecord() {
        Requests.NewGroup g = RestJson.read("{\"name\":\"Lunch\",\"members\":[\"0x01\",\"ab\"],\"extra\":1}",
                Requests.NewGroup.class, "shape");

        assertThat(g.name()).isEqualTo("Lunch");
        assertThat(g.description()).isNull();
        assertThat(g.members()).containsExactly("0x01", "ab");
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhere() {
        RestProblemException e = catchThrowableOfType(RestProblemException.class,
                () -> RestJson.read("{\"peer\": \"0x12\",\n  oops}", Requests.Dm.class, "{\"peer\":\"…\"}"));

        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.problem().detail()).startsWith("the body is not valid JSON (line 2").endsWith("expected {\"peer\":\"…\"}");
    }

    @Test
    void aMemberOfTheWrongTypeIsABadRequestWithoutClassNames() {
        RestProblemException e = catchThrowableOfType(RestProblemException.class,
                () -> RestJson.read("{\"peers\": {\"a\": 1}}", Requests.CanMessage.class, "{\"peers\":[…]}"));

        assertThat(e.problem().status()).isEqualTo(400);
        assertThat(e.problem().detail()).doesNotContain("java.", "yasson", "Exception");
    }

    @Test
    void missingAndNonObjectBodiesAreBadRequests() {
        assertThat(catchThrowableOfType(RestProblemException.class,
                () -> RestJson.read("  ", Requests.Dm.class, "{}")).problem().detail())
                .startsWith("a JSON body is required");
        assertThat(catchThrowableOfType(RestProblemException.class,
                () -> RestJson.read("[1]", Requests.Dm.class, "{}")).problem().detail())
                .startsWith("the body must be a JSON object");
    }

    @Test
    void theEndOfAListIsAnExplicitNull() {
        assertThat(RestJson.write(new ConversationListJson(List.of(), null)))
                .isEqualTo("{\"conversations\":[],\"next\":null}");
    }
}
