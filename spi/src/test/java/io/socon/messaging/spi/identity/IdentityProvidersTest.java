package io.socon.messaging.spi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.HostUser;
import io.socon.messaging.api.WalletChallenge;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IdentityProvidersTest {

    private static final EthereumAddress ADDRESS = EthereumAddress.of("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
    private static final HostUser ALICE = HostUser.of("alice");
    private static final HostUser MALLORY = HostUser.of("mallory");

    private static IdentityProvider provider(int priority, Function<HostUser, IdentityResult> answer) {
        return new IdentityProvider() {
            @Override
            public int priority() {
                return priority;
            }

            @Override
            public IdentityResult resolve(HostUser user) {
                return answer.apply(user);
            }
        };
    }

    private static final Signer EXTERNAL = new Signer() {
        @Override
        public EthereumAddress address() {
            return ADDRESS;
        }

        @Override
        public SigningResult sign(String text) {
            return new SigningResult.Pending(new WalletChallenge(new WalletChallenge.Id("challenge-0000001"), ADDRESS,
                    text, Instant.EPOCH.plusSeconds(600)));
        }
    };

    @Test
    void lowerPriorityIsAskedFirstAndNotHandledFallsThrough() {
        var external = provider(10, u -> u.equals(ALICE) ? IdentityResult.externalWallet(EXTERNAL) : IdentityResult.NOT_HANDLED);
        var denyMallory = provider(5, u -> u.equals(MALLORY) ? IdentityResult.DENIED : IdentityResult.NOT_HANDLED);
        var custodialFallback = provider(IdentityProvider.DEFAULT_PRIORITY, u -> {
            throw new AssertionError("not reached for alice or mallory");
        });
        List<IdentityProvider> providers = List.of(custodialFallback, external, denyMallory);

        IdentityResult alice = IdentityProviders.resolve(providers, ALICE);
        assertThat(alice.status()).isEqualTo(IdentityResult.Status.RESOLVED);
        assertThat(alice.custody()).contains(Custody.EXTERNAL_WALLET);
        assertThat(alice.signer().orElseThrow().sign("XMTP : Authenticate to inbox"))
                .isInstanceOfSatisfying(SigningResult.Pending.class,
                        p -> assertThat(p.challenge().text()).isEqualTo("XMTP : Authenticate to inbox"));

        assertThat(IdentityProviders.resolve(providers, MALLORY)).isSameAs(IdentityResult.DENIED);
        assertThat(IdentityResult.DENIED.signer()).isEmpty();
    }

    @Test
    void nobodyKnowingTheUserIsNotHandledAndNullIsABug() {
        var none = provider(1, u -> IdentityResult.NOT_HANDLED);
        assertThat(IdentityProviders.resolve(List.of(none), ALICE)).isSameAs(IdentityResult.NOT_HANDLED);
        assertThat(IdentityProviders.resolve(List.of(), ALICE)).isSameAs(IdentityResult.NOT_HANDLED);
        assertThatThrownBy(() -> IdentityProviders.resolve(List.of(provider(1, u -> null)), ALICE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NOT_HANDLED");
    }

    @Test
    void signedResultsAre65Bytes() {
        assertThatThrownBy(() -> new SigningResult.Signed(new byte[64])).hasMessageContaining("65 bytes");
        byte[] signature = new byte[65];
        var signed = new SigningResult.Signed(signature);
        signature[0] = 1;
        assertThat(signed.signature()[0]).isZero();
        assertThat(signed).isEqualTo(new SigningResult.Signed(new byte[65]));
    }
}
