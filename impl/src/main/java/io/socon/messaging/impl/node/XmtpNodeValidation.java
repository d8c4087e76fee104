package io.socon.messaging.impl.node;

import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.identity.IdentityUpdateRejectedException;
import io.socon.messaging.impl.identity.IdentityUpdateVerifier;
import io.socon.messaging.impl.identity.VerifiedUpdate;
import io.socon.messaging.impl.mls.codec.MlsDecodeException;
import io.socon.messaging.impl.mls.framing.ContentType;
import io.socon.messaging.impl.mls.framing.MessageHeader;
import io.socon.messaging.impl.mls.framing.MessageHeaderReader;
import io.socon.messaging.impl.mls.xmtp.KeyPackageRejectedException;
import io.socon.messaging.impl.mls.xmtp.KeyPackageValidator;
import io.socon.messaging.impl.mls.xmtp.ValidatedKeyPackage;
import io.socon.messaging.impl.store.IdentityUpdateDecision;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The node's checks as XMTP's nodes make them: MLS headers read by our MLS codec, key packages validated as
 * openmls does (signatures, lifetime, keys, capabilities, credential), identity updates verified in full
 * against the inbox's log (EIP-191 and Ed25519ph signatures and every association rule).
 */
public final class XmtpNodeValidation implements NodeValidation {

    private final KeyPackageValidator keyPackages;
    private final IdentityUpdateVerifier identities;

    public XmtpNodeValidation(KeyPackageValidator keyPackages, IdentityUpdateVerifier identities) {
        this.keyPackages = keyPackages;
        this.identities = identities;
    }

    /** With the system clock and no chain RPC (smart contract wallet signatures are refused). */
    public static XmtpNodeValidation create() {
        return new XmtpNodeValidation(KeyPackageValidator.withSystemClock(), new IdentityUpdateVerifier());
    }

    @Override
    public GroupMessageHeader groupMessage(byte[] mlsMessage) {
        try {
            MessageHeader header = MessageHeaderReader.read(mlsMessage);
            // XMTP's is_commit covers proposals too: anything that is not an application message
            return new GroupMessageHeader(header.groupId().toByteArray(), header.contentType() != ContentType.APPLICATION);
        } catch (MlsDecodeException | IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    @Override
    public UploadedKeyPackage keyPackage(byte[] tlsKeyPackage) {
        try {
            ValidatedKeyPackage valid = keyPackages.validate(tlsKeyPackage);
            return new UploadedKeyPackage(valid.installationKey().toByteArray(), valid.inboxId());
        } catch (KeyPackageRejectedException | MlsDecodeException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }

    @Override
    public IdentityUpdateDecision.Append identityUpdate(List<IdentityUpdateRecord> acceptedLog, IdentityUpdate update) {
        List<IdentityUpdate> log = new ArrayList<>(acceptedLog.size());
        for (IdentityUpdateRecord record : acceptedLog) {
            try {
                log.add(IdentityUpdate.parseFrom(record.identityUpdate()));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("stored identity update " + record.sequenceId() + " does not parse", e);
            }
        }
        VerifiedUpdate verified;
        try {
            verified = identities.verifyNext(log, update);
        } catch (IdentityUpdateRejectedException e) {
            throw new InvalidRequestException("invalid identity update: " + e.getMessage(), e);
        }
        return new IdentityUpdateDecision.Append(update.toByteArray(), lowercase(verified.addedEthereumAddresses()),
                lowercase(verified.removedEthereumAddresses()));
    }

    private static Set<String> lowercase(List<String> addresses) {
        return addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
