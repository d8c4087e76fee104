package io.socon.messaging.impl.node;

import static io.socon.messaging.impl.node.GroupMessagesTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.identity.associations.RecoverableEd25519Signature;
import io.socon.messaging.impl.wire.mls.api.v1.BatchPublishCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.BatchQueryCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.BatchQueryCommitLogResponse;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.FetchKeyPackagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.PublishCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryCommitLogRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryWelcomeMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.SendWelcomeMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessage;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomePointerWrapperAlgorithm;
import io.socon.messaging.impl.wire.mls.messagecontents.WelcomeWrapperAlgorithm;
import org.junit.jupiter.api.Test;

/** Welcomes, FetchKeyPackages' shape, and the commit log. */
class WelcomesAndCommitLogTest extends RunningNodeTest {

    static final ByteString INSTALLATION = ByteString.copyFrom(new byte[32]);



    static WelcomeMessageInput.V1.Builder welcome(String data) {
        return WelcomeMessageInput.V1.newBuilder()
                .setInstallationKey(INSTALLATION)
                .setData(ByteString.copyFromUtf8(data))
                .setHpkePublicKey(ByteString.copyFromUtf8("hpke-key"))
                .setWrapperAlgorithm(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6)
                .setWelcomeMetadata(ByteString.copyFromUtf8("meta"));
    }

    void sendWelcomes(WelcomeMessageInput... inputs) {
        SendWelcomeMessagesRequest.Builder request = SendWelcomeMessagesRequest.newBuilder();
        for (WelcomeMessageInput input : inputs) {
            request.addMessages(input);
        }
        node.mls().sendWelcomeMessages(request.build());
    }

    QueryWelcomeMessagesResponse queryWelcomes(long cursor) {
        return node.mls().queryWelcomeMessages(QueryWelcomeMessagesRequest.newBuilder()
                .setInstallationKey(INSTALLATION)
                .setPagingInfo(PagingInfo.newBuilder().setDirection(SortDirection.SORT_DIRECTION_ASCENDING).setLimit(100).setIdCursor(cursor))
                .build());
    }

    @Test
    void welcomesKeepEveryFieldAndAreDeduplicated() {
        WelcomeMessageInput first = WelcomeMessageInput.newBuilder().setV1(welcome("w1")).build();
        sendWelcomes(first, first, WelcomeMessageInput.newBuilder().setWelcomePointer(WelcomeMessageInput.WelcomePointer.newBuilder()
                .setInstallationKey(INSTALLATION)
                .setWelcomePointer(ByteString.copyFromUtf8("pointer"))
                .setHpkePublicKey(ByteString.copyFromUtf8("xwing"))
                .setWrapperAlgorithm(WelcomePointerWrapperAlgorithm.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6))
                .build());

        QueryWelcomeMessagesResponse all = queryWelcomes(0);
        assertThat(all.getMessagesCount()).isEqualTo(2);
        WelcomeMessage.V1 v1 = all.getMessages(0).getV1();
        assertThat(v1.getId()).isEqualTo(1L);
        assertThat(v1.getData().toStringUtf8()).isEqualTo("w1");
        assertThat(v1.getHpkePublicKey().toStringUtf8()).isEqualTo("hpke-key");
        assertThat(v1.getWelcomeMetadata().toStringUtf8()).isEqualTo("meta");
        assertThat(v1.getWrapperAlgorithm()).isEqualTo(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6);
        assertThat(v1.getInstallationKey()).isEqualTo(INSTALLATION);
        assertThat(all.getMessages(1).getWelcomePointer().getWelcomePointer().toStringUtf8()).isEqualTo("pointer");
        assertThat(queryWelcomes(1).getMessagesCount()).isEqualTo(1);
    }

    @Test
    void aSymmetricallyWrappedWelcomeNeedsNoHpkeKey() {
        sendWelcomes(WelcomeMessageInput.newBuilder().setV1(welcome("sym").clearHpkePublicKey()
                .setWrapperAlgorithm(WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY)).build());

        assertThat(queryWelcomes(0).getMessagesCount()).isEqualTo(1);
    }

    @Test
    void welcomeRefusals() {
        assertInvalid(() -> sendWelcomes(), "no welcome messages to send");
        assertInvalid(() -> sendWelcomes(WelcomeMessageInput.getDefaultInstance()), "neither v1 nor welcome_pointer");
        assertInvalid(() -> sendWelcomes(WelcomeMessageInput.newBuilder().setV1(welcome("x").clearInstallationKey()).build()),
                "installation_key is empty");
        assertInvalid(() -> sendWelcomes(WelcomeMessageInput.newBuilder().setV1(welcome("x").clearData()).build()),
                "data is empty");
        assertInvalid(() -> sendWelcomes(WelcomeMessageInput.newBuilder().setV1(welcome("x").clearHpkePublicKey()).build()),
                "has no hpke_public_key");
        assertInvalid(() -> node.mls().queryWelcomeMessages(QueryWelcomeMessagesRequest.getDefaultInstance()),
                "installation_key is empty");
        assertThat(queryWelcomes(0).getMessagesCount()).as("nothing refused was stored").isZero();
    }

