package io.socon.messaging.impl.jakarta.rest;

import io.socon.messaging.api.EthereumAddress;
import io.socon.messaging.api.InboxId;
import io.socon.messaging.api.Peer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Peers named in JSON: an address ({@code 0x…}) or an inbox id (64 hex digits). */
final class Peers {

    private Peers() {
    }

    /**
     * Parses one peer.
     *
     * @param field the JSON member, named in errors
     * @throws io.socon.messaging.api.InvalidValueException if the text is neither form
     * @throws RestProblemException if it is missing
     */
    static Peer parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw RestProblemException.badRequest(field + " is required: an address (0x…) or an inbox id");
        }
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return EthereumAddress.of(t);
        }
        return InboxId.of(t);
    }

    /** Parses a list of peers in order; duplicates are kept. */
    static List<Peer> parseAll(List<String> texts, String field, int max) {
        if (texts == null) {
            throw RestProblemException.badRequest(field + " is required: a list of addresses or inbox ids");
        }
        if (texts.size() > max) {
            throw RestProblemException.badRequest(field + " has " + texts.size() + " entries; at most " + max
                    + " are allowed");
        }
        List<Peer> peers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            peers.add(parse(texts.get(i), field + "[" + i + "]"));
        }
        return peers;
    }

    /** Parses a set of peers, without duplicates. */
    static Set<Peer> parseSet(List<String> texts, String field, int max) {
        return new LinkedHashSet<>(parseAll(texts, field, max));
    }
}
