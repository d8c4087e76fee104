package io.socon.messaging.impl.client.group;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The attribute keys libxmtp knows in a group's mutable metadata, with the length limits its commit
 * validation enforces (libxmtp {@code xmtp_mls_common/src/group_mutable_metadata.rs} {@code MetadataField};
 * limits from {@code xmtp_mls/src/groups/mod.rs}). The attributes map may hold other keys; they are kept and
 * governed by the fallback rule of {@link PolicySet#allowsMetadataUpdate}.
 */
public enum MetadataField {
    /** The group's name; at most 100 bytes of UTF-8. */
    GROUP_NAME("group_name", 100),
    /** The group's description; at most 1000 bytes. */
    DESCRIPTION("description", 1000),
    /** The URL of the group's square image; at most 2048 bytes. */
    GROUP_IMAGE_URL_SQUARE("group_image_url_square", 2048),
    /** Disappearing messages: the time (ns since the epoch, decimal) from which messages disappear. */
    MESSAGE_DISAPPEAR_FROM_NS("message_disappear_from_ns", -1),
    /** Disappearing messages: how long (ns, decimal) a message lives. */
    MESSAGE_DISAPPEAR_IN_NS("message_disappear_in_ns", -1),
    /** The lowest libxmtp version (e.g. {@code "1.10.0"}) that may process the group's commits. */
    MINIMUM_SUPPORTED_PROTOCOL_VERSION("minimum_supported_protocol_version", -1),
    /**
     * The lowercase hex of the 32-byte Ed25519 secret that signs the group's commit log. The leading
     * {@code "_"} makes it a super-admin-only field when no policy names it.
     */
    COMMIT_LOG_SIGNER("_commit_log_signer", -1),
    /** Free data for applications; at most 8192 bytes. */
    APP_DATA("app_data", 8192);

    /**
     * The fields that new groups give a policy to ({@code GroupMutableMetadata::supported_fields}), in
     * libxmtp's order. The commit log signer is not among them.
     */
    public static final List<MetadataField> SUPPORTED = List.of(GROUP_NAME, DESCRIPTION, GROUP_IMAGE_URL_SQUARE,
            MESSAGE_DISAPPEAR_FROM_NS, MESSAGE_DISAPPEAR_IN_NS, MINIMUM_SUPPORTED_PROTOCOL_VERSION, APP_DATA);

    /** A field without a policy whose key starts with this is super-admin only; others are admin only. */
    public static final String SUPER_ADMIN_PREFIX = "_";

    private final String key;
    private final int maxBytes;

    MetadataField(String key, int maxBytes) {
        this.key = key;
        this.maxBytes = maxBytes;
    }

    /** The key in the attributes map and in the metadata policy map. */
    public String key() {
        return key;
    }

    /**
     * The most UTF-8 bytes a commit may set this field to (libxmtp compares Rust's {@code String::len}, a
     * byte count); empty when there is no limit.
     */
    public OptionalInt maxBytes() {
        return maxBytes < 0 ? OptionalInt.empty() : OptionalInt.of(maxBytes);
    }

    /** The field with attribute key {@code key}, if it is one libxmtp knows. */
    public static Optional<MetadataField> fromKey(String key) {
        for (MetadataField field : values()) {
            if (field.key.equals(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
