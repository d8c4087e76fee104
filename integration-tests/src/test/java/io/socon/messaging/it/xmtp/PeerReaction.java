package io.socon.messaging.it.xmtp;

/**
 * The content of a reaction ({@code xmtp.org/reaction}), as libxmtp decoded it.
 *
 * @param reference the id of the message reacted to
 * @param referenceInboxId the inbox id of that message's sender, or {@code null} when the sender left it empty
 * @param action {@code added}, {@code removed} or {@code unknown}
 * @param content the reaction itself, e.g. an emoji
 * @param schema {@code unicode}, {@code shortcode}, {@code custom} or {@code unknown}
 */
public record PeerReaction(String reference, String referenceInboxId, String action, String content, String schema) {

    public boolean isAdded() {
        return "added".equals(action);
    }

    public boolean isRemoved() {
        return "removed".equals(action);
    }
}
