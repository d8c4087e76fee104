package io.socon.messaging.impl.identity;

import com.google.protobuf.ByteString;
import io.socon.messaging.impl.wire.messagecontents.SignedPublicKey;
import java.util.Objects;

/** A signature as read from the wire, checked for shape but not yet verified against the signature text. */
sealed interface UnverifiedSignature {

    /** An EIP-191 wallet signature, 65 bytes when well formed. */
    record Erc191(ByteString bytes) implements UnverifiedSignature {
        public Erc191 {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** An Ed25519ph installation-key signature and the key it claims (already checked to be a curve point). */
    record InstallationKey(ByteString signature, ByteString publicKey) implements UnverifiedSignature {
        public InstallationKey {
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(publicKey, "publicKey");
        }
    }

    /**
     * A smart-contract wallet signature.
     *
     * @param chainId the CAIP-2 part of the account id, for example {@code eip155:8453}
     * @param accountAddress the account part, as sent
     */
    record SmartContractWallet(String chainId, String accountAddress, long blockNumber, ByteString signature)
            implements UnverifiedSignature {
        public SmartContractWallet {
            Objects.requireNonNull(chainId, "chainId");
            Objects.requireNonNull(accountAddress, "accountAddress");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** A signature by a legacy (XMTP v2) identity key, with that key as the wallet signed it. */
    record LegacyDelegated(ByteString legacyKeySignature, SignedPublicKey delegatedKey)
            implements UnverifiedSignature {
        public LegacyDelegated {
            Objects.requireNonNull(legacyKeySignature, "legacyKeySignature");
            Objects.requireNonNull(delegatedKey, "delegatedKey");
        }
    }
}
