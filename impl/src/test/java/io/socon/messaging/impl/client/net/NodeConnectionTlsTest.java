package io.socon.messaging.impl.client.net;

import static io.socon.messaging.impl.client.net.TestMessages.application;
import static io.socon.messaging.impl.client.net.TestMessages.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https:// nodes: a node with a certificate the connection was told to trust works; the system trust store refuses it. */
class NodeConnectionTlsTest {

    static final ConnectionSettings ONE_ATTEMPT = ConnectionSettings.defaults()
            .withRetry(1, ConnectionSettings.DEFAULT_RETRY).withCallDeadline(Duration.ofSeconds(10));

    @TempDir
    Path dir;

    @Test
    void talksTlsToANodeWhoseCertificateItTrusts() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        Path certificate = dir.resolve("node.crt");
        Path privateKey = dir.resolve("node.key");
        Files.writeString(certificate, pem("CERTIFICATE", selfSigned(keys).getEncoded()));
        Files.writeString(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));

        try (TestNode node = TestNode.startTls(dir.resolve("db"), certificate, privateKey)) {
            assertThat(node.uri().getScheme()).isEqualTo("https");
            try (NodeConnection trusting = NodeConnection.open(node.uri(), ONE_ATTEMPT.withTrustedCertificates(certificate))) {
                trusting.sendGroupMessages(List.of(application(group(1), "over TLS")));
                assertThat(trusting.queryGroupMessages(group(1), 0)).hasSize(1);
            }
            try (NodeConnection systemTrust = NodeConnection.open(node.uri(), ONE_ATTEMPT)) {
                assertThatThrownBy(() -> systemTrust.queryGroupMessages(group(1), 0))
                        .isInstanceOfSatisfying(NodeException.class,
                                e -> assertThat(e.status()).isEqualTo(Status.Code.UNAVAILABLE));
            }
            try (NodeConnection plaintext = NodeConnection.open(URI.create("http://localhost:" + node.port()), ONE_ATTEMPT)) {
                assertThatThrownBy(() -> plaintext.queryGroupMessages(group(1), 0)).isInstanceOf(NodeException.class);
            }
        }
    }

    static X509Certificate selfSigned(KeyPair keys) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
