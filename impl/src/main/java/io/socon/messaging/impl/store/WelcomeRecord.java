package io.socon.messaging.impl.store;

/**
 * A welcome as the node stored it.
 *
 * @param id the node-assigned id, from 1, growing in commit order for the installation
 * @param createdNs when the node stored it, in nanoseconds since the epoch
 * @param installationKey the recipient installation's Ed25519 public key
 * @param pointer whether this is a welcome pointer ({@code data} then holds the pointer)
 * @param data the wrapped welcome, or the pointer
 * @param hpkePublicKey the key the welcome was wrapped to
 * @param wrapperAlgorithm the wire number of the wrapper algorithm
 * @param welcomeMetadata the wrapped welcome metadata (V1 only)
 */
public record WelcomeRecord(long id, long createdNs, byte[] installationKey, boolean pointer, byte[] data,
        byte[] hpkePublicKey, int wrapperAlgorithm, byte[] welcomeMetadata) {
}