    @Test
    void fetchKeyPackagesAnswersEveryKeyInOrderEvenUnknownOnes() {
        FetchKeyPackagesResponse response = node.mls().fetchKeyPackages(FetchKeyPackagesRequest.newBuilder()
                .addInstallationKeys(ByteString.copyFromUtf8("a")).addInstallationKeys(ByteString.copyFromUtf8("b")).build());

        assertThat(response.getKeyPackagesCount()).isEqualTo(2);
        assertThat(response.getKeyPackages(0).getKeyPackageTlsSerialized()).isEmpty();
    }

    static PublishCommitLogRequest entry(String group, String entry) {
        return PublishCommitLogRequest.newBuilder()
                .setGroupId(ByteString.copyFromUtf8(group))
                .setSerializedCommitLogEntry(ByteString.copyFromUtf8(entry))
                .setSignature(RecoverableEd25519Signature.newBuilder()
                        .setBytes(ByteString.copyFrom(new byte[64])).setPublicKey(ByteString.copyFrom(new byte[32])))
                .build();
    }

    static QueryCommitLogRequest commitLogQuery(String group, SortDirection direction, long cursor) {
        return QueryCommitLogRequest.newBuilder().setGroupId(ByteString.copyFromUtf8(group))
                .setPagingInfo(PagingInfo.newBuilder().setDirection(direction).setLimit(100).setIdCursor(cursor)).build();
    }

    @Test
    void commitLogsArePublishedAndQueriedPerGroup() {
        node.mls().batchPublishCommitLog(BatchPublishCommitLogRequest.newBuilder()
                .addRequests(entry("g1", "e1")).addRequests(entry("g2", "x")).addRequests(entry("g1", "e2")).build());

        BatchQueryCommitLogResponse response = node.mls().batchQueryCommitLog(BatchQueryCommitLogRequest.newBuilder()
                .addRequests(commitLogQuery("g1", SortDirection.SORT_DIRECTION_ASCENDING, 0))
                .addRequests(commitLogQuery("none", SortDirection.SORT_DIRECTION_UNSPECIFIED, 0))
                .build());

        assertThat(response.getResponsesCount()).isEqualTo(2);
        assertThat(response.getResponses(0).getGroupId().toStringUtf8()).isEqualTo("g1");
        assertThat(response.getResponses(0).getCommitLogEntriesList())
                .extracting(e -> e.getSerializedCommitLogEntry().toStringUtf8()).containsExactly("e1", "e2");
        assertThat(response.getResponses(0).getCommitLogEntries(0).getSequenceId()).isEqualTo(1L);
        assertThat(response.getResponses(0).getCommitLogEntries(0).getSignature().getPublicKey().size()).isEqualTo(32);
        assertThat(response.getResponses(1).getCommitLogEntriesCount()).isZero();
    }

    @Test
    void commitLogRefusals() {
        assertInvalid(() -> node.mls().batchPublishCommitLog(BatchPublishCommitLogRequest.getDefaultInstance()),
                "between 1 and 10");
        BatchPublishCommitLogRequest.Builder eleven = BatchPublishCommitLogRequest.newBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.addRequests(entry("g", "e" + i));
        }
        assertInvalid(() -> node.mls().batchPublishCommitLog(eleven.build()), "not 11");
        assertInvalid(() -> node.mls().batchPublishCommitLog(BatchPublishCommitLogRequest.newBuilder()
                .addRequests(entry("g", "e").toBuilder().clearSignature()).build()), "has no signature");
        BatchQueryCommitLogRequest.Builder many = BatchQueryCommitLogRequest.newBuilder();
        for (int i = 0; i < 21; i++) {
            many.addRequests(commitLogQuery("g", SortDirection.SORT_DIRECTION_ASCENDING, 0));
        }
        assertInvalid(() -> node.mls().batchQueryCommitLog(many.build()), "not 21");
        assertInvalid(() -> node.mls().batchQueryCommitLog(BatchQueryCommitLogRequest.newBuilder()
                .addRequests(commitLogQuery("g", SortDirection.SORT_DIRECTION_DESCENDING, 0)).build()), "only ascending");
    }
}
