package io.socon.messaging.impl.node;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.socon.messaging.impl.node.stream.LiveStream;
import io.socon.messaging.impl.store.CommitLogRecord;
import io.socon.messaging.impl.store.GroupMessageRecord;
import io.socon.messaging.impl.store.NewCommitLogEntry;
import io.socon.messaging.impl.store.NewGroupMessage;
import io.socon.messaging.impl.store.NewWelcome;
import io.socon.messaging.impl.store.NodeStore;
import io.socon.messaging.impl.store.PageRequest;
import io.socon.messaging.impl.store.WelcomeRecord;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEd25519Signature;
import io.socon.messaging.impl.wire.mls.api.v1.BatchPublishCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.BatchQueryCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.BatchQueryCommitLogResponse;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GetIdentityUpdatesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.GetIdentityUpdatesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.KeyPackageUpload;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.PublishCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryCommitLogResponse;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.RegisterInstallationRequest;
import io.socon.messaging.impl.wire.mls.api.v1.RegisterInstallationResponse;
import io.socon.messaging.impl.wire.mls.api.v1.RevokeInstallationRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SubscribeWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.UploadKeyPackageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.messagecontents.CommitLogEntry;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XMTP V3's {@code xmtp.mls.api.v1.MlsApi}: group messages, welcomes, key packages, commit logs and
 * the two live subscriptions, with xmtp-node-go's semantics (see the package documentation).
 */
final class MlsApiService extends MlsApiGrpc.MlsApiImplBase {

    static final int MAX_COMMIT_LOG_PUBLISH = 10;
    static final int MAX_COMMIT_LOG_QUERIES = 20;

    private final NodeStore store;
    private final NodeValidation validation;
    private final NodeLimits limits;
    private final Subscriptions subscriptions;

    MlsApiService(NodeStore store, NodeValidation validation, NodeLimits limits, Subscriptions subscriptions) {
        this.store = store;
        this.validation = validation;
        this.limits = limits;
        this.subscriptions = subscriptions;
    }

    // ------------------------------------------------------------ group messages

