package io.socon.messaging.impl.identity;

import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INVALID_ACCOUNT_ADDRESS;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.INVALID_SIGNATURE;
import static io.socon.messaging.impl.identity.IdentityUpdateRejectedException.Rule.SMART_CONTRACT_WALLET_VERIFIER_MISSING;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.crypto.Ed25519ph;
import io.socon.messaging.impl.crypto.Eip191;
import io.socon.messaging.impl.crypto.Eip191Recovery;
import io.socon.messaging.impl.crypto.EthereumAddresses;
import io.socon.messaging.impl.crypto.Hex;
import io.socon.messaging.impl.wire.messagecontents.SignedPublicKey;
import io.socon.messaging.impl.wire.messagecontents.UnsignedPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Verifies one signature against an update's signature text and says who made it, following libxmtp's
 * {@code xmtp_id/src/associations/verified_signature.rs}.
 */
final class SignatureVerifier {

    private final Optional<SmartContractWalletVerifier> smartContractWallets;

    SignatureVerifier(Optional<SmartContractWalletVerifier> smartContractWallets) {
        this.smartContractWallets = smartContractWallets;
    }

    VerifiedSignature verify(ReadAction.Signed signed, String text, int index) throws IdentityUpdateRejectedException {
        String field = signed.field();
        return switch (signed.signature()) {
            case UnverifiedSignature.Erc191 erc191 -> erc191(erc191.bytes(), text, field, index);
            case UnverifiedSignature.InstallationKey key -> installationKey(key, text, field, index);
            case UnverifiedSignature.SmartContractWallet scw -> smartContractWallet(scw, text, field, index);
            case UnverifiedSignature.LegacyDelegated legacy -> legacyDelegated(legacy, text, field, index);
        };
    }

    private static VerifiedSignature erc191(ByteString bytes, String text, String field, int index)
            throws IdentityUpdateRejectedException {
        Eip191Recovery recovery = recoverErc191(bytes, text, field + " (ERC-191)", index);
        return new VerifiedSignature(MemberId.ethereum(recovery.address()), SignatureKind.ERC191,
                ByteString.copyFrom(recovery.normalizedSignature()), OptionalLong.empty());
    }

