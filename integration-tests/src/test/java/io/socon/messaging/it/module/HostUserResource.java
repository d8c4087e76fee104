package io.socon.messaging.it.module;

import static io.socon.messaging.it.module.Waits.await;

import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.Inbox;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.Messaging;
import io.socon.messaging.api.content.Text;
import io.socon.messaging.api.conversation.Dm;
import io.socon.messaging.api.conversation.MessageQuery;
import io.socon.messaging.impl.jakarta.EmbeddedNode;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * What a host application does with the injected {@link Messaging}, callable over HTTP by a test that runs
 * outside the server (where the libxmtp peer runs): the embedded node's port, open an inbox, DM an inbox id,
 * read the DM's texts.
 */
@Path("/host")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostUserResource {

    @Inject
    Messaging messaging;

    @Inject
    EmbeddedNode node;

    @GET
    @Path("node")
    public Map<String, Object> node() {
        return Map.of("running", node.status().running(), "port", node.port().orElse(-1));
    }

    @POST
    @Path("users/{user}/inbox")
    public Map<String, String> openInbox(@PathParam("user") String user) {
        Inbox inbox = await(messaging.openInbox(HostUser.of(user)));
        return Map.of("inboxId", inbox.info().inboxId().value());
    }

    @POST
    @Path("users/{user}/dm/{peer}")
    @Consumes(MediaType.TEXT_PLAIN)
    public Map<String, String> sendText(@PathParam("user") String user, @PathParam("peer") String peer, String text) {
        Dm dm = dm(user, peer);
        await(dm.sendText(text));
        return Map.of("conversationId", dm.id().value());
    }

    /** The DM's messages, oldest first: texts as they are, other content as {@code [its content type]}. */
    @GET
    @Path("users/{user}/dm/{peer}")
    public List<String> texts(@PathParam("user") String user, @PathParam("peer") String peer) {
        Dm dm = dm(user, peer);
        await(dm.sync());
        return await(dm.messages(MessageQuery.oldest(50))).messages().stream()
                .map(m -> m.content() instanceof Text t ? t.text() : "[" + m.content().type() + "]")
                .toList();
    }

    private Dm dm(String user, String peer) {
        Inbox inbox = await(messaging.openInbox(HostUser.of(user)));
        return await(inbox.conversations().openDm(InboxId.of(peer)));
    }
}
