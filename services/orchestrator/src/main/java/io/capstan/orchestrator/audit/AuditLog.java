package io.capstan.orchestrator.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** Writes audit rows in the caller's transaction, so an audited change and its audit entry stand or fall together. */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes made by the orchestrator itself (the finalizer job). */
    public static final String SYSTEM = "system";

    private final Clock clock = Clock.systemUTC();

    /**
     * Records one action.
     *
     * @param actor  {@code <role>:<token fingerprint>} or {@link #SYSTEM}
     * @param action for example {@code cluster.register}
     * @param target for example {@code cluster/alpha}
     * @param detail extra words, never secret material; may be null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String target, String detail) {
        AuditEntity e = new AuditEntity();
        e.at = Instant.now(clock);
        e.actor = actor;
        e.action = action;
        e.target = target;
        e.detail = detail;
        e.persist();
    }

    /** The actor name of a security identity: its principal, {@code <role>:<token fingerprint>}. */
    public static String actorOf(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
