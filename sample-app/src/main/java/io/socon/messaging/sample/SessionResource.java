package io.socon.messaging.sample;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The sample's sign-in, kept in the HTTP session: a demo user by name (host user id {@code demo:<name>}, which
 * the module's custodial identity provider gives a wallet kept in the server's key vault), or a browser wallet by
 * address (host user id = the address, which the module's external-wallet identity provider recognizes: the
 * inbox opens after the wallet signs a challenge). Not a real login: anyone can be anyone here, which is what a
 * demo wants.
 */
@Path("session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sample sign-in", description = "Demo sign-in of the sample app (not part of the module)")
public class SessionResource {

    /** The session attribute holding the host user id. */
    public static final String USER_ATTRIBUTE = "socon.sample.user";

    /** Host user ids of demo users start with this. */
    public static final String DEMO_PREFIX = "demo:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * The sign-in body.
     *
     * @param name a demo user's name
     * @param address a browser wallet's address
     */
    @Schema(name = "SignIn")
    public record SignIn(String name, String address) {
    }

    /**
     * Who is signed in.
     *
     * @param user the demo user's name or the wallet's address
     */
    @Schema(name = "SignedIn")
    public record SignedIn(String user) {
    }

    @Context
    HttpServletRequest request;

    @POST
    @Path("demo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in as a demo user (custodial wallet kept by the server)")
    public SignedIn demo(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignIn.class))) String body) {
        String name = read(body).name();
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        signIn(DEMO_PREFIX + name.strip());
        return new SignedIn(name.strip());
    }

    @POST
    @Path("wallet")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with a browser wallet; GET inbox then asks it to sign a challenge")
    public SignedIn wallet(@RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignIn.class))) String body) {
        EthereumAddress address = EthereumAddress.of(read(body).address());
        signIn(address.value());
        return new SignedIn(address.value());
    }

    @GET
    @Operation(summary = "Who is signed in in this session; 401 IDENTITY_NOT_AVAILABLE if nobody")
    public SignedIn current() {
        HttpSession session = request.getSession(false);
        Object user = session == null ? null : session.getAttribute(USER_ATTRIBUTE);
        if (!(user instanceof String id)) {
            throw new MessagingException(ErrorCode.IDENTITY_NOT_AVAILABLE, "nobody is signed in in this session");
        }
        return new SignedIn(id.startsWith(DEMO_PREFIX) ? id.substring(DEMO_PREFIX.length()) : id);
    }

    @DELETE
    @Operation(summary = "Sign out")
    public Response signOut() {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return Response.noContent().build();
    }

    private void signIn(String hostUserId) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(USER_ATTRIBUTE, hostUserId);
    }

    private static SignIn read(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a JSON body is required");
        }
        try (var jsonb = JsonbBuilder.create()) {
            SignIn signIn = jsonb.fromJson(body, SignIn.class);
            if (signIn == null) {
                throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a JSON body is required");
            }
            return signIn;
        } catch (InvalidValueException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    "the body must be a JSON object such as {\"name\":\"alice\"} or {\"address\":\"0x…\"}");
        }
    }
}
