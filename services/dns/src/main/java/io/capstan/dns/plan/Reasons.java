package io.capstan.dns.plan;

/** The CamelCase reasons of {@link HostnameOutcome}, grouped by state. */
public final class Reasons {

    private Reasons() {
    }

    // Published
    /** Nothing to change: the records on the server are the desired ones. */
    public static final String PUBLISHED = "Published";
    /** The pass creates the records. */
    public static final String CREATED = "Created";
    /** The pass changes the records (targets, TTL or marker). */
    public static final String UPDATED = "Updated";

    // Pending
    /** The source has no target yet (a LoadBalancer without address). */
    public static final String NO_TARGETS = "NoTargets";
    /** The policy forbids the change this name needs. */
    public static final String POLICY = "PolicyForbidsChange";

    // Conflict
    /** Another resource of this owner holds the name. */
    public static final String CLAIMED_BY_RESOURCE = "ClaimedByResource";
    /** Another owner (cluster) holds the name. */
    public static final String HELD_BY_OWNER = "HeldByOwner";
    /** A record set without any ownership marker is in the way; Capstan never changes it. */
    public static final String NOT_OWNED = "NotOwned";

    // Error
    public static final String INVALID_NAME = "InvalidName";
    public static final String INVALID_TARGET = "InvalidTarget";
    public static final String INVALID_RECORD_TYPE = "InvalidRecordType";
    /**
     * The name lies outside the domains the cluster's profile lets it use: a policy refusal, reason {@code Denied} as
     * every Capstan service writes it (the orchestrator records each new one in its audit trail).
     */
    public static final String DENIED = "Denied";
    public static final String NO_ZONE = "NoZone";
    public static final String CNAME_AT_APEX = "CnameAtApex";
    public static final String CNAME_WITH_OTHER_DATA = "CnameWithOtherData";
    public static final String MARKER_NAME_INVALID = "MarkerNameInvalid";
    public static final String MARKER_NAME_COLLISION = "MarkerNameCollision";
}
