package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A signature that verified against the signature text.
 *
 * @param signer who signed
 * @param kind how
 * @param identity the bytes that identify this signature for replay detection (normalised for ECDSA; the
 *     wallet's signature of the delegated key for legacy signatures)
 * @param chainId the chain of a smart-contract wallet signature; empty for every other kind
 */
record VerifiedSignature(MemberId signer, SignatureKind kind, ByteString identity, OptionalLong chainId) {

    VerifiedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(chainId, "chainId");
    }
}
