package io.capstan.gateways.ipam;

/**
 * The state of one Service's load-balancer address, as published in its status entry ({@code details.state}).
 */
public enum AllocationState {
    /** addresses held and written to status.loadBalancer.ingress */
    Allocated,
    /** waiting: the pool is exhausted or the sharing rules refuse the address now; served once something is freed */
    Pending,
    /** the request cannot be served as written (address outside every pool, not in the named pool, unknown pool,
     * unreadable annotation, pool not serving the Service); fixed by editing the Service or the pools */
    Refused,
    /** a cloud infrastructure: the cloud controller assigns the address; Capstan reads it back */
    Cloud
}
