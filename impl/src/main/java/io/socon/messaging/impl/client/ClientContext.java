package io.socon.messaging.impl.client;

import io.socon.messaging.impl.client.content.ContentCodecs;
import io.socon.messaging.impl.store.client.ClientStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/** What the parts of one client share. */
record ClientContext(NodeApi api, ClientStore store, LocalInstallation installation, InboxDirectory directory,
                     ContentCodecs codecs, ClientEvents events, SecureRandom random,
                     Clock clock) {

    ClientContext {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(clock, "clock");
    }
}
