package io.capstan.dns.plan;

/** The state of one hostname of one source after a pass (the {@code state} of the dns status details). */
public enum OutcomeState {
    /** The records are (or, once the zone changes are applied, will be) on the server. */
    Published,
    /** Waiting: no target yet, or the policy forbids the change. */
    Pending,
    /** Another resource or owner holds the name, or a record without our marker is in the way; nothing touched. */
    Conflict,
    /** The request is invalid (name, target, zone, CNAME rule); nothing touched for this name. */
    Error
}