    private static Eip191Recovery recoverErc191(ByteString bytes, String text, String what, int index)
            throws IdentityUpdateRejectedException {
        try {
            return Eip191.recover(text, bytes.toByteArray());
        } catch (IllegalArgumentException unreadable) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                    what + " cannot be used: " + unreadable.getMessage());
        }
    }

    private static VerifiedSignature installationKey(UnverifiedSignature.InstallationKey key, String text,
            String field, int index) throws IdentityUpdateRejectedException {
        byte[] signature = key.signature().toByteArray();
        if (signature.length != Ed25519ph.SIGNATURE_LENGTH) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                    + " (installation key) must be 64 bytes, got " + signature.length);
        }
        boolean valid = Ed25519ph.verify(key.publicKey().toByteArray(), Ed25519ph.identityUpdateContext(),
                text.getBytes(StandardCharsets.UTF_8), signature);
        if (!valid) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                    + " (installation key " + Hex.encode(key.publicKey().toByteArray())
                    + ") does not verify: it was made over another text, with another key, or without the "
                    + "Ed25519ph context '" + Ed25519ph.IDENTITY_UPDATE_CONTEXT + "'");
        }
        return new VerifiedSignature(new MemberId.Installation(key.publicKey()), SignatureKind.INSTALLATION_KEY,
                key.signature(), OptionalLong.empty());
    }

    private VerifiedSignature smartContractWallet(UnverifiedSignature.SmartContractWallet scw, String text,
            String field, int index) throws IdentityUpdateRejectedException {
        if (smartContractWallets.isEmpty()) {
            throw new IdentityUpdateRejectedException(SMART_CONTRACT_WALLET_VERIFIER_MISSING, index, field
                    + " is a smart-contract wallet signature (" + scw.chainId() + ":" + scw.accountAddress()
                    + "); smart contract wallet signatures need a chain RPC, none is configured");
        }
        if (!scw.chainId().startsWith("eip155:")) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                    + " is for chain '" + scw.chainId() + "'; only EVM chains (eip155:<number>) are supported");
        }
        long chainId;
        try {
            chainId = Long.parseUnsignedLong(scw.chainId().substring("eip155:".length()));
        } catch (NumberFormatException notANumber) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                    + " has chain id '" + scw.chainId() + "', which is not eip155:<unsigned 64-bit number>");
        }
        String address = sanitizedAccountAddress(scw.accountAddress(), field, index);
        SmartContractWalletVerifier.Verdict verdict = smartContractWallets.get().verify(chainId, address,
                Eip191.hashMessage(text), scw.signature().toByteArray(), scw.blockNumber());
        if (verdict == null || !verdict.valid()) {
            String reason = verdict == null || verdict.reason().isEmpty() ? "" : ": " + verdict.reason();
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, field
                    + " was refused by smart-contract wallet " + address + " on chain " + chainId + reason);
        }
        return new VerifiedSignature(MemberId.ethereum(address), SignatureKind.ERC1271, scw.signature(),
                OptionalLong.of(chainId));
    }

    /** libxmtp's {@code sanitize_evm_addresses}: 40 hex digits with an optional {@code 0x}, lowercased. */
    private static String sanitizedAccountAddress(String address, String field, int index)
            throws IdentityUpdateRejectedException {
        String digits = address.startsWith("0x") ? address.substring(2) : address;
        boolean valid = digits.length() == 40 && digits.chars().allMatch(c -> Hex.isAsciiHexDigit((char) c));
        if (!valid) {
            throw new IdentityUpdateRejectedException(INVALID_ACCOUNT_ADDRESS, index, field
                    + " names account '" + WireReader.shorten(address) + "', which is not an Ethereum address");
        }
        return address.toLowerCase(Locale.ROOT);
    }

    /**
     * A legacy (XMTP v2) identity key signed the text; the wallet had signed that key. The signer is the wallet,
     * and the wallet's signature over the key is what replay detection remembers, so each legacy key can be used
     * in one update only.
     */
    private static VerifiedSignature legacyDelegated(UnverifiedSignature.LegacyDelegated legacy, String text,
            String field, int index) throws IdentityUpdateRejectedException {
        String what = field + " (legacy delegated)";
        Eip191Recovery byLegacyKey = recoverErc191(legacy.legacyKeySignature(), text, what, index);

        SignedPublicKey delegated = legacy.delegatedKey();
        ByteString walletSignature = switch (delegated.getSignature().getUnionCase()) {
            case WALLET_ECDSA_COMPACT -> compact(delegated.getSignature().getWalletEcdsaCompact().getBytes(),
                    delegated.getSignature().getWalletEcdsaCompact().getRecovery());
            case ECDSA_COMPACT -> compact(delegated.getSignature().getEcdsaCompact().getBytes(),
                    delegated.getSignature().getEcdsaCompact().getRecovery());
            case UNION_NOT_SET -> throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                    what + ": the delegated key carries no wallet signature");
        };
        if (walletSignature.size() != Eip191.SIGNATURE_LENGTH) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                    what + ": the wallet's signature of the delegated key must be 64 bytes plus a recovery id");
        }
        Eip191Recovery byWallet = recoverErc191(walletSignature,
                LegacyKeyText.of(delegated.getKeyBytes().toByteArray()), what + " wallet signature", index);

        byte[] legacyPublicKey;
        try {
            UnsignedPublicKey key = UnsignedPublicKey.parseFrom(delegated.getKeyBytes());
            if (!key.hasSecp256K1Uncompressed()) {
                throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                        what + ": the delegated key is not a secp256k1 key");
            }
            legacyPublicKey = key.getSecp256K1Uncompressed().getBytes().toByteArray();
        } catch (InvalidProtocolBufferException notAKey) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                    what + ": the delegated key_bytes are not an UnsignedPublicKey");
        }
        String legacyKeyAddress;
        try {
            legacyKeyAddress = EthereumAddresses.fromSec1PublicKey(legacyPublicKey);
        } catch (IllegalArgumentException badKey) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index,
                    what + ": the delegated key is unusable: " + badKey.getMessage());
        }
        if (!legacyKeyAddress.equals(byLegacyKey.address())) {
            throw new IdentityUpdateRejectedException(INVALID_SIGNATURE, index, what
                    + " was not made by the delegated key (it recovers to " + byLegacyKey.address()
                    + ", the key's address is " + legacyKeyAddress + ")");
        }
        return new VerifiedSignature(MemberId.ethereum(byWallet.address()), SignatureKind.LEGACY_DELEGATED,
                ByteString.copyFrom(byWallet.normalizedSignature()), OptionalLong.empty());
    }

    /** {@code bytes || (recovery as one byte)}, as libxmtp joins a compact signature (the id is truncated). */
    private static ByteString compact(ByteString bytes, int recovery) {
        return bytes.concat(ByteString.copyFrom(new byte[] {(byte) recovery}));
    }
}
