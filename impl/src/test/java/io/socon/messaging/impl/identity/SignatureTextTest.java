package io.socon.messaging.impl.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.identity.associations.AddAssociation;
import io.socon.messaging.impl.wire.identity.associations.ChangeRecoveryAddress;
import io.socon.messaging.impl.wire.identity.associations.CreateInbox;
import io.socon.messaging.impl.wire.identity.associations.IdentityAction;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.identity.associations.MemberIdentifier;
import io.socon.messaging.impl.wire.identity.associations.RevokeAssociation;
import org.junit.jupiter.api.Test;

class SignatureTextTest {

    static final String OWNER = "0x1234567890abcdef1234567890abcdef12345678";
    static final String NEW_ADDRESS = "0x4567890abcdef1234567890abcdef12345678123";
    static final String NEW_RECOVERY = "0x7890abcdef1234567890abcdef12345678123456";

    /** The update and expected text of libxmtp's unsigned_actions.rs test create_signatures. */
    @Test
    void matchesLibxmtpForEveryActionKind() {
        MemberIdentifier address = MemberIdentifier.newBuilder().setEthereumAddress(NEW_ADDRESS).build();
        MemberIdentifier installation = MemberIdentifier.newBuilder()
                .setInstallationPublicKey(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
        IdentityUpdate update = IdentityUpdate.newBuilder()
                .setInboxId(InboxId.derive(OWNER, 0))
                .setClientTimestampNs(12)
                .addActions(IdentityAction.newBuilder().setCreateInbox(
                        CreateInbox.newBuilder().setInitialIdentifier(OWNER).setNonce(0)))
                .addActions(IdentityAction.newBuilder().setAdd(AddAssociation.newBuilder().setNewMemberIdentifier(address)))
                .addActions(IdentityAction.newBuilder().setAdd(
                        AddAssociation.newBuilder().setNewMemberIdentifier(installation)))
                .addActions(IdentityAction.newBuilder().setRevoke(RevokeAssociation.newBuilder().setMemberToRevoke(address)))
                .addActions(IdentityAction.newBuilder().setRevoke(
                        RevokeAssociation.newBuilder().setMemberToRevoke(installation)))
                .addActions(IdentityAction.newBuilder().setChangeRecoveryAddress(
                        ChangeRecoveryAddress.newBuilder().setNewRecoveryIdentifier(NEW_RECOVERY)))
                .build();

        assertThat(SignatureText.of(update)).isEqualTo("""
                XMTP : Authenticate to inbox

                Inbox ID: fcd18d86276d7a99fe522dba9660c420f03c8648785ada7c5daae232a3df77a9
                Current time: 1970-01-01T00:00:00Z

                - Create inbox
                  (Owner: 0x1234567890abcdef1234567890abcdef12345678)
                - Link address to inbox
                  (Address: 0x4567890abcdef1234567890abcdef12345678123)
                - Grant messaging access to app
                  (ID: 010203)
                - Unlink address from inbox
                  (Address: 0x4567890abcdef1234567890abcdef12345678123)
                - Revoke messaging access from app
                  (ID: 010203)
                - Change inbox recovery address
                  (Address: 0x7890abcdef1234567890abcdef12345678123456)

                For more info: https://xmtp.org/signatures""");
    }

    @Test
    void keepsAddressesAsSentAndHasNoTrailingNewline() {
        IdentityUpdate update = IdentityUpdate.newBuilder()
                .setInboxId("abc")
                .setClientTimestampNs(1_700_000_000_999_999_999L)
                .addActions(IdentityAction.newBuilder().setCreateInbox(
                        CreateInbox.newBuilder().setInitialIdentifier("0xABCdef")))
                .build();
        String text = SignatureText.of(update);
        assertThat(text).contains("(Owner: 0xABCdef)").doesNotEndWith("\n").endsWith("signatures");
        assertThat(text).contains("Current time: 2023-11-14T22:13:20Z\n");
    }

    @Test
    void formatsTimesAsRfc3339UtcWholeSeconds() {
        assertThat(SignatureText.formatTime(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(SignatureText.formatTime(1_748_779_200_123_456_789L)).isEqualTo("2025-06-01T12:00:00Z");
        // u64 values of 2^63 and above are negative as i64 in libxmtp (chrono's from_timestamp_nanos).
        assertThat(SignatureText.formatTime(-1)).isEqualTo("1969-12-31T23:59:59Z");
        assertThat(SignatureText.formatTime(Long.MAX_VALUE)).isEqualTo("2262-04-11T23:47:16Z");
        assertThat(SignatureText.formatTime(Long.MIN_VALUE)).isEqualTo("1677-09-21T00:12:43Z");
    }

    @Test
    void refusesAnActionWithoutAKind() {
        IdentityUpdate update = IdentityUpdate.newBuilder().addActions(IdentityAction.getDefaultInstance()).build();
        assertThatThrownBy(() -> SignatureText.of(update))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actions[0]")
                .hasMessageContaining("no kind");
    }
}
