/**
 * Conversations and messages: {@link io.socon.messaging.api.conversation.Conversations} (list, find, open a
 * DM, create a group), the sealed {@link io.socon.messaging.api.conversation.Conversation} with its two kinds
 * {@link io.socon.messaging.api.conversation.Dm} and {@link io.socon.messaging.api.conversation.Group},
 * members and roles, and the query and page records used to list conversations and messages.
 *
 * <p>Paging: a query names a time window (exclusive bounds), a limit and a direction; each page returns the
 * query for the next page, so callers never compute cursors themselves.
 */
package io.socon.messaging.api.conversation;
