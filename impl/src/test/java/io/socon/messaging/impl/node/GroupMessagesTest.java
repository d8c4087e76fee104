package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageRequest;
import io.socon.messaging.impl.wire.mls.api.v1.GetNewestGroupMessageResponse;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessage;
import io.socon.messaging.impl.wire.mls.api.v1.GroupMessageInput;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesResponse;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SortDirection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SendGroupMessages, QueryGroupMessages and GetNewestGroupMessage over gRPC on a loopback port. */
class GroupMessagesTest extends RunningNodeTest {

    static final byte[] GROUP = "group-0123456789".getBytes(StandardCharsets.UTF_8);



    static GroupMessageInput input(byte[] mls) {
        return GroupMessageInput.newBuilder().setV1(GroupMessageInput.V1.newBuilder()
                .setData(ByteString.copyFrom(mls))
                .setSenderHmac(ByteString.copyFromUtf8("h"))
                .setShouldPush(true)).build();
    }

    void send(byte[]... mls) {
        SendGroupMessagesRequest.Builder request = SendGroupMessagesRequest.newBuilder();
        for (byte[] m : mls) {
            request.addMessages(input(m));
        }
        node.mls().sendGroupMessages(request.build());
    }

    QueryGroupMessagesResponse query(byte[] group, SortDirection direction, int limit, long cursor) {
        return node.mls().queryGroupMessages(QueryGroupMessagesRequest.newBuilder()
                .setGroupId(ByteString.copyFrom(group))
                .setPagingInfo(PagingInfo.newBuilder().setDirection(direction).setLimit(limit).setIdCursor(cursor))
                .build());
    }

    static List<Long> ids(QueryGroupMessagesResponse response) {
        return response.getMessagesList().stream().map(m -> m.getV1().getId()).toList();
    }

    @Test
    void sentMessagesAreReadableAtOnceByteForByteWithGrowingIds() {
        byte[] first = MlsTestMessages.application(GROUP, "one");
        byte[] second = MlsTestMessages.privateMessage(GROUP, 2, MlsTestMessages.COMMIT, new byte[] {9});
        send(first, second);

        QueryGroupMessagesResponse response = query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 0);

