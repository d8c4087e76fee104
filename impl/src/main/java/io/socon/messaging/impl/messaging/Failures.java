package io.socon.messaging.impl.messaging;

import io.socon.messaging.api.ErrorCode;
import io.socon.messaging.api.InvalidValueException;
import io.socon.messaging.api.MessagingException;
import io.socon.messaging.api.RateLimitedException;
import io.socon.messaging.impl.store.StoreException;
import io.socon.messaging.spi.keyvault.KeyVaultException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the engine, the stores and the vault throw into the API's {@link MessagingException}s: engine
 * failures already are ones (kept, except that {@code RATE_LIMITED} becomes a {@link RateLimitedException});
 * key vault failures are {@code KEY_VAULT_UNAVAILABLE}, store failures {@code STORAGE_UNAVAILABLE}, argument
 * errors {@code INVALID_ARGUMENT} (or the code of an {@link InvalidValueException}); anything else is
 * {@code INTERNAL} and logged with its cause, since its message may hold internals.
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    /** How long a caller rate-limited by the node is asked to wait. */
    static final Duration NODE_RETRY_AFTER = Duration.ofSeconds(5);

    private Failures() {
    }

    static MessagingException map(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof MessagingException m) {
            if (m.code() == ErrorCode.RATE_LIMITED && !(m instanceof RateLimitedException)) {
                RateLimitedException limited = new RateLimitedException(m.getMessage(), NODE_RETRY_AFTER);
                limited.initCause(m);
                return limited;
            }
            return m;
        }
        if (t instanceof InvalidValueException v) {
            return new MessagingException(v.code(), v.getMessage(), v);
        }
        if (t instanceof KeyVaultException k) {
            return new MessagingException(ErrorCode.KEY_VAULT_UNAVAILABLE, "the key vault failed: " + k.getMessage(), k);
        }
        if (t instanceof StoreException s && s.getCause() instanceof KeyVaultException k) {
            return new MessagingException(ErrorCode.KEY_VAULT_UNAVAILABLE, "the key vault cannot open this user's"
                    + " local data: " + k.getMessage(), s);
        }
        if (t instanceof StoreException s) {
            LOG.log(System.Logger.Level.WARNING, "local storage failed: " + s.getMessage(), s);
            return new MessagingException(ErrorCode.STORAGE_UNAVAILABLE, "local storage failed; see the server log", s);
        }
        if (t instanceof IllegalArgumentException a) {
            return new MessagingException(ErrorCode.INVALID_ARGUMENT, String.valueOf(a.getMessage()), a);
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected failure: " + t, t);
        return new MessagingException(ErrorCode.INTERNAL, "an unexpected failure; see the server log", t);
    }
}
