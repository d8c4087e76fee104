package io.socon.messaging.impl.client;

import io.socon.messaging.api.conversation.ConsentState;
import io.socon.messaging.impl.store.client.ClientTransaction;
import io.socon.messaging.impl.store.client.StoredGroup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How several DMs between the same two inboxes are shown as one conversation, as libxmtp 1.10 does it. Two
 * inboxes end up with more than one DM when both open a DM before seeing the other's, or when an installation
 * re-creates one; every such group is kept (each is a real MLS group that the other side may send to), but the
 * user sees one conversation per peer.
 *
 * <p>libxmtp keys the set by {@code groups.dm_id}, {@code "dm:" + the two inbox ids lowercased, sorted, joined by
 * ":"} ({@code xmtp_mls_common/src/group_metadata.rs}, {@code DmMembers}'s {@code Display}); our client store holds
 * one inbox, so the peer's inbox id ({@code dm_peer_inbox_id}) names the same set. What libxmtp does with it:
 * <ul>
 *   <li>listings keep, per {@code dm_id}, only the group with the greatest {@code (last_message_ns or 0, id)}
 *       ({@code xmtp_db/src/encrypted_store/group.rs} {@code find_groups},
 *       {@code conversation_list.rs} {@code fetch_conversation_list}, unless {@code include_duplicate_dms});
 *       {@code last_message_ns} is the newest {@code sent_at_ns} of any stored message of the group (trigger
 *       {@code msg_inserted}, migration {@code 2025-11-15-232503_add_inserted_at_ns_to_group_messages}), or the
 *       welcome's time for a DM joined by welcome ({@code groups/welcomes/xmtp_welcome.rs});</li>
 *   <li>{@code getConversationById} of any of them returns the most recently active one
 *       ({@code client.rs} {@code stitched_group}, {@code group/dms.rs} {@code fetch_stitched}), and so does
 *       {@code find_or_create_dm} ({@code find_active_dm_group}), which creates a DM only when there is none;</li>
 *   <li>the messages of one of them are the messages of all of them, ordered by sent time
 *       ({@code group_message.rs} {@code group_id_filter}), and syncing one syncs the others
 *       ({@code groups/mls_sync.rs} {@code sync}, {@code other_dms});</li>
 *   <li>a welcome to another DM with a known peer is joined like any DM, and its consent copied from the
 *       others ({@code consent_record.rs} {@code stitch_dm_consent}); the conversation stream leaves it out
 *       ({@code subscriptions/process_welcome.rs}, {@code has_duplicate_dm}).</li>
 * </ul>
 * Our {@link StoredGroup#lastActivityNs()} plays {@code last_message_ns}: the time of the newest message or change
 * stored, or the welcome's time.
 */
public final class DmStitching {

    /** Least to most recently active, ties broken by the group id as unsigned bytes (as SQLite compares blobs). */
    static final Comparator<StoredGroup> ACTIVITY = Comparator.comparingLong(StoredGroup::lastActivityNs)
            .thenComparing(StoredGroup::groupId, Arrays::compareUnsigned);

    private DmStitching() {
    }

    /** libxmtp's {@code dm_id} of the DM between two inboxes. */
    public static String dmId(String inboxA, String inboxB) {
        String a = inboxA.toLowerCase(Locale.ROOT);
        String b = inboxB.toLowerCase(Locale.ROOT);
        return a.compareTo(b) <= 0 ? "dm:" + a + ":" + b : "dm:" + b + ":" + a;
    }

    /** The DM a listing shows for these stitched DMs: the most recently active. */
    static StoredGroup shown(List<StoredGroup> dms) {
        return dms.stream().max(ACTIVITY).orElseThrow(() -> new IllegalArgumentException("no DMs"));
    }

    /**
     * The DM a message to the peer goes through: the one shown (libxmtp sends on the conversation it returned,
     * which is that one), or, should we no longer be a member of it, the most recently active DM we are still in.
     */
    static StoredGroup sendTarget(List<StoredGroup> dms) {
        StoredGroup shown = shown(dms);
        if (shown.status() == StoredGroup.Status.ACTIVE) {
            return shown;
        }
        return dms.stream().filter(g -> g.status() == StoredGroup.Status.ACTIVE).max(ACTIVITY).orElse(shown);
    }

    /**
     * The conversation a group belongs to: for a DM, every DM with the same peer, the shown one first; for a group,
     * the group alone. Empty if there is no such group.
     */
    static List<StoredGroup> stitched(ClientTransaction tx, byte[] groupId) {
        Optional<StoredGroup> row = tx.group(groupId);
        if (row.isEmpty()) {
            return List.of();
        }
        StoredGroup group = row.get();
        if (group.kind() != StoredGroup.Kind.DM) {
            return List.of(group);
        }
        List<StoredGroup> dms = new ArrayList<>(tx.dmsWith(group.dmPeerInboxId()));
        if (dms.stream().noneMatch(g -> Arrays.equals(g.groupId(), groupId))) {
            dms.add(group);
        }
        StoredGroup shown = shown(dms);
        List<StoredGroup> ordered = new ArrayList<>();
        ordered.add(shown);
        dms.stream().filter(g -> g != shown).sorted(ACTIVITY.reversed()).forEach(ordered::add);
        return ordered;
    }

    /**
     * A listing with one entry per DM peer (the shown DM, at the place of the first DM of that peer in the
     * listing); groups pass unchanged.
     */
    static List<StoredGroup> deduplicated(List<StoredGroup> groups) {
        Map<String, StoredGroup> shownByPeer = new LinkedHashMap<>();
        for (StoredGroup g : groups) {
            if (g.kind() == StoredGroup.Kind.DM) {
                shownByPeer.merge(g.dmPeerInboxId(), g, (a, b) -> ACTIVITY.compare(a, b) >= 0 ? a : b);
            }
        }
        List<StoredGroup> result = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (StoredGroup g : groups) {
            if (g.kind() != StoredGroup.Kind.DM) {
                result.add(g);
            } else if (placed.add(g.dmPeerInboxId())) {
                result.add(shownByPeer.get(g.dmPeerInboxId()));
            }
        }
        return result;
    }

    /**
     * This inbox's consent for one group: the user's decision if there is one, else {@code ALLOWED} for a
     * conversation this inbox created and {@code UNKNOWN} for one others added it to.
     */
    static ConsentState consent(ClientTransaction tx, StoredGroup group, String selfInboxId) {
        return tx.consent(group.groupId()).orElse(group.addedByInboxId().equals(selfInboxId) ? ConsentState.ALLOWED
                : ConsentState.UNKNOWN);
    }

    /**
     * What a DM just joined by welcome takes from the DMs with the same peer that this inbox has already: their
     * consent, so a peer the user allowed or denied stays so (libxmtp copies one of their consent records; we take
     * the consent of the one shown). Empty when there is no other DM with the peer or nothing was decided.
     */
    static Optional<ConsentState> inheritedConsent(ClientTransaction tx, StoredGroup joined, String selfInboxId) {
        List<StoredGroup> others = tx.dmsWith(joined.dmPeerInboxId()).stream()
                .filter(g -> !Arrays.equals(g.groupId(), joined.groupId())).toList();
        if (others.isEmpty()) {
            return Optional.empty();
        }
        ConsentState consent = consent(tx, shown(others), selfInboxId);
        return consent == ConsentState.UNKNOWN ? Optional.empty() : Optional.of(consent);
    }
}
