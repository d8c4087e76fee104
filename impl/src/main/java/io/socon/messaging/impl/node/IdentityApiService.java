package io.socon.messaging.impl.node;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.StreamObserver;
import io.socon.messaging.impl.store.IdentityUpdateRecord;
import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsRequest;
import io.socon.messaging.impl.wire.identity.api.v1.GetInboxIdsResponse;
import io.socon.messaging.impl.wire.identity.api.v1.IdentityApiGrpc;
import io.socon.messaging.impl.wire.identity.api.v1.PublishIdentityUpdateRequest;
import io.socon.messaging.impl.wire.identity.api.v1.PublishIdentityUpdateResponse;
import io.socon.messaging.impl.wire.identity.api.v1.VerifySmartContractWalletSignaturesRequest;
import io.socon.messaging.impl.wire.identity.api.v1.VerifySmartContractWalletSignaturesResponse;
import io.socon.messaging.impl.wire.identity.associations.IdentifierKind;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * XMTP V3's {@code xmtp.identity.api.v1.IdentityApi}: the verified, append-only log of each inbox's
 * identity updates and the index from Ethereum addresses to inboxes.
 */
final class IdentityApiService extends IdentityApiGrpc.IdentityApiImplBase {

    private static final Pattern INBOX_ID = Pattern.compile("[0-9a-f]{64}");

    private final NodeStore store;
    private final NodeValidation validation;
    private final NodeLimits limits;

    IdentityApiService(NodeStore store, NodeValidation validation, NodeLimits limits) {
        this.store = store;
        this.validation = validation;
        this.limits = limits;
    }

    @Override
    public void publishIdentityUpdate(PublishIdentityUpdateRequest request,
            StreamObserver<PublishIdentityUpdateResponse> response) {
        Calls.unary(response, () -> {
            if (!request.hasIdentityUpdate()) {
                throw new InvalidRequestException("no identity_update");
            }
            IdentityUpdate update = request.getIdentityUpdate();
            String inboxId = update.getInboxId();
            if (!INBOX_ID.matcher(inboxId).matches()) {
                throw new InvalidRequestException("inbox_id must be 64 lowercase hex characters, got \"" + abbreviate(inboxId) + "\"");
            }
            if (update.getActionsCount() == 0) {
                throw new InvalidRequestException("the identity update has no actions");
            }
            limits.checkPayload("identity update", update.getSerializedSize());
            // the verifier also enforces the cap of 256 updates per inbox
            store.appendIdentityUpdate(inboxId, log -> validation.identityUpdate(log, update));
            return PublishIdentityUpdateResponse.getDefaultInstance();
        });
    }

    @Override
    public void getIdentityUpdates(GetIdentityUpdatesRequest request, StreamObserver<GetIdentityUpdatesResponse> response) {
        Calls.unary(response, () -> {
            GetIdentityUpdatesResponse.Builder answer = GetIdentityUpdatesResponse.newBuilder();
            for (GetIdentityUpdatesRequest.Request query : request.getRequestsList()) {
                GetIdentityUpdatesResponse.Response.Builder entry = GetIdentityUpdatesResponse.Response.newBuilder()
                        .setInboxId(query.getInboxId());
                for (IdentityUpdateRecord record : store.identityUpdates(query.getInboxId(), query.getSequenceId())) {
                    entry.addUpdates(GetIdentityUpdatesResponse.IdentityUpdateLog.newBuilder()
                            .setSequenceId(record.sequenceId())
                            .setServerTimestampNs(record.serverTimestampNs())
                            .setUpdate(parseStored(record)));
                }
                answer.addResponses(entry);
            }
            return answer.build();
        });
    }

    private static IdentityUpdate parseStored(IdentityUpdateRecord record) {
        try {
            return IdentityUpdate.parseFrom(record.identityUpdate());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored identity update " + record.sequenceId() + " does not parse", e);
        }
    }

    @Override
    public void getInboxIds(GetInboxIdsRequest request, StreamObserver<GetInboxIdsResponse> response) {
        Calls.unary(response, () -> {
            GetInboxIdsResponse.Builder answer = GetInboxIdsResponse.newBuilder();
            for (GetInboxIdsRequest.Request query : request.getRequestsList()) {
                GetInboxIdsResponse.Response.Builder entry = GetInboxIdsResponse.Response.newBuilder()
                        .setIdentifier(query.getIdentifier())
                        .setIdentifierKind(query.getIdentifierKind());
                if (isEthereum(query.getIdentifierKind())) {
                    store.inboxIdFor(query.getIdentifier().toLowerCase(Locale.ROOT)).ifPresent(entry::setInboxId);
                }
                answer.addResponses(entry);
            }
            return answer.build();
        });
    }

    /** libxmtp reads kind 0 (unspecified) as Ethereum. */
    private static boolean isEthereum(IdentifierKind kind) {
        return kind == IdentifierKind.IDENTIFIER_KIND_UNSPECIFIED || kind == IdentifierKind.IDENTIFIER_KIND_ETHEREUM;
    }

    @Override
    public void verifySmartContractWalletSignatures(VerifySmartContractWalletSignaturesRequest request,
            StreamObserver<VerifySmartContractWalletSignaturesResponse> response) {
        Calls.unary(response, () -> {
            VerifySmartContractWalletSignaturesResponse.Builder answer = VerifySmartContractWalletSignaturesResponse.newBuilder();
            for (int i = 0; i < request.getSignaturesCount(); i++) {
                answer.addResponses(VerifySmartContractWalletSignaturesResponse.ValidationResponse.newBuilder()
                        .setIsValid(false)
                        .setError("this node has no Ethereum JSON-RPC endpoint configured, so it cannot verify"
                                + " smart contract wallet signatures"));
            }
            return answer.build();
        });
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
