/**
 * The stable API of Socon Messaging: what a host application codes against.
 *
 * <p>Start at {@link io.socon.messaging.api.Messaging}: it opens the XMTP {@link io.socon.messaging.api.Inbox}
 * of a {@link io.socon.messaging.api.HostUser}. From the inbox, {@code conversations()} lists, finds and
 * creates DMs and groups ({@code io.socon.messaging.api.conversation}); conversations send and list messages
 * whose content types live in {@code io.socon.messaging.api.content}.
 *
 * <h2>Values</h2>
 * Ids and other values are small immutable records that check their input when constructed
 * ({@link io.socon.messaging.api.InboxId}, {@link io.socon.messaging.api.EthereumAddress},
 * {@link io.socon.messaging.api.ConversationId}, {@link io.socon.messaging.api.MessageId},
 * {@link io.socon.messaging.api.InstallationId}). Malformed input is refused at once with
 * {@link io.socon.messaging.api.InvalidValueException} (an {@code IllegalArgumentException}) whose message says
 * what form is expected. Byte arrays are copied in and out.
 *
 * <h2>Threads: asynchronous where there is I/O</h2>
 * One model throughout: every method that may talk to the node, the database or the key vault returns a
 * {@link java.util.concurrent.CompletionStage}; everything else (accessors of handles and records) returns at
 * once and never blocks. Why: one server holds the inboxes of many users, and most work waits on the network.
 * A {@code CompletionStage} lets a JAX-RS resource return it as an asynchronous response and a WebSocket push
 * without a thread per waiting user, and composes without extra libraries; code that prefers blocking (for
 * example on a virtual thread) calls {@code toCompletableFuture().join()}. Argument errors are thrown
 * synchronously, before any I/O; failures during the operation complete the stage exceptionally with a
 * {@link io.socon.messaging.api.MessagingException}. Stages complete on the library's threads: do not block in
 * their callbacks; use the {@code *Async} variants with your own executor for slow work.
 *
 * <h2>Streams</h2>
 * New conversations and messages arrive through {@link java.util.concurrent.Flow.Publisher}s (the JDK's
 * reactive streams, adaptable to Reactive Streams, Mutiny or RxJava). Each {@code subscribe} opens one stream
 * that starts at the moment of subscription; the subscriber's {@code request(n)} is honoured, and up to 1024
 * items are buffered for a slow subscriber before the stream ends with {@code onError} and
 * {@link io.socon.messaging.api.ErrorCode#STREAM_OVERFLOW}. Lost connections to the node are resumed without
 * gaps or duplicates. {@code cancel()} stops a stream; closing the inbox completes its streams
 * ({@code onComplete}).
 *
 * <h2>Errors</h2>
 * {@link io.socon.messaging.api.ErrorCode} is the stable catalogue; each code documents its meaning and whether
 * a retry can help. Subclasses carry extra data: {@link io.socon.messaging.api.RateLimitedException},
 * {@link io.socon.messaging.api.SignatureRequiredException}.
 *
 * <h2>Stability</h2>
 * Everything here follows semantic versioning except elements marked {@link io.socon.messaging.api.Beta}. The
 * package depends on nothing but the JDK; no type of gRPC, protobuf, Bouncy Castle or web3j appears in it, so
 * the implementation ({@code io.socon.messaging.impl}) can change without breaking host code. Interfaces here
 * are implemented by the library only; host code should not implement them (new methods may be added).
 */
package io.socon.messaging.api;
