package io.socon.messaging.api.conversation;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import java.net.URI;
import java.util.Optional;

/**
 * A group's name, description and image, as members see them. Empty text means "not set".
 *
 * @param name up to {@value #MAX_NAME_LENGTH} characters
 * @param description up to {@value #MAX_DESCRIPTION_LENGTH} characters
 * @param imageUrl an http(s) URL of the group's image, if any
 */
public record GroupMetadata(String name, String description, Optional<URI> imageUrl) {

    /** Longest group name (XMTP's limit). */
    public static final int MAX_NAME_LENGTH = 100;
    /** Longest group description (XMTP's limit). */
    public static final int MAX_DESCRIPTION_LENGTH = 1000;

    /** No name, description or image. */
    public static final GroupMetadata EMPTY = new GroupMetadata("", "", Optional.empty());

    /** @throws InvalidValueException if a text is null or too long, or the image URL is not absolute http(s) */
    public GroupMetadata {
        check(name, MAX_NAME_LENGTH, "group name");
        check(description, MAX_DESCRIPTION_LENGTH, "group description");
        if (imageUrl == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "imageUrl must not be null (use Optional.empty())");
        }
        imageUrl.ifPresent(url -> {
            String scheme = url.getScheme();
            if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || url.getHost() == null) {
                throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                        "a group image URL must be an absolute http(s) URL, got " + url);
            }
        });
    }

    /** Metadata with only a name. */
    public static GroupMetadata named(String name) {
        return new GroupMetadata(name, "", Optional.empty());
    }

    /** A copy with another name. */
    public GroupMetadata withName(String newName) {
        return new GroupMetadata(newName, description, imageUrl);
    }

    /** A copy with another description. */
    public GroupMetadata withDescription(String newDescription) {
        return new GroupMetadata(name, newDescription, imageUrl);
    }

    /** A copy with another image URL, or none. */
    public GroupMetadata withImageUrl(Optional<URI> newImageUrl) {
        return new GroupMetadata(name, description, newImageUrl);
    }

    private static void check(String text, int max, String what) {
        if (text == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, what + " must not be null (use \"\")");
        }
        if (text.length() > max) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT,
                    what + " is " + text.length() + " characters; the most allowed is " + max);
        }
    }
}
