package io.socon.messaging.impl.client.group;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.socon.messaging.impl.mls.codec.Bytes;
import io.socon.messaging.impl.mls.struct.Extension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who is in a group: group context extension 0xff01, a {@code GroupMembership} protobuf mapping each member
 * inbox id to the sequence id of the last identity update the group has applied for it, plus the
 * installations that could not be added (no usable key package). The installations in the group's tree must
 * be exactly those of each inbox at its sequence id, minus the failed ones (libxmtp
 * {@code groups/group_membership.rs}).
 *
 * <p>Sequence ids are protobuf {@code uint64}s held in a {@code long} and compared unsigned. libxmtp keeps
 * the members in a hash map, so its entry order varies; we write them sorted by inbox id.
 *
 * @param members             sequence id by inbox id; kept sorted
 * @param failedInstallations installation keys that failed to join, without repeats, in first-seen order
 */
public record GroupMembership(SortedMap<String, Long> members, List<Bytes> failedInstallations) {

    /** Copies the map and list and drops repeated failed installations. */
    public GroupMembership {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
        failedInstallations = List.copyOf(new LinkedHashSet<>(failedInstallations));
    }

    /** A membership with the given members and no failed installations. */
    public static GroupMembership of(Map<String, Long> members) {
        return new GroupMembership(new TreeMap<>(members), List.of());
    }

    /** The membership a new group starts with: only the creator, at sequence id 0 (libxmtp's choice). */
    public static GroupMembership startingWith(String creatorInboxId) {
        return of(Map.of(creatorInboxId, 0L));
    }

    /** The sequence id recorded for {@code inboxId}, if it is a member. */
    public OptionalLong sequenceId(String inboxId) {
        Long id = members.get(inboxId);
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** Whether {@code inboxId} is a member. */
    public boolean contains(String inboxId) {
        return members.containsKey(inboxId);
    }

    /** This membership with {@code inboxId} at {@code sequenceId}, added or updated. */
    public GroupMembership with(String inboxId, long sequenceId) {
        TreeMap<String, Long> copy = new TreeMap<>(members);
        copy.put(inboxId, sequenceId);
        return new GroupMembership(copy, failedInstallations);
    }

    /** This membership without {@code inboxId}. */
    public GroupMembership without(String inboxId) {
        TreeMap<String, Long> copy = new TreeMap<>(members);
        copy.remove(inboxId);
        return new GroupMembership(copy, failedInstallations);
    }

    /** This membership with {@code installations} added to the failed installations (repeats dropped). */
    public GroupMembership withFailedInstallations(Collection<Bytes> installations) {
        List<Bytes> all = new ArrayList<>(failedInstallations);
        all.addAll(installations);
        return new GroupMembership(members, all);
    }

    /**
     * How {@code next} differs from this membership (libxmtp {@code GroupMembership::diff}): inboxes only in
     * {@code next}, inboxes only here, and inboxes in both whose sequence id differs. Each list is sorted.
     */
    public MembershipDiff diff(GroupMembership next) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        members.forEach((inboxId, sequenceId) -> {
            Long nextId = next.members.get(inboxId);
            if (nextId == null) {
                removed.add(inboxId);
            } else if (!nextId.equals(sequenceId)) {
                updated.add(inboxId);
            }
        });
        next.members.keySet().stream().filter(id -> !members.containsKey(id)).forEach(added::add);
        return new MembershipDiff(added, removed, updated);
    }

    /**
     * The {@code GroupMembership} protobuf as prost writes it: one members entry (1) per inbox, sorted by inbox
     * id, leaving out an empty key or a zero sequence id; then one failed_installations bytes field (2) each.
     */
    public byte[] toProtoBytes() {
        ProtoWriter w = new ProtoWriter();
        members.forEach((inboxId, sequenceId) -> w.message(1, entry -> {
            if (!inboxId.isEmpty()) {
                entry.string(1, inboxId);
            }
            if (sequenceId != 0) {
                entry.varint(2, sequenceId);
            }
        }));
        failedInstallations.forEach(installation -> w.bytes(2, installation));
        return w.toByteArray();
    }

    /** This membership as extension 0xff01. */
    public Extension toExtension() {
        return new Extension(XmtpGroupExtensions.GROUP_MEMBERSHIP, Bytes.copyOf(toProtoBytes()));
    }

    /**
     * Reads the membership from a group context's extensions.
     *
     * @throws XmtpExtensionException if extension 0xff01 is missing or malformed
     */
    public static GroupMembership from(List<Extension> extensions) {
        return fromExtensionData(Extension.find(extensions, XmtpGroupExtensions.GROUP_MEMBERSHIP)
                .orElseThrow(() -> XmtpExtensionException.missing(XmtpGroupExtensions.GROUP_MEMBERSHIP))
                .data());
    }

    /**
     * Reads the membership from the data of extension 0xff01.
     *
     * @throws XmtpExtensionException if the data is not a GroupMembership protobuf
     */
    public static GroupMembership fromExtensionData(Bytes data) {
        io.socon.messaging.impl.wire.mls.messagecontents.GroupMembership parsed;
        try {
            parsed = io.socon.messaging.impl.wire.mls.messagecontents.GroupMembership.parseFrom(data.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw XmtpExtensionException.malformed(XmtpGroupExtensions.GROUP_MEMBERSHIP,
                    "not a GroupMembership protobuf: " + e.getMessage(), e);
        }
        List<Bytes> failed = parsed.getFailedInstallationsList().stream()
                .map(ByteString::toByteArray).map(Bytes::copyOf).toList();
        return new GroupMembership(new TreeMap<>(parsed.getMembersMap()), failed);
    }

    /**
     * The change from one membership to the next.
     *
     * @param added   inboxes that join
     * @param removed inboxes that leave
     * @param updated inboxes whose sequence id changes
     */
    public record MembershipDiff(List<String> added, List<String> removed, List<String> updated) {

        /** Copies the lists. */
        public MembershipDiff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            updated = List.copyOf(updated);
        }

        /** Whether nothing changes. */
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && updated.isEmpty();
        }
    }
}
