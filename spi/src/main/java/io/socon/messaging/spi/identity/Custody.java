package io.socon.messaging.spi.identity;

/** Who holds the private key of a host user's wallet. */
public enum Custody {
    /** This server, in its key vault: signing needs no one's attention. */
    CUSTODIAL,
    /** The user, in their own wallet (browser extension, mobile app): signing waits for them. */
    EXTERNAL_WALLET
}
