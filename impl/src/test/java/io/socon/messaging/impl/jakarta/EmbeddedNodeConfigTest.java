package io.socon.messaging.impl.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The embedded node's MicroProfile Config keys and defaults. */
class EmbeddedNodeConfigTest {

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void defaultsRunAnEmbeddedNodeOnLoopback5556WithH2() {
        EmbeddedNodeConfig settings = EmbeddedNodeConfig.from(config(Map.of()));

        assertThat(settings.mode()).isEqualTo(EmbeddedNodeConfig.Mode.EMBEDDED);
        assertThat(settings.settings().host()).isEqualTo("127.0.0.1");
        assertThat(settings.settings().port()).isEqualTo(5556);
        assertThat(settings.settings().tls()).isFalse();
        assertThat(settings.settings().limits().writesPerWindow()).isEqualTo(3000);
        assertThat(settings.dataDir()).isEqualTo(Path.of("socon-data"));
        assertThat(settings.database().embedded()).isTrue();
    }

    @Test
    void everyKeyIsRead() {
        EmbeddedNodeConfig settings = EmbeddedNodeConfig.from(config(Map.of(
                "socon.node.host", "0.0.0.0",
                "socon.node.port", "6000",
                "socon.node.data-dir", "/var/lib/socon",
                "socon.node.jdbc-url", "jdbc:postgresql://db/xmtp?password=secret",
                "socon.node.jdbc-user", "xmtp",
                "socon.node.jdbc-password", "hunter2",
                "socon.node.reads-per-5min", "10",
                "socon.node.writes-per-5min", "5",
                "socon.node.max-payload-bytes", "1000",
                "socon.node.max-request-bytes", "2048")));

        assertThat(settings.settings().host()).isEqualTo("0.0.0.0");
        assertThat(settings.settings().port()).isEqualTo(6000);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/var/lib/socon"));
        assertThat(settings.database().user()).contains("xmtp");
        assertThat(settings.database().jdbcUrl()).contains("jdbc:postgresql://db/xmtp?password=secret");
        assertThat(settings.settings().limits().readsPerWindow()).isEqualTo(10);
        assertThat(settings.settings().limits().maxRequestBytes()).isEqualTo(2048);
        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("secret");
    }

    @Test
    void theNodeDatabaseCanBeAServerDataSource() {
        EmbeddedNodeConfig settings = EmbeddedNodeConfig.from(config(Map.of("socon.node.datasource", "jdbc/xmtp")));
        assertThat(settings.database().jndiName()).contains("jdbc/xmtp");
        assertThat(settings.database().key()).isEqualTo("socon.node.datasource");
        assertThatThrownBy(() -> EmbeddedNodeConfig.from(config(Map.of("socon.node.datasource", "jdbc/xmtp",
                "socon.node.jdbc-url", "jdbc:h2:mem:x")))).hasMessageContaining("not both");
    }

    @Test
    void remoteModeNeedsAUrlAndBadModesAreNamed() {
        assertThatThrownBy(() -> EmbeddedNodeConfig.from(config(Map.of("socon.node.mode", "remote"))))
                .hasMessageContaining("socon.node.url is not set");
        assertThatThrownBy(() -> EmbeddedNodeConfig.from(config(Map.of("socon.node.mode", "cloud"))))
                .hasMessageContaining("'embedded' or 'remote', not 'cloud'");
        assertThat(EmbeddedNodeConfig.from(config(Map.of("socon.node.mode", "remote", "socon.node.url", "https://n:5556")))
                .remoteUrl()).contains("https://n:5556");
    }
}