    @Override
    public void sendGroupMessages(SendGroupMessagesRequest request, StreamObserver<Empty> response) {
        Calls.unary(response, () -> {
            if (request.getMessagesCount() == 0) {
                throw new InvalidRequestException("no group messages to send");
            }
            List<NewGroupMessage> batch = new ArrayList<>(request.getMessagesCount());
            for (int i = 0; i < request.getMessagesCount(); i++) {
                GroupMessageInput input = request.getMessages(i);
                if (!input.hasV1()) {
                    throw new InvalidRequestException("group message " + i + " has no v1 payload");
                }
                GroupMessageInput.V1 v1 = input.getV1();
                byte[] data = v1.getData().toByteArray();
                limits.checkPayload("group message " + i, data.length);
                NodeValidation.GroupMessageHeader header;
                try {
                    header = validation.groupMessage(data);
                } catch (InvalidRequestException e) {
                    throw new InvalidRequestException("invalid group message " + i + ": " + e.getMessage(), e);
                }
                batch.add(new NewGroupMessage(header.groupId(), data, v1.getSenderHmac().toByteArray(),
                        v1.getShouldPush(), header.isCommit()));
            }
            store.appendGroupMessages(batch);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void queryGroupMessages(QueryGroupMessagesRequest request, StreamObserver<QueryGroupMessagesResponse> response) {
        Calls.unary(response, () -> {
            byte[] groupId = requireNonEmpty(request.getGroupId(), "group_id");
            PageRequest page = Paging.request(request.getPagingInfo());
            List<GroupMessageRecord> records = store.groupMessages(groupId, page);
            QueryGroupMessagesResponse.Builder answer = QueryGroupMessagesResponse.newBuilder();
            records.forEach(r -> answer.addMessages(toWire(r, true)));
            long lastId = records.isEmpty() ? 0 : records.get(records.size() - 1).id();
            return answer.setPagingInfo(Paging.response(page, records.size(), lastId)).build();
        });
    }

    @Override
    public void getNewestGroupMessage(GetNewestGroupMessageRequest request,
            StreamObserver<GetNewestGroupMessageResponse> response) {
        Calls.unary(response, () -> {
            if (request.getGroupIdsCount() == 0) {
                throw new InvalidRequestException("no group ids given");
            }
            GetNewestGroupMessageResponse.Builder answer = GetNewestGroupMessageResponse.newBuilder();
            for (ByteString groupId : request.getGroupIdsList()) {
                GetNewestGroupMessageResponse.Response.Builder entry = GetNewestGroupMessageResponse.Response.newBuilder();
                if (!groupId.isEmpty()) {
                    store.newestGroupMessage(groupId.toByteArray())
                            .ifPresent(r -> entry.setGroupMessage(toWire(r, request.getIncludeContent())));
                }
                answer.addResponses(entry);
            }
            return answer.build();
        });
    }

    @Override
    public void subscribeGroupMessages(SubscribeGroupMessagesRequest request, StreamObserver<GroupMessage> response) {
        Map<ByteString, Long> cursors = new LinkedHashMap<>();
        for (SubscribeGroupMessagesRequest.Filter filter : request.getFiltersList()) {
            if (filter.getGroupId().isEmpty()) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("a filter has an empty group_id").asRuntimeException());
                return;
            }
            cursors.merge(filter.getGroupId(), filter.getIdCursor(), Math::min);
        }
        LiveStream<GroupMessageRecord, GroupMessage> stream = new LiveStream<>(
                (ServerCallStreamObserver<GroupMessage>) response, subscriptions.groups(), cursors,
                (topic, after, limit) -> store.groupMessages(topic.toByteArray(), PageRequest.ascendingAfter(after, limit)),
                GroupMessageRecord::id, r -> toWire(r, true));
        subscriptions.start(stream);
    }

    static GroupMessage toWire(GroupMessageRecord r, boolean includeContent) {
        GroupMessage.V1.Builder v1 = GroupMessage.V1.newBuilder()
                .setId(r.id())
                .setCreatedNs(r.createdNs())
                .setGroupId(ByteString.copyFrom(r.groupId()))
                .setSenderHmac(ByteString.copyFrom(r.senderHmac()))
                .setShouldPush(r.shouldPush())
                .setIsCommit(r.isCommit());
        if (includeContent) {
            v1.setData(ByteString.copyFrom(r.data()));
        }
        return GroupMessage.newBuilder().setV1(v1).build();
    }

    // ------------------------------------------------------------ welcomes

    @Override
    public void sendWelcomeMessages(SendWelcomeMessagesRequest request, StreamObserver<Empty> response) {
        Calls.unary(response, () -> {
            if (request.getMessagesCount() == 0) {
                throw new InvalidRequestException("no welcome messages to send");
            }
            List<NewWelcome> batch = new ArrayList<>(request.getMessagesCount());
            for (int i = 0; i < request.getMessagesCount(); i++) {
                batch.add(newWelcome(i, request.getMessages(i)));
            }
            store.appendWelcomes(batch);
            return Empty.getDefaultInstance();
        });
    }

    private NewWelcome newWelcome(int index, WelcomeMessageInput input) {
        String which = "welcome message " + index;
        if (input.hasV1()) {
            WelcomeMessageInput.V1 v1 = input.getV1();
            byte[] installationKey = requireNonEmpty(v1.getInstallationKey(), which + " installation_key");
            byte[] data = requireNonEmpty(v1.getData(), which + " data");
            limits.checkPayload(which, data.length + v1.getWelcomeMetadata().size());
            boolean symmetric = v1.getWrapperAlgorithm() == WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY;
            if (!symmetric && v1.getHpkePublicKey().isEmpty()) {
                throw new InvalidRequestException(which + " has no hpke_public_key");
            }
            return new NewWelcome(installationKey, false, data, v1.getHpkePublicKey().toByteArray(),
                    v1.getWrapperAlgorithmValue(), v1.getWelcomeMetadata().toByteArray());
        }
        if (input.hasWelcomePointer()) {
            WelcomeMessageInput.WelcomePointer pointer = input.getWelcomePointer();
            byte[] installationKey = requireNonEmpty(pointer.getInstallationKey(), which + " installation_key");
            byte[] data = requireNonEmpty(pointer.getWelcomePointer(), which + " welcome_pointer");
            limits.checkPayload(which, data.length);
            if (pointer.getHpkePublicKey().isEmpty()) {
                throw new InvalidRequestException(which + " has no hpke_public_key");
            }
            return new NewWelcome(installationKey, true, data, pointer.getHpkePublicKey().toByteArray(),
                    pointer.getWrapperAlgorithmValue(), new byte[0]);
        }
        throw new InvalidRequestException(which + " has neither v1 nor welcome_pointer");
    }

    @Override
    public void queryWelcomeMessages(QueryWelcomeMessagesRequest request,
            StreamObserver<QueryWelcomeMessagesResponse> response) {
        Calls.unary(response, () -> {
            byte[] installationKey = requireNonEmpty(request.getInstallationKey(), "installation_key");
            PageRequest page = Paging.request(request.getPagingInfo());
            List<WelcomeRecord> records = store.welcomes(installationKey, page);
            QueryWelcomeMessagesResponse.Builder answer = QueryWelcomeMessagesResponse.newBuilder();
            records.forEach(r -> answer.addMessages(toWire(r)));
            long lastId = records.isEmpty() ? 0 : records.get(records.size() - 1).id();
            return answer.setPagingInfo(Paging.response(page, records.size(), lastId)).build();
        });
    }

    @Override
    public void subscribeWelcomeMessages(SubscribeWelcomeMessagesRequest request, StreamObserver<WelcomeMessage> response) {
        if (request.getFiltersCount() == 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("no filters: name at least one installation_key")
                    .asRuntimeException());
            return;
        }
        Map<ByteString, Long> cursors = new LinkedHashMap<>();
        for (SubscribeWelcomeMessagesRequest.Filter filter : request.getFiltersList()) {
            if (filter.getInstallationKey().isEmpty()) {
                response.onError(Status.INVALID_ARGUMENT.withDescription("a filter has an empty installation_key")
                        .asRuntimeException());
                return;
            }
            cursors.merge(filter.getInstallationKey(), filter.getIdCursor(), Math::min);
        }
        LiveStream<WelcomeRecord, WelcomeMessage> stream = new LiveStream<>(
                (ServerCallStreamObserver<WelcomeMessage>) response, subscriptions.welcomes(), cursors,
                (topic, after, limit) -> store.welcomes(topic.toByteArray(), PageRequest.ascendingAfter(after, limit)),
                WelcomeRecord::id, MlsApiService::toWire);
        subscriptions.start(stream);
    }

