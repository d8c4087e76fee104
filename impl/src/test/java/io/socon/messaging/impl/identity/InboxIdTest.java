package io.socon.messaging.impl.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InboxIdTest {

    @Test
    void matchesLibxmtpsOwnTestVector() {
        // libxmtp unsigned_actions.rs test create_signatures: this address with nonce 0.
        assertThat(InboxId.derive("0x1234567890abcdef1234567890abcdef12345678", 0))
                .isEqualTo("fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9");
    }

    @Test
    void hardhatAccountZeroWithTheNodeSdkDefaultNonce() {
        // sha256("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266" + "1"), computed with Node's crypto.
        assertThat(InboxId.derive("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", InboxId.DEFAULT_NONCE))
                .isEqualTo("f2dc4b90b67487658e6fc1d4759c148fac797ea24fadee18c9d511787e04ea1a");
    }

    @Test
    void lowercasesTheAddressFirst() {
        assertThat(InboxId.derive("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266", 1))
                .isEqualTo("f2dc4b90b67487658e6fc1d4759c148fac797ea24fadee18c9d511787e04ea1a");
    }

    @Test
    void writesTheNonceAsAnUnsigned64BitNumber() {
        // sha256(address + "18446744073709551615"), computed with Node's crypto.
        assertThat(InboxId.derive("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", -1L))
                .isEqualTo("6a8e20e05735b605de0b4604988c688b801a6a381a43edc056d71e6b0a87f4ae");
    }

    @Test
    void refusesSomethingThatIsNotAnAddress() {
        assertThatThrownBy(() -> InboxId.derive("f39fd6e51aad88f6f4ce6ab8827279cfffb92266", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ethereum address");
    }
}
