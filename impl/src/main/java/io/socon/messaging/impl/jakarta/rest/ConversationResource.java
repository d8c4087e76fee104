package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.ConversationId;
import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.MessageId;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.content.Reaction;
import io.socon.messaging.api.content.Reply;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.Conversation;
import io.socon.messaging.api.conversation.ConversationQuery;
import io.socon.messaging.api.conversation.Group;
import io.socon.messaging.api.conversation.GroupMetadata;
import io.socon.messaging.api.conversation.Message;
import io.socon.messaging.api.conversation.MessageQuery;
import io.socon.messaging.api.conversation.NewGroup;
import io.socon.messaging.impl.jakarta.rest.json.ConversationJson;
import io.socon.messaging.impl.jakarta.rest.json.ConversationListJson;
import io.socon.messaging.impl.jakarta.rest.json.MessageJson;
import io.socon.messaging.impl.jakarta.rest.json.MessageListJson;
import io.socon.messaging.impl.jakarta.rest.json.ProblemJson;
import io.socon.messaging.impl.jakarta.rest.json.Requests;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Conversations, their members and messages: everything under {@code conversations}. */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "DMs and groups, their members and messages")
public class ConversationResource {

    static final int DEFAULT_LIMIT = 50;
    static final String DM_SHAPE = "{\"peer\":\"0x… or inbox id\"}";
    static final String GROUP_SHAPE = "{\"name\":\"…\",\"description\":\"…\",\"members\":[\"0x… or inbox id\", …]}";
    static final String MEMBERS_SHAPE = "{\"members\":[\"0x… or inbox id\", …]}";
    static final String PATCH_SHAPE = "{\"name\"?:\"…\",\"description\"?:\"…\",\"imageUrl\"?:\"https://…\"}";
    static final String SEND_SHAPE = "{\"type\":\"text\",\"text\":\"…\"}, {\"type\":\"reply\",\"reference\":\"<message id>\","
            + "\"text\":\"…\"} or {\"type\":\"reaction\",\"reference\":\"<message id>\",\"emoji\":\"…\",\"action\":\"ADDED\"}";

    private static final String JSON = MediaType.APPLICATION_JSON;
    private static final String PROBLEM = Problems.MEDIA_TYPE;

    @Inject
    CallerInboxes inboxes;

    @Context
    SecurityContext security;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;

