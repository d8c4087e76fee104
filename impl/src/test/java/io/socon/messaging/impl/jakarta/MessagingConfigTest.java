package io.socon.messaging.impl.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.impl.notify.WebhookNotificationSink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The messaging settings' MicroProfile Config keys and defaults. */
class MessagingConfigTest {

    @Test
    void defaultsUseAFileVaultBothIdentityProvidersAndCdiEvents() {
        MessagingConfig c = MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of()));
        assertThat(c.dataDir()).isEqualTo(Path.of("socon-data/messaging"));
        assertThat(c.idleClose()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxConcurrent()).isEqualTo(64);
        assertThat(c.vaultType()).isEqualTo(MessagingConfig.VaultType.FILE);
        assertThat(c.vaultFile()).isEqualTo(Path.of("socon-data/vault.p12"));
        assertThat(c.vaultPassword()).isEmpty();
        assertThat(c.keyPrefix()).isEqualTo("file-vault://");
        assertThat(c.externalWallets()).isTrue();
        assertThat(c.custodial()).isTrue();
        assertThat(c.challengeTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.cdiEvents()).isTrue();
        assertThat(c.webhookUrl()).isEmpty();
        assertThat(c.webhookRetries()).isEqualTo(WebhookNotificationSink.DEFAULT_RETRIES);
        assertThat(c.previews()).isFalse();
        assertThat(c.keepDefaultIdentityProviders()).isFalse();
        assertThat(c.keepDefaultSinks()).isFalse();
    }

    @Test
    void everyKeyIsReadAndSecretsStayOutOfToString() {
        MessagingConfig c = MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.ofEntries(
                Map.entry("socon.messaging.data-dir", "/var/lib/socon/messaging"),
                Map.entry("socon.messaging.idle-close", "90"),
                Map.entry("socon.messaging.max-concurrent-operations", "8"),
                Map.entry("socon.messaging.max-waiting-operations", "100"),
                Map.entry("socon.vault.type", "memory"),
                Map.entry("socon.vault.file.password", "hunter2"),
                Map.entry("socon.identity.external-wallet.enabled", "false"),
                Map.entry("socon.identity.challenge-ttl", "PT2M"),
                Map.entry("socon.identity.keep-defaults", "true"),
                Map.entry("socon.notify.cdi-event.enabled", "false"),
                Map.entry("socon.notify.webhook.url", "https://hooks.example.com/socon?token=abc"),
                Map.entry("socon.notify.webhook.secret", "whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"),
                Map.entry("socon.notify.webhook.retries", "PT1S, 10, PT1M"),
                Map.entry("socon.notify.webhook.timeout", "PT3S"),
                Map.entry("socon.notify.previews", "true"))));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/socon/messaging"));
        assertThat(c.idleClose()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.maxConcurrent()).isEqualTo(8);
        assertThat(c.maxWaiting()).isEqualTo(100);
        assertThat(c.vaultType()).isEqualTo(MessagingConfig.VaultType.MEMORY);
        assertThat(c.keyPrefix()).isEqualTo("memory://");
        assertThat(c.externalWallets()).isFalse();
        assertThat(c.challengeTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.keepDefaultIdentityProviders()).isTrue();
        assertThat(c.cdiEvents()).isFalse();
        assertThat(c.webhookUrl()).contains(URI.create("https://hooks.example.com/socon?token=abc"));
        assertThat(c.webhookRetries()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(1));
        assertThat(c.webhookTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.previews()).isTrue();
        assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("c2VjcmV0").doesNotContain("token=abc");
    }

    @Test
    void theMessagingDatabaseIsEmbeddedH2ADataSourceByJndiNameOrAJdbcUrl() {
        assertThat(MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of())).database().embedded()).isTrue();

        DatabaseSettings jndi = MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of(
                "socon.messaging.datasource", " jdbc/socon "))).database();
        assertThat(jndi.embedded()).isFalse();
        assertThat(jndi.jndiName()).contains("jdbc/socon");
        assertThat(jndi.describe()).isEqualTo("data source jdbc/socon");

        DatabaseSettings url = MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of(
                "socon.messaging.jdbc-url", "jdbc:postgresql://db/socon?password=secret",
                "socon.messaging.jdbc-user", "socon",
                "socon.messaging.jdbc-password", "hunter2"))).database();
        assertThat(url.jdbcUrl()).contains("jdbc:postgresql://db/socon?password=secret");
        assertThat(url.user()).contains("socon");
        assertThat(url.password()).contains("hunter2");
        assertThat(url.toString()).doesNotContain("secret").doesNotContain("hunter2");
        assertThat(MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of(
                "socon.messaging.jdbc-url", "jdbc:h2:mem:x;PASSWORD=s3cr3t-value"))).toString()).doesNotContain("s3cr3t");

        assertThatThrownBy(() -> MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of(
                "socon.messaging.datasource", "jdbc/socon", "socon.messaging.jdbc-url", "jdbc:h2:mem:x"))))
                .hasMessage("set either socon.messaging.datasource (a JNDI name) or socon.messaging.jdbc-url, not both");
        assertThatThrownBy(() -> MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of(
                "socon.messaging.jdbc-url", "postgres://db/socon"))))
                .hasMessageContaining("socon.messaging.jdbc-url must be a JDBC URL");
        // outside a server there is no naming context: the lookup says what to define
        assertThatThrownBy(jndi::lookup).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no data source is bound at 'jdbc/socon' (socon.messaging.datasource)");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> MessagingConfig.from(EmbeddedNodeConfigTest.config(Map.of("socon.vault.type", "hsm"))))
                .hasMessageContaining("'file' or 'memory'");
        assertThatThrownBy(() -> MessagingConfig.from(EmbeddedNodeConfigTest.config(
                Map.of("socon.messaging.idle-close", "soon")))).hasMessageContaining("socon.messaging.idle-close");
        assertThatThrownBy(() -> MessagingConfig.from(EmbeddedNodeConfigTest.config(
                Map.of("socon.notify.webhook.url", "https://x/y")))).hasMessageContaining("socon.notify.webhook.secret");
        assertThat(List.of(MessagingConfig.parseDuration("pt5m"))).containsExactly(Duration.ofMinutes(5));
    }
}
