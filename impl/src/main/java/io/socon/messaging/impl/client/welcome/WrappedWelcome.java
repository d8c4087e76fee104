package io.socon.messaging.impl.client.welcome;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.wire.mls.api.v1.WelcomeMessageInput;
import java.util.Objects;

/**
 * A welcome wrapped for one installation: the fields of {@code WelcomeMessageInput.V1}.
 *
 * @param installationKey the recipient's installation key (its leaf signature key)
 * @param data            TLS {@code HpkeCiphertext{kem_output, ciphertext}} of the MLSMessage(Welcome)
 * @param hpkePublicKey   the public key the welcome was wrapped to
 * @param algorithm       the wrapper algorithm
 * @param welcomeMetadata the second ciphertext of the same HPKE context: {@code WelcomeMetadata} (no framing)
 */
public record WrappedWelcome(Bytes installationKey, Bytes data, Bytes hpkePublicKey, WelcomeWrapAlgorithm algorithm,
                             Bytes welcomeMetadata) {

    /** Checks for nulls. */
    public WrappedWelcome {
        Objects.requireNonNull(installationKey, "installationKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(welcomeMetadata, "welcomeMetadata");
    }

    /** The {@code WelcomeMessageInput} with this welcome as its {@code v1}, for {@code SendWelcomeMessages}. */
    public WelcomeMessageInput toProto() {
        return WelcomeMessageInput.newBuilder()
                .setV1(WelcomeMessageInput.V1.newBuilder()
                        .setInstallationKey(ByteString.copyFrom(installationKey.toByteArray()))
                        .setData(ByteString.copyFrom(data.toByteArray()))
                        .setHpkePublicKey(ByteString.copyFrom(hpkePublicKey.toByteArray()))
                        .setWrapperAlgorithmValue(algorithm.wireValue())
                        .setWelcomeMetadata(ByteString.copyFrom(welcomeMetadata.toByteArray())))
                .build();
    }
}
