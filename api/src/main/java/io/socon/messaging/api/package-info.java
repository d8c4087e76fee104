/**
 * The stable API of Socon Messaging: what a host application codes against.
 *
 * <p>What belongs here: the {@code Messaging} entry point that opens or creates the XMTP inbox of a
 * host user; inboxes, conversations (direct messages and groups), members and group metadata;
 * messages and their content types (text, reaction, reply, read receipt, attachments); streams of new
 * conversations and messages; typed exceptions that carry stable error codes.
 *
 * <p>Rules for this package: values are small immutable records; behaviour is behind a few interfaces;
 * the package depends on nothing but the JDK. No type from gRPC, protobuf, Bouncy Castle or web3j may
 * appear in a signature here, so that the implementation can change without breaking host code.
 * Everything that is not part of this contract lives in {@code io.socon.messaging.impl}.
 */
package io.socon.messaging.api;
