/**
 * The public-key primitives of MLS cipher suite 3 on Bouncy Castle: Ed25519 signature keys, X25519 HPKE keys
 * and the labelled signatures of RFC 9420 section 5.1.2.
 */
package io.socon.messaging.impl.mls.crypto;