        assertThat(ids(response)).containsExactly(1L, 2L);
        GroupMessage.V1 one = response.getMessages(0).getV1();
        assertThat(one.getData().toByteArray()).isEqualTo(first);
        assertThat(one.getGroupId().toByteArray()).isEqualTo(GROUP);
        assertThat(one.getIsCommit()).isFalse();
        assertThat(one.getShouldPush()).isTrue();
        assertThat(one.getSenderHmac().toStringUtf8()).isEqualTo("h");
        assertThat(one.getCreatedNs()).isGreaterThan(1_600_000_000_000_000_000L);
        assertThat(response.getMessages(1).getV1().getIsCommit()).isTrue();
        assertThat(response.getPagingInfo().getIdCursor()).as("a page that is not full ends paging").isZero();
    }

    @Test
    void proposalsCountAsCommits() {
        send(MlsTestMessages.privateMessage(GROUP, 3, MlsTestMessages.PROPOSAL, new byte[] {1}));

        assertThat(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 0, 0).getMessages(0).getV1().getIsCommit()).isTrue();
    }

    @Test
    void pagingFollowsXmtpRules() {
        for (int i = 0; i < 105; i++) {
            send(MlsTestMessages.application(GROUP, "m" + i));
        }

        QueryGroupMessagesResponse firstPage = query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 0);
        assertThat(firstPage.getMessagesCount()).isEqualTo(100);
        assertThat(firstPage.getPagingInfo().getIdCursor()).as("a full page names its last id").isEqualTo(100L);
        assertThat(firstPage.getPagingInfo().getLimit()).isEqualTo(100);
        assertThat(firstPage.getPagingInfo().getDirection()).isEqualTo(SortDirection.SORT_DIRECTION_ASCENDING);

        QueryGroupMessagesResponse rest = query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 100);
        assertThat(ids(rest)).containsExactly(101L, 102L, 103L, 104L, 105L);
        assertThat(rest.getPagingInfo().getIdCursor()).isZero();

        QueryGroupMessagesResponse unspecified = query(GROUP, SortDirection.SORT_DIRECTION_UNSPECIFIED, 3, 0);
        assertThat(ids(unspecified)).as("descending by default").containsExactly(105L, 104L, 103L);
        assertThat(unspecified.getPagingInfo().getIdCursor()).isEqualTo(103L);

        assertThat(ids(query(GROUP, SortDirection.SORT_DIRECTION_DESCENDING, 2, 50))).containsExactly(49L, 48L);
        assertThat(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 0, 0).getMessagesCount()).as("0 means 100").isEqualTo(100);
        assertThat(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 5000, 0).getMessagesCount()).as("capped at 100").isEqualTo(100);
        assertThat(query("other".getBytes(StandardCharsets.UTF_8), SortDirection.SORT_DIRECTION_ASCENDING, 100, 0)
                .getMessagesCount()).isZero();
    }

    @Test
    void aDuplicateSendIsAcceptedAndStoredOnce() {
        byte[] message = MlsTestMessages.application(GROUP, "twice");
        send(message);
        send(message, message);

        assertThat(ids(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 0))).containsExactly(1L);
    }

    @Test
    void aBatchWithOneMalformedMessageIsRefusedWhole() {
        assertThatThrownBy(() -> send(MlsTestMessages.application(GROUP, "fine"), new byte[] {0, 1, 0, 2, 5}))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("invalid group message 1: ");
                });

        assertThat(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 0).getMessagesCount()).isZero();
    }

    @Test
    void refusals() {
        assertInvalid(() -> node.mls().sendGroupMessages(SendGroupMessagesRequest.getDefaultInstance()),
                "no group messages to send");
        assertInvalid(() -> node.mls().sendGroupMessages(SendGroupMessagesRequest.newBuilder()
                .addMessages(GroupMessageInput.getDefaultInstance()).build()), "group message 0 has no v1 payload");
        assertInvalid(() -> query(new byte[0], SortDirection.SORT_DIRECTION_ASCENDING, 1, 0), "group_id is empty");
        assertInvalid(() -> node.mls().getNewestGroupMessage(GetNewestGroupMessageRequest.getDefaultInstance()),
                "no group ids given");
    }

    static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    @Test
    void newestGroupMessageAnswersEveryGroupInOrder() {
        byte[] other = "other-group-abcd".getBytes(StandardCharsets.UTF_8);
        send(MlsTestMessages.application(GROUP, "a"), MlsTestMessages.privateMessage(GROUP, 5, MlsTestMessages.COMMIT, new byte[] {1}));
        send(MlsTestMessages.application(other, "b"));

        GetNewestGroupMessageResponse response = node.mls().getNewestGroupMessage(GetNewestGroupMessageRequest.newBuilder()
                .addGroupIds(ByteString.copyFromUtf8("unknown"))
                .addGroupIds(ByteString.copyFrom(GROUP))
                .addGroupIds(ByteString.copyFrom(other))
                .build());

        assertThat(response.getResponsesCount()).isEqualTo(3);
        assertThat(response.getResponses(0).hasGroupMessage()).isFalse();
        GroupMessage.V1 newest = response.getResponses(1).getGroupMessage().getV1();
        assertThat(newest.getId()).isEqualTo(2L);
        assertThat(newest.getIsCommit()).isTrue();
        assertThat(newest.getData()).as("content only when asked for").isEmpty();
        assertThat(response.getResponses(2).getGroupMessage().getV1().getId()).isEqualTo(3L);
    }

    @Test
    void messagesSurviveANodeRestartAndIdsKeepGrowing() throws IOException {
        send(MlsTestMessages.application(GROUP, "before"));
        node.restart();
        send(MlsTestMessages.application(GROUP, "after"));

        assertThat(ids(query(GROUP, SortDirection.SORT_DIRECTION_ASCENDING, 100, 0))).containsExactly(1L, 2L);
    }
}
