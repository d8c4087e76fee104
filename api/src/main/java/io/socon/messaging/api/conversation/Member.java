package io.socon.messaging.api.conversation;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.ErrorCode;
import java.util.List;

/**
 * A member of a conversation.
 *
 * @param inboxId the member's inbox
 * @param role the member's role in the group ({@link Role#MEMBER} in a DM)
 * @param addresses the wallet addresses associated with the inbox (at least one)
 * @param consent this inbox's consent state towards the member
 */
public record Member(InboxId inboxId, Role role, List<EthereumAddress> addresses, ConsentState consent) {

    /** @throws InvalidValueException if a component is null */
    public Member {
        if (inboxId == null || role == null || addresses == null || consent == null) {
            throw new InvalidValueException(ErrorCode.INVALID_ARGUMENT, "a member needs inboxId, role, addresses and consent");
        }
        addresses = List.copyOf(addresses);
    }
}
