package io.socon.messaging.it.xmtp;

import java.util.List;

/** An inbox as the node's identity log describes it (from {@code inboxState}). */
public record InboxState(String inboxId, String recoveryAddress, List<String> addresses,
        List<String> installationIds) {
}
