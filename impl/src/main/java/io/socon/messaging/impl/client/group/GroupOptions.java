package io.socon.messaging.impl.client.group;

import java.util.Objects;
import java.util.Optional;

/**
 * What the creator of a group may set at creation (libxmtp {@code GroupMetadataOptions}, the node SDK's
 * {@code CreateGroupOptions} without the permissions). An option that is not given becomes the empty string,
 * as in libxmtp, so "not given" and "" give the same bytes.
 *
 * @param name           the group name
 * @param description    the description
 * @param imageUrlSquare the URL of the square image
 * @param appData        data for applications
 * @param disappearing   disappearing-message settings, if any
 */
public record GroupOptions(String name, String description, String imageUrlSquare, String appData,
                           Optional<DisappearingSettings> disappearing) {

    /** No options: everything empty, no disappearing messages. What createGroup without options uses. */
    public static final GroupOptions NONE = new GroupOptions("", "", "", "", Optional.empty());

    /** Checks for nulls. */
    public GroupOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(imageUrlSquare, "imageUrlSquare");
        Objects.requireNonNull(appData, "appData");
        Objects.requireNonNull(disappearing, "disappearing");
    }

    /** These options with the given name. */
    public GroupOptions withName(String newName) {
        return new GroupOptions(newName, description, imageUrlSquare, appData, disappearing);
    }

    /** These options with the given description. */
    public GroupOptions withDescription(String newDescription) {
        return new GroupOptions(name, newDescription, imageUrlSquare, appData, disappearing);
    }

    /** These options with the given image URL. */
    public GroupOptions withImageUrlSquare(String newImageUrlSquare) {
        return new GroupOptions(name, description, newImageUrlSquare, appData, disappearing);
    }

    /** These options with the given app data. */
    public GroupOptions withAppData(String newAppData) {
        return new GroupOptions(name, description, imageUrlSquare, newAppData, disappearing);
    }

    /** These options with disappearing messages. */
    public GroupOptions withDisappearing(DisappearingSettings settings) {
        return new GroupOptions(name, description, imageUrlSquare, appData, Optional.of(settings));
    }
}
