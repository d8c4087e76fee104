package io.socon.messaging.impl.client.group;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may change one metadata field: a base rule or an AND/ANY of policies ({@code MetadataPolicy} in
 * {@code group_permissions.proto}; libxmtp {@code MetadataPolicies}). Combinators must not be empty: libxmtp refuses
 * empty ones when reading.
 */
public sealed interface MetadataPolicy {

    /** The base rules and their proto values. */
    enum Base {
        /** Anyone may. */
        ALLOW(1),
        /** No one may. */
        DENY(2),
        /** Admins and super admins may (the proto calls it ALLOW_IF_ADMIN). */
        ALLOW_IF_ADMIN(3),
        /** Super admins may. */
        ALLOW_IF_SUPER_ADMIN(4);

        private final int code;

        Base(int code) {
            this.code = code;
        }

        /** The proto enum value. */
        public int code() {
            return code;
        }

        static Optional<Base> fromCode(int code) {
            for (Base base : values()) {
                if (base.code == code) {
                    return Optional.of(base);
                }
            }
            return Optional.empty();
        }
    }

    /** A base rule. */
    record Standard(Base base) implements MetadataPolicy {
        /** Checks for null. */
        public Standard {
            Objects.requireNonNull(base, "base");
        }
    }

    /** Passes when every policy passes. */
    record And(List<MetadataPolicy> policies) implements MetadataPolicy {
        /** Copies the list; refuses an empty one. */
        public And {
            policies = Policies.nonEmpty(policies);
        }
    }

    /** Passes when at least one policy passes. */
    record Any(List<MetadataPolicy> policies) implements MetadataPolicy {
        /** Copies the list; refuses an empty one. */
        public Any {
            policies = Policies.nonEmpty(policies);
        }
    }

    /** Anyone may. */
    static MetadataPolicy allow() {
        return new Standard(Base.ALLOW);
    }

    /** No one may. */
    static MetadataPolicy deny() {
        return new Standard(Base.DENY);
    }

    /** Admins and super admins may. */
    static MetadataPolicy allowIfAdmin() {
        return new Standard(Base.ALLOW_IF_ADMIN);
    }

    /** Super admins may. */
    static MetadataPolicy allowIfSuperAdmin() {
        return new Standard(Base.ALLOW_IF_SUPER_ADMIN);
    }

    /** Whether {@code actor} may change the field under this policy. */
    default boolean evaluate(Actor actor) {
        return switch (this) {
            case Standard s -> switch (s.base()) {
                case ALLOW -> true;
                case DENY -> false;
                case ALLOW_IF_ADMIN -> actor.admin() || actor.superAdmin();
                case ALLOW_IF_SUPER_ADMIN -> actor.superAdmin();
            };
            case And and -> and.policies().stream().allMatch(p -> p.evaluate(actor));
            case Any any -> any.policies().stream().anyMatch(p -> p.evaluate(actor));
        };
    }
}
