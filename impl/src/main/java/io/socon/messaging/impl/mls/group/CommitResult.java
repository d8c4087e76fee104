package io.socon.messaging.impl.mls.group;

import io.socon.messaging.impl.mls.struct.MlsMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Group#commit} produces. The committing group is unchanged: adopt {@link #group()} once the
 * delivery service has accepted the commit, or drop it if the commit lost a race.
 *
 * @param commit  the commit to send to the group
 * @param welcome the Welcome for the members it adds, if any
 * @param group   the group in the new epoch
 */
public record CommitResult(MlsMessage commit, Optional<MlsMessage> welcome, Group group) {

    /** Checks for nulls. */
    public CommitResult {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(welcome, "welcome");
        Objects.requireNonNull(group, "group");
    }
}
