package io.socon.messaging.impl.identity;

/**
 * Checks smart-contract wallet signatures (ERC-1271, with ERC-6492 wrapping for wallets not yet deployed) on
 * a chain, usually by an {@code eth_call} through an RPC endpoint.
 *
 * <p>The identity verifier calls this for every {@code erc_6492} signature, also when it replays an accepted
 * log. Without a verifier such signatures are refused with
 * {@link IdentityUpdateRejectedException.Rule#SMART_CONTRACT_WALLET_VERIFIER_MISSING}. An exception thrown
 * here (the RPC is down) is passed through unchanged, so the caller can answer "try again" instead of
 * "forged".
 */
@FunctionalInterface
public interface SmartContractWalletVerifier {

    /**
     * Whether the wallet contract accepts the signature for the hash.
     *
     * @param chainId the EIP-155 chain id (from the CAIP-10 account id {@code eip155:<chainId>:<address>})
     * @param accountAddress the wallet address in lowercase with {@code 0x}
     * @param hash the EIP-191 hash of the signature text (32 bytes)
     * @param signature the signature bytes as sent
     * @param blockNumber the block to check at, as sent by the client
     */
    Verdict verify(long chainId, String accountAddress, byte[] hash, byte[] signature, long blockNumber);

    /**
     * The answer.
     *
     * @param valid whether the contract accepted the signature
     * @param reason why not, for the rejection message; may be empty
     */
    record Verdict(boolean valid, String reason) {
        /** An accepting verdict. */
        public static Verdict accepted() {
            return new Verdict(true, "");
        }

        /** A refusing verdict with a reason. */
        public static Verdict refused(String reason) {
            return new Verdict(false, reason == null ? "" : reason);
        }
    }
}
