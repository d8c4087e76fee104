package io.socon.messaging.impl.jakarta;

import io.socon.messaging.impl.node.NodeLimits;
import io.socon.messaging.impl.node.NodeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The embedded node's settings, read from MicroProfile Config (so also from environment variables, e.g.
 * {@code SOCON_NODE_PORT}). Every key and default is listed in the README.
 *
 * @param mode {@code embedded} (start a node with the application) or {@code remote} (use {@code remoteUrl})
 * @param remoteUrl the node to use in remote mode
 * @param settings address, port, TLS and limits of the embedded node
 * @param dataDir where the embedded H2 database lives, unless {@code database} names another
 * @param database the node's database: {@code socon.node.datasource} (JNDI) or {@code socon.node.jdbc-url}, else H2
 */
public record EmbeddedNodeConfig(Mode mode, Optional<String> remoteUrl, NodeSettings settings, Path dataDir,
        DatabaseSettings database) {

    /** Whether this application runs its own node. */
    public enum Mode {
        EMBEDDED, REMOTE
    }

    public static final String PREFIX = "socon.node.";

    public static EmbeddedNodeConfig from(Config config) {
        String modeName = config.getOptionalValue(PREFIX + "mode", String.class).orElse("embedded");
        Mode mode;
        try {
            mode = Mode.valueOf(modeName.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "mode must be 'embedded' or 'remote', not '" + modeName + "'");
        }
        Optional<String> remoteUrl = config.getOptionalValue(PREFIX + "url", String.class);
        if (mode == Mode.REMOTE && remoteUrl.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "mode is 'remote' but " + PREFIX + "url is not set");
        }
        NodeLimits limits = new NodeLimits(
                config.getOptionalValue(PREFIX + "max-request-bytes", Integer.class).orElse(NodeLimits.DEFAULTS.maxRequestBytes()),
                config.getOptionalValue(PREFIX + "max-payload-bytes", Integer.class).orElse(NodeLimits.DEFAULTS.maxPayloadBytes()),
                config.getOptionalValue(PREFIX + "reads-per-5min", Integer.class).orElse(NodeLimits.DEFAULTS.readsPerWindow()),
                config.getOptionalValue(PREFIX + "writes-per-5min", Integer.class).orElse(NodeLimits.DEFAULTS.writesPerWindow()),
                Duration.ofMinutes(5));
        NodeSettings settings = NodeSettings.defaults()
                .withHost(config.getOptionalValue(PREFIX + "host", String.class).orElse("127.0.0.1"))
                .withPort(config.getOptionalValue(PREFIX + "port", Integer.class).orElse(NodeSettings.DEFAULT_PORT))
                .withLimits(limits);
        Optional<String> cert = config.getOptionalValue(PREFIX + "tls-cert", String.class);
        Optional<String> key = config.getOptionalValue(PREFIX + "tls-key", String.class);
        if (cert.isPresent() || key.isPresent()) {
            settings = settings.withTls(cert.map(Path::of).orElse(null), key.map(Path::of).orElse(null));
        }
        Path dataDir = Path.of(config.getOptionalValue(PREFIX + "data-dir", String.class).orElse("socon-data"));
        return new EmbeddedNodeConfig(mode, remoteUrl, settings, dataDir, DatabaseSettings.from(config, PREFIX));
    }

    @Override
    public String toString() {
        return "EmbeddedNodeConfig[mode=" + mode + ", remoteUrl=" + remoteUrl + ", settings=" + settings
                + ", dataDir=" + dataDir + ", database=" + database + "]";
    }
}
