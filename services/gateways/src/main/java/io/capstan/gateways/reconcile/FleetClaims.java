package io.capstan.gateways.reconcile;

import java.util.List;
import java.util.Optional;

/**
 * Port to the fleet-wide address claims: one object per claimed address in the management cluster, created with
 * create-only semantics, so that two clusters (reconciled by different replicas) never hold one address of a
 * fleet-wide pool: the second create gets 409 AlreadyExists and the address is someone else's.
 */
public interface FleetClaims {

    /**
     * A claim.
     *
     * @param address canonical address text
     * @param cluster holding cluster
     * @param pool    the fleet-wide pool
     * @param service {@code namespace/name} of the Service that asked first
     */
    record Claim(String address, String cluster, String pool, String service) {
    }

    /**
     * Every claim of the fleet.
     *
     * @throws io.capstan.kit.cluster.ClusterUnreachableException when the management API server cannot be read
     */
    List<Claim> list();

    /**
     * Claims an address for a cluster.
     *
     * @return empty when the cluster holds it now (created, or already its own); else the holding cluster
     * @throws io.capstan.kit.cluster.ClusterUnreachableException when the management API server failed
     */
    Optional<String> claim(Claim claim);

    /** Releases a claim if the cluster holds it (idempotent). */
    void release(Claim claim);

    /** Releases every claim of a cluster; returns the addresses released. */
    List<String> releaseAll(String cluster);

    /** No fleet-wide pools anywhere: nothing held, every claim granted. */
    FleetClaims NONE = new FleetClaims() {
        @Override
        public List<Claim> list() {
            return List.of();
        }

        @Override
        public Optional<String> claim(Claim claim) {
            return Optional.empty();
        }

        @Override
        public void release(Claim claim) {
        }

        @Override
        public List<String> releaseAll(String cluster) {
            return List.of();
        }
    };
}
