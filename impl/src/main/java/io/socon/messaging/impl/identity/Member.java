package io.socon.messaging.impl.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One member of an inbox and how it got there.
 *
 * @param id who the member is
 * @param addedBy the member (or recovery identifier) that signed for this one; empty for the inbox's creator
 * @param clientTimestampNs the {@code client_timestamp_ns} of the update that added it; empty for the creator
 * @param addedOnChainId the chain of the smart-contract wallet signature that added it; empty otherwise. Later
 *     signatures by this member must come from the same chain.
 */
public record Member(MemberId id, Optional<MemberId> addedBy, OptionalLong clientTimestampNs,
        OptionalLong addedOnChainId) {

    /** Checks that no field is null. */
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(addedBy, "addedBy");
        Objects.requireNonNull(clientTimestampNs, "clientTimestampNs");
        Objects.requireNonNull(addedOnChainId, "addedOnChainId");
    }

    /** The member's kind. */
    public MemberKind kind() {
        return id.kind();
    }
}
