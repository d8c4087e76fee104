package io.socon.messaging.api;

/**
 * The stable catalogue of failures. Each code keeps its name and meaning across releases; new codes may be
 * added in minor releases, so a {@code switch} over this enum needs a {@code default} branch.
 *
 * <p>Every constant says what happened and what the caller can do about it. The REST API reports the same
 * names (as the {@code code} member of its problem+json bodies), and the documentation has one anchor per code
 * ({@code docs/errors.md#CODE}), in the way SLF4J links each of its warnings to an explanation.
 */
public enum ErrorCode {

    // ---- input refused at the boundary (a programming or user error; retrying the same call will fail again)

    /** An argument is missing, empty, too long or out of range. The message names it; correct it and call again. */
    INVALID_ARGUMENT(false),
    /**
     * Text is not an Ethereum address: expected {@code 0x} and 40 hex digits, either all one case or with a
     * correct EIP-55 checksum. A mixed-case address whose checksum fails is almost always a typo.
     */
    INVALID_ADDRESS(false),
    /** Text is not an XMTP inbox id: expected 64 hex digits (the SHA-256 of address and nonce). */
    INVALID_INBOX_ID(false),
    /** A conversation, message or installation id is malformed: expected lowercase hex of the documented length. */
    INVALID_ID(false),
    /** A message is larger than the node accepts (25 MiB by default); send large files as a remote attachment. */
    CONTENT_TOO_LARGE(false),

    // ---- the other party, or the state of a conversation

    /**
     * The address or inbox has no XMTP identity that can receive messages (it never registered an installation).
     * Check with {@code Inbox.canMessage} first; ask the person to open any XMTP app once.
     */
    PEER_NOT_REACHABLE(false),
    /** No conversation with this id is known to this inbox. It may exist but not be synced yet: sync and retry. */
    CONVERSATION_NOT_FOUND(false),
    /** No message with this id is known in this conversation (for example the target of a reply or reaction). */
    MESSAGE_NOT_FOUND(false),
    /** This inbox is not (or no longer) a member of the conversation, so it can neither read new messages nor send. */
    NOT_A_MEMBER(false),
    /** The group's permission policy does not allow this inbox to do this (for example only admins may add members). */
    PERMISSION_DENIED(false),
    /** The conversation is denied by this inbox's consent state; allow it first if the user wants to talk. */
    CONSENT_DENIED(false),
    /** The content type is not one this library can encode; send it as {@code Unknown} content with a fallback. */
    UNSUPPORTED_CONTENT_TYPE(false),
    /**
     * This implementation cannot do this operation yet (for example leaving a group, which needs XMTP's leave
     * requests). The message says what to do instead; retrying will not help.
     */
    UNSUPPORTED_OPERATION(false),

    // ---- identity of the host user

    /** No identity provider maps this host user to an XMTP identity. Register one, or check the user id. */
    IDENTITY_NOT_AVAILABLE(false),
    /**
     * The user's own wallet must sign before the operation can finish. The exception is a
     * {@link SignatureRequiredException} carrying the challenge; show it to the user and submit the signature.
     */
    WALLET_SIGNATURE_REQUIRED(false),
    /** A submitted wallet signature does not recover to the expected address, or its challenge expired. */
    WALLET_SIGNATURE_INVALID(false),
    /** The inbox already has the maximum number of installations XMTP allows; revoke an old installation. */
    INSTALLATION_LIMIT_REACHED(false),

    // ---- infrastructure (usually transient: retry with back-off)

    /** The XMTP node did not answer or refused the connection. Retry later; check the node URL if it persists. */
    NODE_UNAVAILABLE(true),
    /** The node or this server rate-limited the caller. Wait at least {@link RateLimitedException#retryAfter()}. */
    RATE_LIMITED(true),
    /** The key vault failed or is unreachable. Keys are not exported, so nothing can be signed until it is back. */
    KEY_VAULT_UNAVAILABLE(true),
    /** Local storage (the database) failed. Retry; the cause is logged on the server. */
    STORAGE_UNAVAILABLE(true),
    /** A stream subscriber did not request items fast enough and its buffer overflowed; subscribe again. */
    STREAM_OVERFLOW(true),

    // ---- lifecycle and the rest

    /** The {@link Messaging} or {@link Inbox} was closed; open a new one. */
    CLOSED(false),
    /** An unexpected failure inside the library; the cause is logged. Please report it with the log. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    /**
     * Whether the same call may succeed later without changing anything (transient infrastructure trouble).
     * Retry such calls with back-off; others need a change of input or state first.
     */
    public boolean retryable() {
        return retryable;
    }

    /** The path of this code's explanation in the documentation: {@code docs/errors.md#NAME}. */
    public String documentation() {
        return "docs/errors.md#" + name();
    }
}
