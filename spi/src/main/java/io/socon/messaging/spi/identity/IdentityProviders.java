package io.socon.messaging.spi.identity;

import io.socon.messaging.api.HostUser;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Asks identity providers in order, as Jakarta Security's {@code IdentityStoreHandler} asks identity stores.
 */
public final class IdentityProviders {

    private IdentityProviders() {
    }

    /**
     * Asks {@code providers} by ascending {@link IdentityProvider#priority()} (ties in the given order) and
     * returns the first answer that is not {@link IdentityResult#NOT_HANDLED}.
     *
     * @return the first {@code RESOLVED} or {@code DENIED} answer, or {@code NOT_HANDLED} if nobody knows the user
     * @throws IllegalStateException if a provider returns null (a bug in the provider, named in the message)
     */
    public static IdentityResult resolve(List<? extends IdentityProvider> providers, HostUser user) {
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(user, "user");
        List<? extends IdentityProvider> ordered = providers.stream()
                .sorted(Comparator.comparingInt(IdentityProvider::priority)).toList();
        for (IdentityProvider provider : ordered) {
            IdentityResult result = provider.resolve(user);
            if (result == null) {
                throw new IllegalStateException(provider.getClass().getName()
                        + ".resolve returned null; return IdentityResult.NOT_HANDLED for users it does not know");
            }
            if (result.status() != IdentityResult.Status.NOT_HANDLED) {
                return result;
            }
        }
        return IdentityResult.NOT_HANDLED;
    }
}
