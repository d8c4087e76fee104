package io.socon.messaging.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    private static final String HEX64 = "0123456789abcdef".repeat(4);

    @Test
    void keccak256MatchesKnownDigests() {
        assertThat(HexFormat.of().formatHex(Keccak256.hash(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HexFormat.of().formatHex(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
        // longer than one 136-byte block
        byte[] twoBlocks = new byte[200];
        assertThat(HexFormat.of().formatHex(Keccak256.hash(twoBlocks))).hasSize(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55AddressesAreAcceptedNormalizedAndReproduced(String checksummed) {
        EthereumAddress address = EthereumAddress.of(checksummed);
        assertThat(address.value()).isEqualTo(checksummed.toLowerCase());
        assertThat(address.checksummed()).isEqualTo(checksummed);
        assertThat(address).isEqualTo(EthereumAddress.of(checksummed.toLowerCase()));
        assertThat(address).isEqualTo(EthereumAddress.of("0x" + checksummed.substring(2).toUpperCase()));
    }

    @Test
    void mixedCaseAddressWithWrongChecksumIsRefusedWithTheExpectedSpelling() {
        assertThatThrownBy(() -> EthereumAddress.of("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("checksum")
                .hasMessageContaining("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
                .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ErrorCode.INVALID_ADDRESS));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0x123", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00"})
    void malformedAddressesAreRefused(String text) {
        assertThatThrownBy(() -> EthereumAddress.of(text)).isInstanceOf(InvalidValueException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ErrorCode.INVALID_ADDRESS));
    }

    @Test
    void inboxIdIsLowercasedAndChecked() {
        assertThat(InboxId.of(HEX64.toUpperCase()).value()).isEqualTo(HEX64);
        assertThat(InboxId.of(HEX64).toString()).isEqualTo(HEX64);
        assertThatThrownBy(() -> InboxId.of("0x" + HEX64.substring(2))).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> InboxId.of(HEX64.substring(1))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> InboxId.of(null))
                .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ErrorCode.INVALID_INBOX_ID));
    }

    @Test
    void otherIdsHaveTheirLengths() {
        assertThat(MessageId.of(HEX64).value()).isEqualTo(HEX64);
        assertThat(InstallationId.of(HEX64.toUpperCase()).value()).isEqualTo(HEX64);
        assertThat(ConversationId.of("AB").value()).isEqualTo("ab");
        assertThat(ConversationId.of("00".repeat(16)).value()).hasSize(32);
        assertThatThrownBy(() -> ConversationId.of("abc")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ConversationId.of("00".repeat(65))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ConversationId.of("")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> MessageId.of("zz".repeat(32)))
                .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ErrorCode.INVALID_ID));
    }

    @Test
    void peersAreInboxIdsOrAddresses() {
        Peer peer = EthereumAddress.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        String kind = switch (peer) {
            case InboxId i -> "inbox";
            case EthereumAddress a -> "address";
        };
        assertThat(kind).isEqualTo("address");
    }

    @Test
    void hostUserComesFromAnIdOrAPrincipal() {
        Principal principal = () -> "alice@example.com";
        assertThat(HostUser.of(principal)).isEqualTo(HostUser.of("alice@example.com"));
        assertThatThrownBy(() -> HostUser.of(" ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> HostUser.of("x".repeat(257))).hasMessageContaining("256");
        assertThatThrownBy(() -> HostUser.of((Principal) null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void walletChallengeIdIsUrlSafe() {
        assertThat(new WalletChallenge.Id("abcDEF0123456789_-").value()).isEqualTo("abcDEF0123456789_-");
        assertThatThrownBy(() -> new WalletChallenge.Id("short")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new WalletChallenge.Id("has/slash/in/the/middle")).isInstanceOf(InvalidValueException.class);
        var challenge = new WalletChallenge(new WalletChallenge.Id("0123456789abcdef"),
                EthereumAddress.of("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), "XMTP : Authenticate to inbox",
                Instant.EPOCH);
        var exception = new SignatureRequiredException(challenge);
        assertThat(exception.code()).isEqualTo(ErrorCode.WALLET_SIGNATURE_REQUIRED);
        assertThat(exception.challenge()).isSameAs(challenge);
    }
}
