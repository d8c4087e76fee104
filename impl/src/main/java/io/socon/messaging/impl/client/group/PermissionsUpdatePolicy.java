package io.socon.messaging.impl.client.group;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may add or remove admins: a base rule or an AND/ANY of policies ({@code PermissionsUpdatePolicy} in
 * {@code group_permissions.proto}; libxmtp {@code PermissionsPolicies}). Combinators must not be empty: libxmtp
 * refuses empty ones when reading. A policy set also holds one for updating the permissions, but libxmtp 1.10
 * does not consult it: only super admins may change permissions.
 */
public sealed interface PermissionsUpdatePolicy {

    /** The base rules and their proto values. */
    enum Base {
        /** No one may. */
        DENY(1),
        /** Admins and super admins may (the proto calls it ALLOW_IF_ADMIN). */
        ALLOW_IF_ADMIN(2),
        /** Super admins may. */
        ALLOW_IF_SUPER_ADMIN(3);

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
    record Standard(Base base) implements PermissionsUpdatePolicy {
        /** Checks for null. */
        public Standard {
            Objects.requireNonNull(base, "base");
        }
    }

    /** Passes when every policy passes. */
    record And(List<PermissionsUpdatePolicy> policies) implements PermissionsUpdatePolicy {
        /** Copies the list; refuses an empty one. */
        public And {
            policies = Policies.nonEmpty(policies);
        }
    }

    /** Passes when at least one policy passes. */
    record Any(List<PermissionsUpdatePolicy> policies) implements PermissionsUpdatePolicy {
        /** Copies the list; refuses an empty one. */
        public Any {
            policies = Policies.nonEmpty(policies);
        }
    }

    /** No one may. */
    static PermissionsUpdatePolicy deny() {
        return new Standard(Base.DENY);
    }

    /** Admins and super admins may. */
    static PermissionsUpdatePolicy allowIfAdmin() {
        return new Standard(Base.ALLOW_IF_ADMIN);
    }

    /** Super admins may. */
    static PermissionsUpdatePolicy allowIfSuperAdmin() {
        return new Standard(Base.ALLOW_IF_SUPER_ADMIN);
    }

    /** Whether {@code actor} may make the change under this policy. */
    default boolean evaluate(Actor actor) {
        return switch (this) {
            case Standard s -> switch (s.base()) {
                case DENY -> false;
                case ALLOW_IF_ADMIN -> actor.admin() || actor.superAdmin();
                case ALLOW_IF_SUPER_ADMIN -> actor.superAdmin();
            };
            case And and -> and.policies().stream().allMatch(p -> p.evaluate(actor));
            case Any any -> any.policies().stream().anyMatch(p -> p.evaluate(actor));
        };
    }
}
