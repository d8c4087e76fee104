package io.socon.messaging.api.conversation;

/** A member's role in a group. In a DM both members are {@link #MEMBER}s. */
public enum Role {
    /** An ordinary member. */
    MEMBER,
    /** May do what the group's permissions allow admins (by default: add and remove members, edit metadata). */
    ADMIN,
    /** May also promote and demote admins and super admins. The creator of a group is a super admin. */
    SUPER_ADMIN
}