    static WelcomeMessage toWire(WelcomeRecord r) {
        if (r.pointer()) {
            return WelcomeMessage.newBuilder().setWelcomePointer(WelcomeMessage.WelcomePointer.newBuilder()
                    .setId(r.id())
                    .setCreatedNs(r.createdNs())
                    .setInstallationKey(ByteString.copyFrom(r.installationKey()))
                    .setWelcomePointer(ByteString.copyFrom(r.data()))
                    .setHpkePublicKey(ByteString.copyFrom(r.hpkePublicKey()))
                    .setWrapperAlgorithmValue(r.wrapperAlgorithm()))
                    .build();
        }
        return WelcomeMessage.newBuilder().setV1(WelcomeMessage.V1.newBuilder()
                .setId(r.id())
                .setCreatedNs(r.createdNs())
                .setInstallationKey(ByteString.copyFrom(r.installationKey()))
                .setData(ByteString.copyFrom(r.data()))
                .setHpkePublicKey(ByteString.copyFrom(r.hpkePublicKey()))
                .setWrapperAlgorithmValue(r.wrapperAlgorithm())
                .setWelcomeMetadata(ByteString.copyFrom(r.welcomeMetadata())))
                .build();
    }

    // ------------------------------------------------------------ key packages

    @Override
    public void uploadKeyPackage(UploadKeyPackageRequest request, StreamObserver<Empty> response) {
        Calls.unary(response, () -> {
            storeKeyPackage(request.hasKeyPackage() ? request.getKeyPackage() : null);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void registerInstallation(RegisterInstallationRequest request,
            StreamObserver<RegisterInstallationResponse> response) {
        Calls.unary(response, () -> {
            byte[] installationKey = storeKeyPackage(request.hasKeyPackage() ? request.getKeyPackage() : null);
            return RegisterInstallationResponse.newBuilder().setInstallationKey(ByteString.copyFrom(installationKey)).build();
        });
    }

    private byte[] storeKeyPackage(KeyPackageUpload upload) {
        if (upload == null || upload.getKeyPackageTlsSerialized().isEmpty()) {
            throw new InvalidRequestException("no key package");
        }
        byte[] keyPackage = upload.getKeyPackageTlsSerialized().toByteArray();
        limits.checkPayload("key package", keyPackage.length);
        NodeValidation.UploadedKeyPackage valid;
        try {
            valid = validation.keyPackage(keyPackage);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException("invalid key package: " + e.getMessage(), e);
        }
        store.putKeyPackage(valid.installationKey(), valid.inboxId(), keyPackage);
        return valid.installationKey();
    }

    @Override
    public void fetchKeyPackages(FetchKeyPackagesRequest request, StreamObserver<FetchKeyPackagesResponse> response) {
        Calls.unary(response, () -> {
            List<byte[]> keys = request.getInstallationKeysList().stream().map(ByteString::toByteArray).toList();
            FetchKeyPackagesResponse.Builder answer = FetchKeyPackagesResponse.newBuilder();
            for (Optional<byte[]> keyPackage : store.newestKeyPackages(keys)) {
                FetchKeyPackagesResponse.KeyPackage.Builder entry = FetchKeyPackagesResponse.KeyPackage.newBuilder();
                keyPackage.ifPresent(bytes -> entry.setKeyPackageTlsSerialized(ByteString.copyFrom(bytes)));
                answer.addKeyPackages(entry);
            }
            return answer.build();
        });
    }

    // ------------------------------------------------------------ deprecated

    @Override
    public void revokeInstallation(RevokeInstallationRequest request, StreamObserver<Empty> response) {
        response.onError(Status.UNIMPLEMENTED
                .withDescription("RevokeInstallation is retired: publish a revoke identity update through IdentityApi")
                .asRuntimeException());
    }

    @Override
    public void getIdentityUpdates(GetIdentityUpdatesRequest request, StreamObserver<GetIdentityUpdatesResponse> response) {
        response.onError(Status.UNIMPLEMENTED
                .withDescription("MlsApi.GetIdentityUpdates is retired: use xmtp.identity.api.v1.IdentityApi/GetIdentityUpdates")
                .asRuntimeException());
    }

    // ------------------------------------------------------------ commit log

    @Override
    public void batchPublishCommitLog(BatchPublishCommitLogRequest request, StreamObserver<Empty> response) {
        Calls.unary(response, () -> {
            int count = request.getRequestsCount();
            if (count == 0 || count > MAX_COMMIT_LOG_PUBLISH) {
                throw new InvalidRequestException("publish between 1 and " + MAX_COMMIT_LOG_PUBLISH
                        + " commit-log entries per call, not " + count);
            }
            List<NewCommitLogEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                PublishCommitLogRequest entry = request.getRequests(i);
                byte[] groupId = requireNonEmpty(entry.getGroupId(), "commit-log entry " + i + " group_id");
                byte[] serialized = requireNonEmpty(entry.getSerializedCommitLogEntry(),
                        "commit-log entry " + i + " serialized_commit_log_entry");
                limits.checkPayload("commit-log entry " + i, serialized.length);
                if (!entry.hasSignature()) {
                    throw new InvalidRequestException("commit-log entry " + i + " has no signature");
                }
                entries.add(new NewCommitLogEntry(groupId, serialized, entry.getSignature().toByteArray()));
            }
            store.appendCommitLogEntries(entries);
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void batchQueryCommitLog(BatchQueryCommitLogRequest request, StreamObserver<BatchQueryCommitLogResponse> response) {
        Calls.unary(response, () -> {
            int count = request.getRequestsCount();
            if (count == 0 || count > MAX_COMMIT_LOG_QUERIES) {
                throw new InvalidRequestException("query between 1 and " + MAX_COMMIT_LOG_QUERIES
                        + " commit logs per call, not " + count);
            }
            BatchQueryCommitLogResponse.Builder answer = BatchQueryCommitLogResponse.newBuilder();
            for (int i = 0; i < count; i++) {
                answer.addResponses(queryCommitLog(i, request.getRequests(i)));
            }
            return answer.build();
        });
    }

    private QueryCommitLogResponse queryCommitLog(int index, QueryCommitLogRequest query) {
        byte[] groupId = requireNonEmpty(query.getGroupId(), "commit-log query " + index + " group_id");
        PagingInfo paging = query.getPagingInfo();
        if (paging.getDirection() == SortDirection.SORT_DIRECTION_DESCENDING) {
            throw new InvalidRequestException("commit-log query " + index + ": only ascending order is supported");
        }
        PageRequest page = PageRequest.ascendingAfter(paging.getIdCursor(), Paging.limit(paging.getLimit()));
        List<CommitLogRecord> records = store.commitLog(groupId, page.cursor(), page.limit());
        QueryCommitLogResponse.Builder answer = QueryCommitLogResponse.newBuilder().setGroupId(query.getGroupId());
        for (CommitLogRecord r : records) {
            answer.addCommitLogEntries(CommitLogEntry.newBuilder()
                    .setSequenceId(r.id())
                    .setSerializedCommitLogEntry(ByteString.copyFrom(r.serializedEntry()))
                    .setSignature(parseSignature(r.signature())));
        }
        long lastId = records.isEmpty() ? 0 : records.get(records.size() - 1).id();
        return answer.setPagingInfo(Paging.response(page, records.size(), lastId)).build();
    }

    private static RecoverableEd25519Signature parseSignature(byte[] stored) {
        try {
            return RecoverableEd25519Signature.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored commit-log signature does not parse", e);
        }
    }

    // ------------------------------------------------------------ helpers

    static byte[] requireNonEmpty(ByteString bytes, String what) {
        if (bytes.isEmpty()) {
            throw new InvalidRequestException(what + " is empty");
        }
        return bytes.toByteArray();
    }
}
