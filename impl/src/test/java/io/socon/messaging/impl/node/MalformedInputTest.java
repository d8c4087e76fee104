package io.socon.messaging.impl.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.socon.messaging.impl.wire.identity.api.v1.PublishIdentityUpdateRequest;
import io.socon.messaging.impl.wire.identity.associations.IdentityUpdate;
import io.socon.messaging.impl.wire.mls.api.v1.KeyPackageUpload;
import io.socon.messaging.impl.wire.mls.api.v1.MlsApiGrpc;
import io.socon.messaging.impl.wire.mls.api.v1.PagingInfo;
import io.socon.messaging.impl.wire.mls.api.v1.QueryGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.SendGroupMessagesRequest;
import io.socon.messaging.impl.wire.mls.api.v1.UploadKeyPackageRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and truncated bytes everywhere the node parses something: always a clear INVALID_ARGUMENT,
 * never INTERNAL, never a stored row, and the node keeps serving.
 */
class MalformedInputTest extends RunningNodeTest {

    final Random random = new Random(20261128L);


    byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    static void assertRefused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }

    @Test
    void randomAndTruncatedMlsMessagesAreRefused() {
        byte[] valid = MlsTestMessages.application("fuzz-group-00001".getBytes(StandardCharsets.UTF_8), "x");
        for (int i = 0; i < 200; i++) {
            byte[] input = i % 2 == 0 ? randomBytes() : java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            if (i % 4 == 1) {
                input[0] = 0; // keep the version plausible so the parser goes deeper
                input = java.util.Arrays.copyOf(input, Math.max(input.length, 4));
                input[1] = 1;
                input[3] = 2;
            }
            byte[] data = input;
            assertRefused(() -> node.mls().sendGroupMessages(SendGroupMessagesRequest.newBuilder()
                    .addMessages(GroupMessagesTest.input(data)).build()));
        }
        assertThat(node.mls().queryGroupMessages(QueryGroupMessagesRequest.newBuilder()
                .setGroupId(ByteString.copyFromUtf8("fuzz-group-00001")).setPagingInfo(PagingInfo.getDefaultInstance())
                .build()).getMessagesCount()).isZero();
    }

    @Test
    void randomKeyPackagesAreRefused() {
        for (int i = 0; i < 200; i++) {
            byte[] data = randomBytes();
            if (data.length == 0) {
                continue;
            }
            assertRefused(() -> node.mls().uploadKeyPackage(UploadKeyPackageRequest.newBuilder()
                    .setKeyPackage(KeyPackageUpload.newBuilder().setKeyPackageTlsSerialized(ByteString.copyFrom(data)))
                    .build()));
        }
    }

    @Test
    void randomIdentityUpdatesAreRefused() {
        for (int i = 0; i < 100; i++) {
            IdentityUpdate update;
            try {
                update = IdentityUpdate.parseFrom(randomBytes()).toBuilder().setInboxId("ab".repeat(32)).build();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                continue; // not even protobuf: covered below
            }
            IdentityUpdate sent = update;
            assertRefused(() -> node.identity().publishIdentityUpdate(
                    PublishIdentityUpdateRequest.newBuilder().setIdentityUpdate(sent).build()));
        }
    }

    /** A request body that is not protobuf at all never reaches a service and is still INVALID_ARGUMENT. */
    @Test
    void requestsThatAreNotProtobufAreRefused() {
        MethodDescriptor<byte[], byte[]> raw = MlsApiGrpc.getSendGroupMessagesMethod().toBuilder(
                new RawMarshaller(), new RawMarshaller()).build();
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01};

        assertRefused(() -> ClientCalls.blockingUnaryCall(node.channel(), raw, CallOptions.DEFAULT, garbage));
        // still serving
        node.mls().queryGroupMessages(QueryGroupMessagesRequest.newBuilder().setGroupId(ByteString.copyFromUtf8("g")).build());
    }

    static final class RawMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
