package io.socon.messaging.impl.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.spi.identity.Custody;
import io.socon.messaging.spi.identity.IdentityProviders;
import io.socon.messaging.spi.identity.IdentityResult;
import io.socon.messaging.spi.identity.SigningResult;
import io.socon.messaging.spi.keyvault.InMemoryKeyVault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The built-in identity providers and how they combine. */
class DefaultIdentityProvidersTest {

    static final String ADDRESS = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

    @Test
    void addressUserIdsAreTheirOwnWalletsOthersAreNotHandled() {
        var lookup = ExternalWalletIdentityProvider.addressAsUserId();
        assertThat(lookup.apply(HostUser.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")))
                .contains(EthereumAddress.of(ADDRESS));
        assertThat(lookup.apply(HostUser.of("eip155:1:" + ADDRESS))).contains(EthereumAddress.of(ADDRESS));
        assertThat(lookup.apply(HostUser.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))).as("bad checksum").isEmpty();
        assertThat(lookup.apply(HostUser.of("alice"))).isEmpty();
        assertThat(lookup.apply(HostUser.of("0x1234"))).isEmpty();
    }

    @Test
    void ownWalletsGetChallengesForTheExactTextAndOthersACustodialWallet() {
        Clock clock = Clock.fixed(Instant.parse("2025-05-01T10:00:00Z"), ZoneOffset.UTC);
        InMemoryKeyVault vault = new InMemoryKeyVault();
        List<io.socon.messaging.spi.identity.IdentityProvider> providers = List.of(
                new CustodialIdentityProvider(vault, "memory://"),
                new ExternalWalletIdentityProvider(ExternalWalletIdentityProvider.addressAsUserId(),
                        Duration.ofMinutes(3), clock, ExternalWalletIdentityProvider.DEFAULT_PRIORITY));

        IdentityResult own = IdentityProviders.resolve(providers, HostUser.of(ADDRESS));
        assertThat(own.custody()).contains(Custody.EXTERNAL_WALLET);
        SigningResult pending = own.signer().orElseThrow().sign("the text");
        assertThat(pending).isInstanceOfSatisfying(SigningResult.Pending.class, p -> {
            assertThat(p.challenge().text()).isEqualTo("the text");
            assertThat(p.challenge().address()).isEqualTo(EthereumAddress.of(ADDRESS));
            assertThat(p.challenge().expiresAt()).isEqualTo(Instant.parse("2025-05-01T10:03:00Z"));
        });

        IdentityResult custodial = IdentityProviders.resolve(providers, HostUser.of("alice"));
        assertThat(custodial.custody()).contains(Custody.CUSTODIAL);
        EthereumAddress address = custodial.signer().orElseThrow().address();
        SigningResult signed = custodial.signer().orElseThrow().sign("hello");
        assertThat(signed).isInstanceOfSatisfying(SigningResult.Signed.class, s -> assertThat(
                Eip191.recover("hello", s.signature()).address()).isEqualTo(address.value()));
        assertThat(IdentityProviders.resolve(providers, HostUser.of("alice")).signer().orElseThrow().address())
                .as("the same wallet every time").isEqualTo(address);
        assertThat(vault.find(HostUserKeys.walletKey("memory://", HostUser.of("alice")))).isPresent();
        assertThat(HostUserKeys.walletKey("memory://", HostUser.of("alice")).value()).doesNotContain("alice");
    }

    @Test
    void concurrentFirstResolvesMakeOneWallet() throws Exception {
        InMemoryKeyVault vault = new InMemoryKeyVault();
        CustodialIdentityProvider provider = new CustodialIdentityProvider(vault, "memory://");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EthereumAddress>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> provider.resolve(HostUser.of("bob")).signer().orElseThrow().address()));
            }
            EthereumAddress first = results.get(0).get();
            for (Future<EthereumAddress> f : results) {
                assertThat(f.get()).isEqualTo(first);
            }
            assertThat(vault.list()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
