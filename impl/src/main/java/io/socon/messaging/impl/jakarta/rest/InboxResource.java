package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.WalletChallenge;
import io.socon.messaging.impl.jakarta.rest.json.InboxJson;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's inbox: {@code GET inbox}, {@code POST inbox/signature}. */
@Path("inbox")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "The signed-in user's XMTP identity")
public class InboxResource {

    static final String SIGNATURE_SHAPE = "{\"challengeId\":\"…\",\"signature\":\"0x… (65 bytes)\"}";

    @Inject
    CallerInboxes inboxes;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @GET
    @Operation(summary = "Open the caller's inbox",
            description = "Opens the inbox, creating it on XMTP on first use. With the user's own wallet and no "
                    + "inbox yet, answers 401 WALLET_SIGNATURE_REQUIRED with a challenge to sign.")
    @APIResponse(responseCode = "200", description = "The inbox",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InboxJson.class)))
    @APIResponse(responseCode = "401", description = "Not signed in, or the wallet must sign a challenge",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemJson.class)))
    @APIResponse(responseCode = "503", description = "The XMTP node, key vault or store is unavailable",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> inbox() {
        Caller caller = caller();
        return Async.respond(() -> inboxes.open(caller)
                .thenApply(inbox -> Response.ok(JsonMapping.inbox(inbox.info())).build()));
    }

    @POST
    @Path("signature")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the wallet's signature of a challenge",
            description = "Finishes opening the inbox with the EIP-191 personal_sign signature of the challenge text.")
    @APIResponse(responseCode = "200", description = "The inbox",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InboxJson.class)))
    @APIResponse(responseCode = "400", description = "WALLET_SIGNATURE_INVALID or a malformed body",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> signature(
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Requests.Signature.class))) String body) {
        Caller caller = caller();
        return Async.respond(() -> {
            inboxes.user(caller);
            Requests.Signature s = RestJson.read(body, Requests.Signature.class, SIGNATURE_SHAPE);
            if (s.challengeId() == null) {
                throw RestProblemException.badRequest("challengeId is required: " + SIGNATURE_SHAPE);
            }
            WalletChallenge.Id id = new WalletChallenge.Id(s.challengeId());
            byte[] signature = parseSignature(s.signature());
            return inboxes.messaging().submitSignature(id, signature)
                    .thenApply(inbox -> Response.ok(JsonMapping.inbox(inbox.info())).build());
        });
    }

    /** {@code 0x} and 130 hex digits (the {@code 0x} may be left out). */
    static byte[] parseSignature(String text) {
        if (text == null || text.isBlank()) {
            throw RestProblemException.badRequest("signature is required: 0x and 130 hex digits (65 bytes)");
        }
        String hex = text.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.length() != 130) {
            throw RestProblemException.of(ErrorCode.INVALID_ARGUMENT,
                    "signature must be 65 bytes (0x and 130 hex digits), got " + hex.length() + " hex digits");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw RestProblemException.badRequest("signature must be hex digits after 0x");
        }
    }

    private Caller caller() {
        return Callers.of(security, request, headers);
    }
}
