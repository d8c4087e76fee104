package io.socon.messaging.impl.store;

import java.util.List;

/**
 * Told of newly stored messages right after their commit, while the store still holds the topic's write
 * lock: calls for one topic arrive in id order. Implementations must return quickly and never block.
 */
public interface StoreEvents {

    StoreEvents NONE = new StoreEvents() {
        @Override
        public void groupMessagesCommitted(List<GroupMessageRecord> messages) {
        }

        @Override
        public void welcomesCommitted(List<WelcomeRecord> welcomes) {
        }
    };

    /** New group messages (duplicates of stored ones are not repeated). */
    void groupMessagesCommitted(List<GroupMessageRecord> messages);

    /** New welcomes (duplicates of stored ones are not repeated). */
    void welcomesCommitted(List<WelcomeRecord> welcomes);
}
