package io.socon.messaging.impl.jakarta;

import io.socon.messaging.impl.notify.WebhookNotificationSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The messaging settings, read from MicroProfile Config (so also from environment variables such as
 * {@code SOCON_VAULT_FILE_PASSWORD}). The node's own keys ({@code socon.node.*}) are in
 * {@link EmbeddedNodeConfig}. Every key, its default and meaning are listed in the README ("Configuration").
 * Durations are ISO-8601 ({@code PT5M}) or a number of seconds. Secrets are never in {@link #toString()}.
 *
 * @param dataDir           where the embedded H2 messaging database lives (unless {@code database} names another)
 *                          and where earlier versions' per-user stores are imported from
 * @param idleClose         how long an unused inbox keeps its client open
 * @param maxConcurrent     operations running at once
 * @param maxWaiting        operations waiting for a turn before calls fail with RATE_LIMITED
 * @param vaultType         the default key vault: a PKCS#12 file or memory (tests)
 * @param vaultFile         the file vault's path
 * @param vaultPassword     the file vault's password
 * @param keyPrefix         the key URI prefix of the vault that holds the service's keys
 * @param externalWallets   whether users whose id is an Ethereum address sign with their own wallet (default
 *                          identity providers only)
 * @param custodial         whether other users get a custodial wallet (default identity providers only)
 * @param challengeTtl      how long a wallet challenge stays valid
 * @param keepDefaultIdentityProviders whether application identity providers are added to the defaults instead of
 *                          replacing them
 * @param cdiEvents         whether notifications are fired as CDI events
 * @param webhookUrl        where the webhook sink posts, if any
 * @param webhookSecret     its {@code whsec_} secret
 * @param webhookRetries    the waits between webhook attempts
 * @param webhookTimeout    how long a webhook attempt may take
 * @param previews          whether notifications carry the beginning of the text
 * @param keepDefaultSinks  whether application notification sinks are added to the defaults instead of replacing
 *                          them
 * @param nodeTrustedCertificates for an https node: a PEM file of the certificates to trust, else the system's
 * @param database          where the user directory and every user's client store live:
 *                          {@code socon.messaging.datasource} (JNDI) or {@code socon.messaging.jdbc-url}, else H2
 */
public record MessagingConfig(Path dataDir, Duration idleClose, int maxConcurrent, int maxWaiting, VaultType vaultType,
        Path vaultFile, Optional<String> vaultPassword, String keyPrefix, boolean externalWallets, boolean custodial,
        Duration challengeTtl, boolean keepDefaultIdentityProviders, boolean cdiEvents, Optional<URI> webhookUrl,
        Optional<String> webhookSecret, List<Duration> webhookRetries, Duration webhookTimeout, boolean previews,
        boolean keepDefaultSinks, Optional<Path> nodeTrustedCertificates, DatabaseSettings database) {

    /** Which built-in key vault to use when the application provides none. */
    public enum VaultType {
        /** A PKCS#12 file protected by a password: the default. */
        FILE,
        /** Memory only: keys are lost when the server stops. For tests and demos. */
        MEMORY
    }

    /** Reads the settings. */
    public static MessagingConfig from(Config config) {
        Path dataDir = Path.of(string(config, "socon.messaging.data-dir").orElse("socon-data/messaging"));
        Duration idle = duration(config, "socon.messaging.idle-close").orElse(Duration.ofMinutes(5));
        int maxConcurrent = config.getOptionalValue("socon.messaging.max-concurrent-operations", Integer.class)
                .orElse(64);
        int maxWaiting = config.getOptionalValue("socon.messaging.max-waiting-operations", Integer.class)
                .orElse(10_000);
        String typeName = string(config, "socon.vault.type").orElse("file");
        VaultType type;
        try {
            type = VaultType.valueOf(typeName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("socon.vault.type must be 'file' or 'memory', not '" + typeName + "'");
        }
        Path vaultFile = Path.of(string(config, "socon.vault.file.path").orElse("socon-data/vault.p12"));
        Optional<String> password = string(config, "socon.vault.file.password");
        String prefix = string(config, "socon.vault.key-prefix")
                .orElse(type == VaultType.FILE ? "file-vault://" : "memory://");
        boolean external = config.getOptionalValue("socon.identity.external-wallet.enabled", Boolean.class)
                .orElse(true);
        boolean custodial = config.getOptionalValue("socon.identity.custodial.enabled", Boolean.class).orElse(true);
        Duration ttl = duration(config, "socon.identity.challenge-ttl").orElse(Duration.ofMinutes(10));
        boolean keepProviders = config.getOptionalValue("socon.identity.keep-defaults", Boolean.class).orElse(false);
        boolean cdiEvents = config.getOptionalValue("socon.notify.cdi-event.enabled", Boolean.class).orElse(true);
        Optional<URI> webhook = string(config, "socon.notify.webhook.url").map(URI::create);
        Optional<String> secret = string(config, "socon.notify.webhook.secret");
        if (webhook.isPresent() && secret.isEmpty()) {
            throw new IllegalArgumentException("socon.notify.webhook.url is set but socon.notify.webhook.secret is"
                    + " not; give the whsec_ secret the receiver verifies with");
        }
        List<Duration> retries = string(config, "socon.notify.webhook.retries").map(MessagingConfig::durations)
                .orElse(WebhookNotificationSink.DEFAULT_RETRIES);
        Duration timeout = duration(config, "socon.notify.webhook.timeout")
                .orElse(WebhookNotificationSink.DEFAULT_TIMEOUT);
        boolean previews = config.getOptionalValue("socon.notify.previews", Boolean.class).orElse(false);
        boolean keepSinks = config.getOptionalValue("socon.notify.keep-defaults", Boolean.class).orElse(false);
        Optional<Path> trust = string(config, "socon.node.trusted-certificates").map(Path::of);
        return new MessagingConfig(dataDir, idle, maxConcurrent, maxWaiting, type, vaultFile, password, prefix,
                external, custodial, ttl, keepProviders, cdiEvents, webhook, secret, retries, timeout, previews,
                keepSinks, trust, DatabaseSettings.from(config, "socon.messaging."));
    }

    private static Optional<String> string(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Optional<Duration> duration(Config config, String key) {
        return string(config, key).map(text -> {
            try {
                return parseDuration(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT5M, or seconds;"
                        + " got '" + text + "'");
            }
        });
    }

    static Duration parseDuration(String text) {
        Duration d;
        if (text.matches("\\d+")) {
            d = Duration.ofSeconds(Long.parseLong(text));
        } else {
            try {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: " + text, e);
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a duration must be positive: " + text);
        }
        return d;
    }

    private static List<Duration> durations(String text) {
        List<Duration> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    list.add(parseDuration(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("socon.notify.webhook.retries is a comma-separated list of"
                            + " durations such as PT5S,PT30S; got '" + text + "'");
                }
            }
        }
        return List.copyOf(list);
    }

    @Override
    public String toString() {
        return "MessagingConfig[dataDir=" + dataDir + ", database=" + database + ", idleClose=" + idleClose + ", maxConcurrent=" + maxConcurrent
                + ", maxWaiting=" + maxWaiting + ", vault=" + vaultType + " " + vaultFile + " password="
                + (vaultPassword.isPresent() ? "***" : "none") + ", keyPrefix=" + keyPrefix + ", externalWallets="
                + externalWallets + ", custodial=" + custodial + ", challengeTtl=" + challengeTtl + ", cdiEvents="
                + cdiEvents + ", webhook=" + webhookUrl.map(u -> u.getScheme() + "://" + u.getHost()
                        + (u.getPort() == -1 ? "" : ":" + u.getPort()) + u.getRawPath()).orElse("none")
                + " secret=" + (webhookSecret.isPresent() ? "***" : "none") + ", previews=" + previews + "]";
    }
}
