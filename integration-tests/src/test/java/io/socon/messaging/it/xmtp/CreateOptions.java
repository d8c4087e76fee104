package io.socon.messaging.it.xmtp;

import java.nio.file.Path;

/**
 * How a peer creates ({@link XmtpPeer#create}) or reopens ({@link XmtpPeer#build}) its client.
 *
 * @param apiUrl the node, e.g. {@code http://localhost:5556} (plain http means gRPC over h2c)
 * @param dbPath libxmtp's SQLite file; {@code null} keeps everything in memory (nothing to reopen)
 * @param walletKey the wallet's private key ({@code 0x} hex); {@code null} makes a fresh wallet on create
 * @param disableDeviceSync true (the default here) keeps the client from building a device-sync group
 * @param loggingLevel libxmtp's log level: {@code off}, {@code error}, {@code warn}, {@code info},
 *     {@code debug} or {@code trace}; the log goes to the peer's log file
 * @param appVersion sent by libxmtp as {@code x-app-version}; {@code null} for none
 */
public record CreateOptions(String apiUrl, Path dbPath, String walletKey, boolean disableDeviceSync,
        String loggingLevel, String appVersion) {

    /** A fresh wallet, device sync off, log level {@code info}. */
    public static CreateOptions forNode(String apiUrl, Path dbPath) {
        return new CreateOptions(apiUrl, dbPath, null, true, "info", null);
    }

    /** Reopening an identity: same node, database and wallet. */
    public static CreateOptions reopen(String apiUrl, Path dbPath, PeerIdentity identity) {
        return forNode(apiUrl, dbPath).withWalletKey(identity.walletKey());
    }

    public CreateOptions withWalletKey(String key) {
        return new CreateOptions(apiUrl, dbPath, key, disableDeviceSync, loggingLevel, appVersion);
    }

    public CreateOptions withDeviceSync(boolean enabled) {
        return new CreateOptions(apiUrl, dbPath, walletKey, !enabled, loggingLevel, appVersion);
    }

    public CreateOptions withLoggingLevel(String level) {
        return new CreateOptions(apiUrl, dbPath, walletKey, disableDeviceSync, level, appVersion);
    }

    public CreateOptions withAppVersion(String version) {
        return new CreateOptions(apiUrl, dbPath, walletKey, disableDeviceSync, loggingLevel, version);
    }
}
