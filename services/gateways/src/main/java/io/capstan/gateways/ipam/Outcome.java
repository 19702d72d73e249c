package io.capstan.gateways.ipam;

import java.util.List;
import java.util.Objects;

/**
 * The allocator's answer for one Service.
 *
 * @param key       {@code namespace/name}
 * @param state     Allocated, Pending or Refused
 * @param addresses addresses held (primary family first), empty unless Allocated
 * @param pool      pool of the addresses, or the pool the Service waits for / was refused from; may be null
 * @param reason    CamelCase reason: {@code Allocated}, {@code Restored}; Pending: {@code PoolExhausted},
 *                  {@code PortConflict}, {@code SharingKeyMismatch}, {@code BackendMismatch},
 *                  {@code AddressInUse}, {@code HeldByOtherCluster}; Refused: {@code AddressNotInAnyPool},
 *                  {@code AddressNotInPool}, {@code UnknownPool}, {@code PoolNotAllowed}, {@code NoSuitablePool},
 *                  {@code FamilyMismatch}, {@code InvalidRequest}
 * @param message   a sentence for people
 */
public record Outcome(String key, AllocationState state, List<IpAddress> addresses, String pool, String reason,
                      String message) {

    public Outcome {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** True when addresses are held. */
    public boolean allocated() {
        return state == AllocationState.Allocated;
    }
}
