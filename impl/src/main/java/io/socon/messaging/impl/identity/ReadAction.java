package io.socon.messaging.impl.identity;

import java.util.List;
import java.util.Objects;

/**
 * One action as read from the wire: what it does and its signatures in wire order, each with the role it plays
 * (used in messages).
 */
record ReadAction(UnsignedAction unsigned, List<Signed> signatures) {

    ReadAction {
        Objects.requireNonNull(unsigned, "unsigned");
        signatures = List.copyOf(signatures);
    }

    /** A signature and the field it came from, for example {@code existing_member_signature}. */
    record Signed(String field, UnverifiedSignature signature) {
        Signed {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(signature, "signature");
        }
    }
}
