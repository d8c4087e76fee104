package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An identity update that passed every rule, with what it changed.
 *
 * @param before the inbox's state before the update; empty when the update created the inbox
 * @param after the state after it
 * @param addedEthereumAddresses addresses that are members after but not before, as sent on the wire (the node
 *     records these in its address-to-inbox index)
 * @param removedEthereumAddresses addresses that were members before but not after
 * @param addedInstallations installation keys that are members after but not before
 * @param removedInstallations installation keys that were members before but not after
 */
public record VerifiedUpdate(Optional<AssociationState> before, AssociationState after,
        List<String> addedEthereumAddresses, List<String> removedEthereumAddresses,
        List<ByteString> addedInstallations, List<ByteString> removedInstallations) {

    /** Checks the fields and copies the lists. */
    public VerifiedUpdate {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        addedEthereumAddresses = List.copyOf(addedEthereumAddresses);
        removedEthereumAddresses = List.copyOf(removedEthereumAddresses);
        addedInstallations = List.copyOf(addedInstallations);
        removedInstallations = List.copyOf(removedInstallations);
    }

    static VerifiedUpdate between(Optional<AssociationState> before, AssociationState after) {
        List<String> addressesBefore = before.map(AssociationState::ethereumAddresses).orElse(List.of());
        List<ByteString> installationsBefore = before.map(AssociationState::installationKeys).orElse(List.of());
        return new VerifiedUpdate(before, after,
                minus(after.ethereumAddresses(), addressesBefore),
                minus(addressesBefore, after.ethereumAddresses()),
                minus(after.installationKeys(), installationsBefore),
                minus(installationsBefore, after.installationKeys()));
    }

    private static <T> List<T> minus(List<T> from, List<T> remove) {
        return from.stream().filter(item -> !remove.contains(item)).toList();
    }
}