    @GET
    @Operation(summary = "List conversations, most recently active first")
    @APIResponse(responseCode = "200", description = "A page of conversations",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationListJson.class)))
    @APIResponse(responseCode = "400", description = "A bad limit or cursor",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> list(
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "The 'next' cursor of the previous page") @QueryParam("after") String after) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationQuery query = ConversationQuery.recent(limit(limit, ConversationQuery.MAX_LIMIT));
            if (after != null && !after.isBlank()) {
                query = Cursors.apply(after.strip(), query);
            }
            ConversationQuery asked = query;
            return inboxes.open(caller).thenCompose(inbox -> inbox.conversations().list(asked)
                    .thenCompose(page -> ConversationViews.views(page.conversations())
                            .thenApply(views -> Response.ok(new ConversationListJson(views,
                                    page.next().map(Cursors::encode).orElse(null))).build())));
        });
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One conversation")
    @APIResponse(responseCode = "200", description = "The conversation",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> get(@Parameter(description = "Conversation id (hex)") @PathParam("id") String id) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            return inboxes.open(caller).thenCompose(inbox -> find(inbox, conversationId)
                    .thenCompose(c -> ConversationViews.view(c))
                    .thenApply(view -> Response.ok(view).build()));
        });
    }

    @POST
    @Path("dm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open the DM with a peer (existing or new)")
    @APIResponse(responseCode = "200", description = "The DM",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "404", description = "PEER_NOT_REACHABLE: the peer has no XMTP inbox",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> openDm(@RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = Requests.Dm.class))) String body) {
        Caller caller = caller();
        return Async.respond(() -> {
            inboxes.user(caller);
            Requests.Dm dm = RestJson.read(body, Requests.Dm.class, DM_SHAPE);
            var peer = Peers.parse(dm.peer(), "peer");
            return inboxes.open(caller).thenCompose(inbox -> inbox.conversations().openDm(peer)
                    .thenCompose(c -> ConversationViews.view(c))
                    .thenApply(view -> Response.ok(view).build()));
        });
    }

    @POST
    @Path("group")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a group; the caller becomes its super admin")
    @APIResponse(responseCode = "201", description = "The group",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "404", description = "PEER_NOT_REACHABLE: a member has no XMTP inbox",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> createGroup(@RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = Requests.NewGroup.class))) String body) {
        Caller caller = caller();
        URI base = uriInfo.getBaseUri(); // @Context proxies answer only on the request's thread
        return Async.respond(() -> {
            inboxes.user(caller);
            Requests.NewGroup asked = RestJson.read(body, Requests.NewGroup.class, GROUP_SHAPE);
            GroupMetadata metadata = new GroupMetadata(orEmpty(asked.name()), orEmpty(asked.description()),
                    imageUrl(asked.imageUrl()));
            NewGroup group = new NewGroup(metadata,
                    Peers.parseSet(asked.members() == null ? List.of() : asked.members(), "members",
                            NewGroup.MAX_MEMBERS),
                    NewGroup.Permissions.ALL_MEMBERS);
            return inboxes.open(caller).thenCompose(inbox -> inbox.conversations().createGroup(group)
                    .thenCompose(c -> ConversationViews.view(c))
                    .thenApply(view -> Response.created(location(base, view.id())).entity(view).build()));
        });
    }

    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add members to a group")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_DENIED or NOT_A_MEMBER",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> addMembers(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = Requests.Members.class))) String body) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            inboxes.user(caller);
            Requests.Members asked = RestJson.read(body, Requests.Members.class, MEMBERS_SHAPE);
            var peers = Peers.parseSet(asked.members(), "members", NewGroup.MAX_MEMBERS);
            return onGroup(caller, conversationId, group -> group.addMembers(peers));
        });
    }

    @DELETE
    @Path("{id}/members/{inboxId}")
    @Operation(summary = "Remove a member from a group")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_DENIED or NOT_A_MEMBER",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> removeMember(@PathParam("id") String id, @PathParam("inboxId") String inboxId) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            InboxId member = InboxId.of(inboxId);
            return onGroup(caller, conversationId, group -> group.removeMembers(List.of(member)));
        });
    }

    @PATCH
    @Path("{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a group's name, description or image")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ConversationJson.class)))
    @APIResponse(responseCode = "403", description = "PERMISSION_DENIED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> update(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = Requests.GroupPatch.class))) String body) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            inboxes.user(caller);
            Requests.GroupPatch patch = RestJson.read(body, Requests.GroupPatch.class, PATCH_SHAPE);
            boolean changeImage = patch.imageUrl() != null;
            Optional<URI> newImage = changeImage ? imageUrl(patch.imageUrl()) : Optional.empty();
            return onGroup(caller, conversationId, group -> {
                GroupMetadata metadata = group.metadata();
                if (patch.name() != null) {
                    metadata = metadata.withName(patch.name());
                }
                if (patch.description() != null) {
                    metadata = metadata.withDescription(patch.description());
                }
                if (changeImage) {
                    metadata = metadata.withImageUrl(newImage);
                }
                return group.updateMetadata(metadata);
            });
        });
    }

    @POST
    @Path("sync")
    @Operation(summary = "Fetch new conversations and messages from the network")
    @APIResponse(responseCode = "204", description = "Synced")
    public CompletionStage<Response> sync() {
        Caller caller = caller();
        return Async.respond(() -> inboxes.open(caller).thenCompose(inbox -> inbox.conversations().sync()
                .thenCompose(done -> inbox.conversations().list(ConversationQuery.recent(ConversationQuery.MAX_LIMIT)))
                .thenCompose(page -> {
                    List<CompletableFuture<Void>> each = new ArrayList<>();
                    for (Conversation c : page.conversations()) {
                        each.add(c.sync().toCompletableFuture());
                    }
                    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
                })
                .thenApply(done -> Response.noContent().build())));
    }

    @GET
    @Path("{id}/messages")
    @Operation(summary = "List messages, one page before a point in time, oldest first")
    @APIResponse(responseCode = "200", description = "A page of messages",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = MessageListJson.class)))
    @APIResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> messages(@PathParam("id") String id,
            @Parameter(description = "Page size, 1 to 500", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "500", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = "Only messages sent before this (nanoseconds since the epoch; a page's 'next')",
                    schema = @Schema(type = SchemaType.STRING, pattern = "[0-9]{1,19}"))
            @QueryParam("before") String before) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            MessageQuery query = MessageQuery.latest(limit(limit, MessageQuery.MAX_LIMIT));
            if (before != null && !before.isBlank()) {
                query = query.before(Cursors.parseNanos(before, "before"));
            }
            MessageQuery asked = query;
            return inboxes.open(caller).thenCompose(inbox -> find(inbox, conversationId)
                    .thenCompose(c -> c.messages(asked))
                    .thenApply(page -> {
                        List<Message> newestFirst = JsonMapping.newestFirst(page.messages());
                        List<MessageJson> oldestFirst = new ArrayList<>(newestFirst.size());
                        for (int i = newestFirst.size() - 1; i >= 0; i--) {
                            oldestFirst.add(JsonMapping.message(newestFirst.get(i)));
                        }
                        String next = page.next().isEmpty() || newestFirst.isEmpty() ? null
                                : String.valueOf(Cursors.nanos(page.next().get().sentBefore()
                                        .orElse(newestFirst.get(newestFirst.size() - 1).sentAt())));
                        return Response.ok(new MessageListJson(oldestFirst, next)).build();
                    }));
        });
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a text, a reply or a reaction")
    @APIResponse(responseCode = "201", description = "The message sent",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = MessageJson.class)))
    @APIResponse(responseCode = "404", description = "CONVERSATION_NOT_FOUND or MESSAGE_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemJson.class)))
    public CompletionStage<Response> send(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(mediaType = JSON,
                    schema = @Schema(implementation = Requests.Send.class))) String body) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            inboxes.user(caller);
            io.socon.messaging.api.content.Content content =
                    content(RestJson.read(body, Requests.Send.class, SEND_SHAPE));
            return inboxes.open(caller).thenCompose(inbox -> find(inbox, conversationId)
                    .thenCompose(c -> c.send(content))
                    .thenApply(m -> Response.status(Response.Status.CREATED).entity(JsonMapping.message(m)).build()));
        });
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark everything in the conversation read",
            description = "unreadCount becomes 0; the other members get a read receipt if something from them was unread.")
    @APIResponse(responseCode = "204", description = "Marked read")
    public CompletionStage<Response> markRead(@PathParam("id") String id) {
        Caller caller = caller();
        return Async.respond(() -> {
            ConversationId conversationId = ConversationId.of(id);
            return inboxes.open(caller).thenCompose(inbox -> find(inbox, conversationId)
                    .thenCompose(Conversation::markRead)
                    .thenApply(done -> Response.noContent().build()));
        });
    }

    /** The content a send request asks for. */
    static io.socon.messaging.api.content.Content content(Requests.Send send) {
        String type = send.type() == null ? "" : send.type().strip();
        return switch (type) {
            case "text" -> Text.of(required(send.text(), "text"));
            case "reply" -> Reply.text(MessageId.of(required(send.reference(), "reference")),
                    required(send.text(), "text"));
            case "reaction" -> {
                MessageId reference = MessageId.of(required(send.reference(), "reference"));
                String emoji = required(send.emoji(), "emoji");
                String action = send.action() == null ? "ADDED" : send.action().strip().toUpperCase(Locale.ROOT);
                yield switch (action) {
                    case "ADDED" -> Reaction.add(reference, emoji);
                    case "REMOVED" -> Reaction.remove(reference, emoji);
                    default -> throw RestProblemException.badRequest(
                            "action must be ADDED or REMOVED, got '" + send.action() + "'");
                };
            }
            default -> throw RestProblemException.badRequest("type must be text, reply or reaction, got '"
                    + send.type() + "'; send " + SEND_SHAPE);
        };
    }

    private CompletionStage<Response> onGroup(Caller caller, ConversationId id,
            Function<Group, CompletionStage<Void>> change) {
        return inboxes.open(caller).thenCompose(inbox -> find(inbox, id)
                .thenCompose(c -> {
                    if (!(c instanceof Group group)) {
                        throw RestProblemException.badRequest("conversation " + id
                                + " is a DM; members and metadata can only be changed in groups");
                    }
                    // a fresh handle after the change, so the view shows the group as the change left it
                    return change.apply(group).thenCompose(done -> find(inbox, id))
                            .thenCompose(changed -> ConversationViews.view(changed));
                })
                .thenApply(view -> Response.ok(view).build()));
    }

    private static CompletionStage<Conversation> find(Inbox inbox, ConversationId id) {
        return inbox.conversations().find(id).thenApply(found -> found.orElseThrow(() -> new MessagingException(
                ErrorCode.CONVERSATION_NOT_FOUND, "this inbox has no conversation " + id
                        + "; it may not be synced yet: POST conversations/sync and try again")));
    }

    private static URI location(URI base, String conversationId) {
        return UriBuilder.fromUri(base).path(ConversationResource.class).path(conversationId).build();
    }

    static int limit(String text, int max) {
        if (text == null || text.isBlank()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RestProblemException.badRequest("limit must be a number from 1 to " + max + ", got '"
                + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'");
    }

    private static Optional<URI> imageUrl(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.strip()));
        } catch (URISyntaxException e) {
            throw RestProblemException.badRequest("imageUrl is not a URL: " + e.getReason());
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String required(String value, String member) {
        if (value == null || value.isEmpty()) {
            throw RestProblemException.badRequest(member + " is required; send " + SEND_SHAPE);
        }
        return value;
    }

    private Caller caller() {
        return Callers.of(security, request, headers);
    }
}
