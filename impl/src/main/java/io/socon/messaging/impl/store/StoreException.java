package io.socon.messaging.impl.store;

/** The database failed or is unreachable; nothing of the failed call was written. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
