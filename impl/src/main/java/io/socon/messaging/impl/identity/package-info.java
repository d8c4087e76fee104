/**
 * XMTP wallet identity: inbox id derivation, identity updates (create inbox, add and revoke
 * installations, change the recovery address), the signature texts that wallets and installation keys
 * sign, and the association rules that turn a log of updates into an inbox's verified state.
 *
 * <p>Used by the client engine to register and by the node to refuse forged updates; both apply the
 * same rules.
 */
package io.socon.messaging.impl.identity;
