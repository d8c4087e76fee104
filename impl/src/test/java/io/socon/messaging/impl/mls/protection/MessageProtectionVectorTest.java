package io.socon.messaging.impl.mls.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.socon.messaging.impl.mls.MlsTestVectors;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.crypto.Ed25519KeyPair;
import io.socon.messaging.impl.mls.framing.AuthenticatedContent;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.FramedContent;
import io.socon.messaging.impl.mls.framing.MessageContent;
import io.socon.messaging.impl.mls.framing.PrivateMessage;
import io.socon.messaging.impl.mls.framing.PublicMessage;
import io.socon.messaging.impl.mls.framing.Sender;
import io.socon.messaging.impl.mls.secret.RatchetConfig;
import io.socon.messaging.impl.mls.secret.SecretTree;
import io.socon.messaging.impl.mls.struct.Commit;
import io.socon.messaging.impl.mls.struct.GroupContext;
import io.socon.messaging.impl.mls.struct.MlsMessage;
import io.socon.messaging.impl.mls.struct.Proposal;
import io.socon.messaging.impl.mls.struct.WireFormat;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * message-protection.json (suite 3), as test-vectors.md describes: a 2-member secret tree, sender at leaf 1;
 * unprotect the vector's public and private messages and round-trip our own protection.
 */
class MessageProtectionVectorTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void messageProtectionJson() {
        List<JsonObject> entries = MlsTestVectors.loadSuite3("message-protection.json");
        assertThat(entries).isNotEmpty();
        for (JsonObject entry : entries) {
            Vector v = new Vector(entry);
            MessageContent proposal = new MessageContent.OfProposal(Proposal.decode(hex(entry, "proposal")));
            MessageContent commit = new MessageContent.OfCommit(Commit.decode(hex(entry, "commit")));
            MessageContent application = new MessageContent.Application(Bytes.copyOf(hex(entry, "application")));

            // Public messages from the vector verify and carry the raw content.
            assertThat(v.unprotectPublic(hex(entry, "proposal_pub")).content().content()).isEqualTo(proposal);
            AuthenticatedContent commitPub = v.unprotectPublic(hex(entry, "commit_pub"));
            assertThat(commitPub.content().content()).isEqualTo(commit);
            assertThat(commitPub.content().content().toBytes()).isEqualTo(hex(entry, "commit"));

            // Private messages from the vector decrypt, each with a fresh tree.
            assertThat(v.unprotectPrivate(hex(entry, "proposal_priv")).content().content()).isEqualTo(proposal);
            assertThat(v.unprotectPrivate(hex(entry, "commit_priv")).content().content()).isEqualTo(commit);
            assertThat(v.unprotectPrivate(hex(entry, "application_priv")).content().content())
                    .isEqualTo(application);

            // Our own protection round-trips.
            Optional<Bytes> tag = commitPub.auth().confirmationTag();
            for (MessageContent content : List.of(proposal, commit, application)) {
                Optional<Bytes> confirmation = content.contentType() == ContentType.COMMIT ? tag : Optional.empty();
                FramedContent framed = v.framed(content);
                if (content.contentType() != ContentType.APPLICATION) {
                    PublicMessage pub = v.protector().protectPublic(framed, v.signer, confirmation);
                    byte[] wire = MlsMessage.wrap(WireFormat.PUBLIC_MESSAGE, pub).toBytes();
                    assertThat(v.unprotectPublic(wire).content()).isEqualTo(framed);
                } else {
                    assertThatThrownBy(() -> v.protector().protectPublic(framed, v.signer, confirmation))
                            .isInstanceOf(IllegalArgumentException.class);
                }
                PrivateMessage priv = v.protector().protectPrivate(framed, v.signer, confirmation, 32);
                byte[] wire = MlsMessage.wrap(WireFormat.PRIVATE_MESSAGE, priv).toBytes();
                AuthenticatedContent opened = v.unprotectPrivate(wire);
                assertThat(opened.content()).isEqualTo(framed);
                assertThat(opened.auth().confirmationTag()).isEqualTo(confirmation);
            }
        }
    }

    @Test
    void tamperedMessagesAreRejected() {
        Vector v = new Vector(MlsTestVectors.loadSuite3("message-protection.json").getFirst());
        FramedContent framed = v.framed(new MessageContent.Application(Bytes.copyOf(new byte[] {1, 2, 3})));
        MessageProtector sender = v.protector();
        MessageProtector receiver = v.protector();

        PrivateMessage first = sender.protectPrivate(framed, v.signer, Optional.empty(), 0);
        PrivateMessage second = sender.protectPrivate(framed, v.signer, Optional.empty(), 0);
        byte[] flipped = first.ciphertext().toByteArray();
        flipped[flipped.length - 1] ^= 1;
        PrivateMessage tampered = new PrivateMessage(first.groupId(), first.epoch(), first.contentType(),
                first.authenticatedData(), first.encryptedSenderData(), Bytes.copyOf(flipped));
        assertThatThrownBy(() -> receiver.unprotectPrivate(tampered, s -> v.signaturePub))
                .isInstanceOf(MessageRejectedException.class);

        // Out of order: the second message opens before the first; a replay does not.
        assertThat(receiver.unprotectPrivate(second, s -> v.signaturePub).content()).isEqualTo(framed);
        assertThatThrownBy(() -> receiver.unprotectPrivate(second, s -> v.signaturePub))
                .isInstanceOf(MessageRejectedException.class);

        // Wrong signer.
        Bytes otherKey = Ed25519KeyPair.generate(RANDOM).publicKey();
        PrivateMessage third = sender.protectPrivate(framed, v.signer, Optional.empty(), 0);
        assertThatThrownBy(() -> receiver.unprotectPrivate(third, s -> otherKey))
                .isInstanceOf(MessageRejectedException.class);

        // Bad membership tag.
        FramedContent proposal = v.framed(new MessageContent.OfProposal(new Proposal.Remove(0)));
        PublicMessage pub = sender.protectPublic(proposal, v.signer, Optional.empty());
        PublicMessage badTag = new PublicMessage(pub.content(), pub.auth(), Optional.of(Bytes.copyOf(new byte[32])));
        assertThatThrownBy(() -> receiver.unprotectPublic(badTag, s -> v.signaturePub))
                .isInstanceOf(MessageRejectedException.class);
        assertThat(receiver.unprotectPublic(pub, s -> v.signaturePub).content()).isEqualTo(proposal);
    }

    private static byte[] hex(JsonObject entry, String field) {
        return MlsTestVectors.hex(entry, field);
    }

    /** One vector entry's group state. */
    private static final class Vector {
        final GroupContext context;
        final Ed25519KeyPair signer;
        final Bytes signaturePub;
        final byte[] encryptionSecret;
        final byte[] senderDataSecret;
        final byte[] membershipKey;

        Vector(JsonObject entry) {
            context = new GroupContext(1, entry.get("cipher_suite").getAsInt(), Bytes.copyOf(hex(entry, "group_id")),
                    entry.get("epoch").getAsLong(), Bytes.copyOf(hex(entry, "tree_hash")),
                    Bytes.copyOf(hex(entry, "confirmed_transcript_hash")), List.of());
            signer = Ed25519KeyPair.fromPrivateKey(hex(entry, "signature_priv"));
            signaturePub = Bytes.copyOf(hex(entry, "signature_pub"));
            assertThat(signer.publicKey()).isEqualTo(signaturePub);
            encryptionSecret = hex(entry, "encryption_secret");
            senderDataSecret = hex(entry, "sender_data_secret");
            membershipKey = hex(entry, "membership_key");
        }

        /** A protector with a fresh 2-leaf secret tree. */
        MessageProtector protector() {
            return new MessageProtector(context, membershipKey, senderDataSecret,
                    SecretTree.create(encryptionSecret, 2, RatchetConfig.DEFAULT), RANDOM);
        }

        FramedContent framed(MessageContent content) {
            return new FramedContent(context.groupId(), context.epoch(), Sender.member(1), Bytes.EMPTY, content);
        }

        AuthenticatedContent unprotectPublic(byte[] wire) {
            MlsMessage message = MlsMessage.decode(wire);
            assertThat(message.wireFormat()).isEqualTo(WireFormat.PUBLIC_MESSAGE);
            PublicMessage pub = PublicMessage.decode(message.body().toByteArray());
            return protector().unprotectPublic(pub, this::keyOf);
        }

        AuthenticatedContent unprotectPrivate(byte[] wire) {
            MlsMessage message = MlsMessage.decode(wire);
            assertThat(message.wireFormat()).isEqualTo(WireFormat.PRIVATE_MESSAGE);
            PrivateMessage priv = PrivateMessage.decode(message.body().toByteArray());
            return protector().unprotectPrivate(priv, this::keyOf);
        }

        Bytes keyOf(Sender sender) {
            return sender.equals(Sender.member(1)) ? signaturePub : null;
        }
    }
}
