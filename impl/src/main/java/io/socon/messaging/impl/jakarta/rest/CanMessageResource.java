package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.Peer;
import io.socon.messaging.impl.jakarta.rest.json.CanMessageJson;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST can-message}: which peers can receive XMTP messages. */
@Path("can-message")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
public class CanMessageResource {

    /** Most peers in one request. */
    static final int MAX_PEERS = 1000;

    static final String SHAPE = "{\"peers\":[\"0x… or inbox id\", …]}";

    @Inject
    CallerInboxes inboxes;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check which peers can be messaged",
            description = "For each address or inbox id (at most 1000): whether it has an XMTP inbox with an installation.")
    @APIResponse(responseCode = "200", description = "One result per peer, in the order asked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CanMessageJson.class)))
    @APIResponse(responseCode = "400", description = "A peer is malformed or there are too many",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> canMessage(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Requests.CanMessage.class))) String body) {
        Caller caller = Callers.of(security, request, headers);
        return Async.respond(() -> {
            inboxes.user(caller);
            Requests.CanMessage asked = RestJson.read(body, Requests.CanMessage.class, SHAPE);
            List<Peer> peers = Peers.parseAll(asked.peers(), "peers", MAX_PEERS);
            return inboxes.open(caller)
                    .thenCompose(inbox -> inbox.canMessage(peers))
                    .thenApply(answers -> {
                        List<CanMessageJson.Result> results = new ArrayList<>(peers.size());
                        for (int i = 0; i < peers.size(); i++) {
                            results.add(new CanMessageJson.Result(asked.peers().get(i),
                                    Boolean.TRUE.equals(answers.get(peers.get(i)))));
                        }
                        return Response.ok(new CanMessageJson(results)).build();
                    });
        });
    }
}
