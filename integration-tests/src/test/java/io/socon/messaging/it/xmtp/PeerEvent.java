package io.socon.messaging.it.xmtp;

import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * An unsolicited line from the peer: {@code message} and {@code conversation} from streams, and
 * {@code streamError}, {@code streamFailed}, {@code streamRetry}, {@code streamRestarted}, {@code streamEnded},
 * {@code error} (a stray exception inside the peer) and {@code protocolError}.
 *
 * @param kind the {@code event} field
 * @param streamId the stream it belongs to, or {@code null}
 * @param json the whole line
 */
public record PeerEvent(String kind, String streamId, JsonObject json) {

    /** The message a {@code message} event carries. */
    public Optional<PeerMessage> message() {
        return "message".equals(kind) ? Optional.of(PeerJson.message(json)) : Optional.empty();
    }
}
