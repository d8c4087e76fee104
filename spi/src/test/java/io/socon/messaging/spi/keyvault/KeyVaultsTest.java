package io.socon.messaging.spi.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyVaultsTest {

    @Test
    void routesEachKeyToTheVaultThatHandlesIt() {
        var a = new InMemoryKeyVault("vault-a://", Clock.systemUTC());
        var b = new InMemoryKeyVault("vault-b://", Clock.systemUTC());
        try (var vaults = new KeyVaults().register(a).register(b)) {
            assertThat(vaults.forKey(KeyUri.of("vault-b://x"))).isSameAs(b);
            assertThat(vaults.forKey(KeyUri.of("vault-a://x"))).isSameAs(a);
            assertThatThrownBy(() -> vaults.forKey(KeyUri.of("vault-c://x")))
                    .isInstanceOfSatisfying(KeyVaultException.class,
                            e -> assertThat(e.reason()).isEqualTo(KeyVaultException.Reason.NOT_HANDLED))
                    .hasMessageContaining("in-memory(vault-a://)");
            assertThat(vaults.vaults()).containsExactly(a, b);
        }
    }

    @Test
    void failsFastWhenTwoVaultsClaimOneKeyOrShareAName() {
        var vaults = new KeyVaults().register(new InMemoryKeyVault("dup://", Clock.systemUTC()));
        assertThatThrownBy(() -> vaults.register(new InMemoryKeyVault("dup://", Clock.systemUTC())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
        vaults.register(new InMemoryKeyVault("dup://more/", Clock.systemUTC()));
        assertThatThrownBy(() -> vaults.forKey(KeyUri.of("dup://more/key")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("both handle");
    }

    @Test
    void serviceLoaderDiscoveryLoadsOnlyAllowListedVaultsAndNeverInstantiatesOthers() {
        HostileVault.instances.set(0);
        var vaults = new KeyVaults();
        List<KeyVault> loaded = vaults.registerAllowed(Set.of(AllowedVault.class.getName()),
                getClass().getClassLoader());
        assertThat(loaded).singleElement().isInstanceOf(AllowedVault.class);
        assertThat(HostileVault.instances).hasValue(0);
        assertThat(vaults.forKey(KeyUri.of("allowed://k")).name()).isEqualTo("allowed");
    }

    @Test
    void anAllowListEntryThatIsNotFoundIsAnError() {
        assertThatThrownBy(() -> new KeyVaults().registerAllowed(Set.of("com.example.Typo"), getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("com.example.Typo");
    }

    @Test
    void keyUrisAreCheckedAndSplit() {
        KeyUri uri = KeyUri.of("aws-kms://arn:aws:kms:eu-west-1:111122223333:key/abc");
        assertThat(uri.scheme()).isEqualTo("aws-kms");
        assertThat(uri.path()).isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/abc");
        assertThatThrownBy(() -> KeyUri.of("no-scheme")).hasMessageContaining("scheme://path");
        assertThatThrownBy(() -> KeyUri.of("memory://with space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyUri.of("Memory://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signRequestsAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> SignRequest.secp256k1(new byte[31])).hasMessageContaining("hash the message first");
        assertThatThrownBy(() -> SignRequest.ed25519ph(new byte[1], new byte[256])).hasMessageContaining("255");
        assertThatThrownBy(() -> new SignRequest(SignatureScheme.ED25519, new byte[1], new byte[1]))
                .hasMessageContaining("only Ed25519ph");
        assertThatThrownBy(() -> new KeyInfo(KeyUri.of("memory://k"), KeyKind.ED25519, new byte[31], java.time.Instant.EPOCH))
                .hasMessageContaining("32 bytes");
    }

    /** A vault the host allowed. */
    public static final class AllowedVault implements KeyVault {
        private final InMemoryKeyVault delegate = new InMemoryKeyVault("allowed://", Clock.systemUTC());

        @Override
        public String name() {
            return "allowed";
        }

        @Override
        public boolean handles(KeyUri uri) {
            return delegate.handles(uri);
        }

        @Override
        public KeyInfo generate(KeyUri uri, KeyKind kind) {
            return delegate.generate(uri, kind);
        }

        @Override
        public Optional<KeyInfo> find(KeyUri uri) {
            return delegate.find(uri);
        }

        @Override
        public List<KeyInfo> list() {
            return delegate.list();
        }

        @Override
        public byte[] sign(KeyUri uri, SignRequest request) {
            return delegate.sign(uri, request);
        }

        @Override
        public boolean delete(KeyUri uri) {
            return delegate.delete(uri);
        }
    }

    /** A vault some jar put on the class path that claims every key: it must never be created. */
    public static final class HostileVault implements KeyVault {
        static final AtomicInteger instances = new AtomicInteger();

        public HostileVault() {
            instances.incrementAndGet();
        }

        @Override
        public String name() {
            return "hostile";
        }

        @Override
        public boolean handles(KeyUri uri) {
            return true;
        }

        @Override
        public KeyInfo generate(KeyUri uri, KeyKind kind) {
            throw new AssertionError("stole a key");
        }

        @Override
        public Optional<KeyInfo> find(KeyUri uri) {
            return Optional.empty();
        }

        @Override
        public List<KeyInfo> list() {
            return List.of();
        }

        @Override
        public byte[] sign(KeyUri uri, SignRequest request) {
            throw new AssertionError("stole a key");
        }

        @Override
        public boolean delete(KeyUri uri) {
            return false;
        }
    }
}
