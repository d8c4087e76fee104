package io.socon.messaging.impl.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node listens: address, port ({@code 0} picks a free one), optional TLS, limits, and how long a
 * graceful shutdown may take.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port, {@code 5556} by default (XMTP's local port), {@code 0} for any free one
 * @param tlsCertificateChain a PEM certificate chain for TLS, or {@code null} for plaintext h2c
 * @param tlsPrivateKey the PEM private key of that chain, or {@code null}
 * @param limits request, payload and rate limits
 * @param shutdownGrace how long in-flight calls may take to finish on shutdown
 */
public record NodeSettings(String host, int port, Path tlsCertificateChain, Path tlsPrivateKey, NodeLimits limits,
        Duration shutdownGrace) {

    public static final int DEFAULT_PORT = 5556;

    public NodeSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if ((tlsCertificateChain == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and a private key");
        }
    }

    /** Loopback, port 5556, plaintext, default limits, 5 s grace. */
    public static NodeSettings defaults() {
        return new NodeSettings("127.0.0.1", DEFAULT_PORT, null, null, NodeLimits.DEFAULTS, Duration.ofSeconds(5));
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(host, newPort, tlsCertificateChain, tlsPrivateKey, limits, shutdownGrace);
    }

    public NodeSettings withHost(String newHost) {
        return new NodeSettings(newHost, port, tlsCertificateChain, tlsPrivateKey, limits, shutdownGrace);
    }

    public NodeSettings withTls(Path certificateChain, Path privateKey) {
        return new NodeSettings(host, port, certificateChain, privateKey, limits, shutdownGrace);
    }

    public NodeSettings withLimits(NodeLimits newLimits) {
        return new NodeSettings(host, port, tlsCertificateChain, tlsPrivateKey, newLimits, shutdownGrace);
    }

    public boolean tls() {
        return tlsCertificateChain != null;
    }
}
