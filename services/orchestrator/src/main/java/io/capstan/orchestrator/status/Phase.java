package io.capstan.orchestrator.status;

/** The summary phase of a registered cluster, computed by {@link PhaseRules} from its component statuses. */
public enum Phase {
    /** No component has reported yet. */
    Pending,
    /** Components reported, but not every expected one is Ready for the current generation. */
    Provisioning,
    /** Every expected component is Ready=True at the current generation. */
    Ready,
    /** Some expected component reports Ready=False. */
    Degraded,
    /** The cluster watcher reports ClusterReachable=False. */
    Unreachable,
    /** Deletion was asked; components are cleaning up. */
    Deleting
}
