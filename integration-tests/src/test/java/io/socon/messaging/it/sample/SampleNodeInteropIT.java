package io.socon.messaging.it.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.socon.messaging.it.xmtp.CreateOptions;
import io.socon.messaging.it.xmtp.PeerConversation;
import io.socon.messaging.it.xmtp.PeerIdentity;
import io.socon.messaging.it.xmtp.PeerMessage;
import io.socon.messaging.it.xmtp.XmtpPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Official XMTP clients (libxmtp through {@code @xmtp/node-sdk}) talking through the node embedded in the
 * sample app on Open Liberty, as the README tells evaluators to do with {@code apiUrl}.
 */
class SampleNodeInteropIT {

    @Test
    void twoXmtpClientsTalkThroughTheNodeInsideLiberty() throws Exception {
        String url = "http://127.0.0.1:" + System.getProperty("sample.nodePort");
        Path dir = Files.createTempDirectory("sample-node-interop");
        try (XmtpPeer alice = XmtpPeer.start("sample-alice"); XmtpPeer bob = XmtpPeer.start("sample-bob")) {
            PeerIdentity a = alice.create(CreateOptions.forNode(url, dir.resolve("a.db3")));
            PeerIdentity b = bob.create(CreateOptions.forNode(url, dir.resolve("b.db3")));
            bob.streamAllMessages();

            PeerConversation dm = alice.newDm(b.inboxId());
            alice.sendText(dm.id(), "hello through Liberty");

            PeerMessage received = bob.awaitMessage(m -> "hello through Liberty".equals(m.text()), Duration.ofSeconds(60));
            assertThat(received.senderInboxId()).isEqualTo(a.inboxId());
        }
    }
}
