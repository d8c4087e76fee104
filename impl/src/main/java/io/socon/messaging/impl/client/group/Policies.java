package io.socon.messaging.impl.client.group;

import java.util.List;
import java.util.function.Function;

/**
 * Protobuf reading and writing of the three policy trees. Each proto has the same shape: a oneof of base (1),
 * and_condition (2) and any_condition (3), the conditions holding a repeated policies field (1).
 */
final class Policies {

    private Policies() {
    }

    static <T> List<T> nonEmpty(List<T> policies) {
        List<T> copy = List.copyOf(policies);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a policy condition needs at least one policy");
        }
        return copy;
    }

    static void write(MembershipPolicy policy, ProtoWriter w) {
        switch (policy) {
            case MembershipPolicy.Standard s -> w.varint(1, s.base().code());
            case MembershipPolicy.And and ->
                    w.message(2, c -> and.policies().forEach(p -> c.message(1, x -> write(p, x))));
            case MembershipPolicy.Any any ->
                    w.message(3, c -> any.policies().forEach(p -> c.message(1, x -> write(p, x))));
        }
    }

    static void write(MetadataPolicy policy, ProtoWriter w) {
        switch (policy) {
            case MetadataPolicy.Standard s -> w.varint(1, s.base().code());
            case MetadataPolicy.And and ->
                    w.message(2, c -> and.policies().forEach(p -> c.message(1, x -> write(p, x))));
            case MetadataPolicy.Any any ->
                    w.message(3, c -> any.policies().forEach(p -> c.message(1, x -> write(p, x))));
        }
    }

    static void write(PermissionsUpdatePolicy policy, ProtoWriter w) {
        switch (policy) {
            case PermissionsUpdatePolicy.Standard s -> w.varint(1, s.base().code());
            case PermissionsUpdatePolicy.And and ->
                    w.message(2, c -> and.policies().forEach(p -> c.message(1, x -> write(p, x))));
            case PermissionsUpdatePolicy.Any any ->
                    w.message(3, c -> any.policies().forEach(p -> c.message(1, x -> write(p, x))));
        }
    }

    /** Reads a membership policy as libxmtp does; throws IllegalArgumentException naming the problem. */
    static MembershipPolicy readMembership(io.socon.messaging.impl.wire.mls.messagecontents.MembershipPolicy proto) {
        return switch (proto.getKindCase()) {
            case BASE -> new MembershipPolicy.Standard(MembershipPolicy.Base.fromCode(proto.getBaseValue())
                    .orElseThrow(() -> unknownBase("membership", proto.getBaseValue())));
            case AND_CONDITION -> new MembershipPolicy.And(
                    all(proto.getAndCondition().getPoliciesList(), Policies::readMembership, "membership and"));
            case ANY_CONDITION -> new MembershipPolicy.Any(
                    all(proto.getAnyCondition().getPoliciesList(), Policies::readMembership, "membership any"));
            case KIND_NOT_SET -> throw new IllegalArgumentException("membership policy has no kind");
        };
    }

    /** Reads a metadata policy as libxmtp does; throws IllegalArgumentException naming the problem. */
    static MetadataPolicy readMetadata(io.socon.messaging.impl.wire.mls.messagecontents.MetadataPolicy proto) {
        return switch (proto.getKindCase()) {
            case BASE -> new MetadataPolicy.Standard(MetadataPolicy.Base.fromCode(proto.getBaseValue())
                    .orElseThrow(() -> unknownBase("metadata", proto.getBaseValue())));
            case AND_CONDITION -> new MetadataPolicy.And(
                    all(proto.getAndCondition().getPoliciesList(), Policies::readMetadata, "metadata and"));
            case ANY_CONDITION -> new MetadataPolicy.Any(
                    all(proto.getAnyCondition().getPoliciesList(), Policies::readMetadata, "metadata any"));
            case KIND_NOT_SET -> throw new IllegalArgumentException("metadata policy has no kind");
        };
    }

    /** Reads a permissions policy as libxmtp does; throws IllegalArgumentException naming the problem. */
    static PermissionsUpdatePolicy readPermissions(
            io.socon.messaging.impl.wire.mls.messagecontents.PermissionsUpdatePolicy proto) {
        return switch (proto.getKindCase()) {
            case BASE -> new PermissionsUpdatePolicy.Standard(PermissionsUpdatePolicy.Base.fromCode(
                    proto.getBaseValue()).orElseThrow(() -> unknownBase("permissions", proto.getBaseValue())));
            case AND_CONDITION -> new PermissionsUpdatePolicy.And(
                    all(proto.getAndCondition().getPoliciesList(), Policies::readPermissions, "permissions and"));
            case ANY_CONDITION -> new PermissionsUpdatePolicy.Any(
                    all(proto.getAnyCondition().getPoliciesList(), Policies::readPermissions, "permissions any"));
            case KIND_NOT_SET -> throw new IllegalArgumentException("permissions policy has no kind");
        };
    }

    private static <P, T> List<T> all(List<P> protos, Function<P, T> reader, String what) {
        if (protos.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " condition");
        }
        return protos.stream().map(reader).toList();
    }

    private static IllegalArgumentException unknownBase(String kind, int value) {
        return new IllegalArgumentException("unknown " + kind + " base policy " + value);
    }
}
