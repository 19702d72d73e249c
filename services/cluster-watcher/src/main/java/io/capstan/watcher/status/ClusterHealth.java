package io.capstan.watcher.status;

/** What the watcher observed of one cluster in its latest pass. */
public enum ClusterHealth {
    /** The API server answered and every informer has synced. */
    WATCHING,
    /** The API server answered; informers are still listing. */
    SYNCING,
    /** The API server did not answer {@code GET /version}. */
    UNREACHABLE,
    /** The management Secret {@code <cluster>-kubeconfig} (key {@code value}) does not exist. */
    KUBECONFIG_MISSING,
    /** The Secret exists but its {@code value} is not a usable kubeconfig. */
    KUBECONFIG_INVALID,
    /** The cluster was deregistered and every key the watcher published for it was tombstoned. */
    FINALIZED
}
