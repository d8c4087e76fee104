package io.socon.messaging.impl.store;

/** A validated welcome about to be stored; see {@link WelcomeRecord} for the fields. */
public record NewWelcome(byte[] installationKey, boolean pointer, byte[] data, byte[] hpkePublicKey,
        int wrapperAlgorithm, byte[] welcomeMetadata) {
}
