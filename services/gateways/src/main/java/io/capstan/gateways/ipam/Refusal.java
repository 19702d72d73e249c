package io.capstan.gateways.ipam;

/**
 * Why an address (or a request) cannot be granted now.
 *
 * @param state   Pending (may clear by itself) or Refused (needs an edit)
 * @param reason  CamelCase reason, see {@link Outcome#reason()}
 * @param message a sentence for people
 */
public record Refusal(AllocationState state, String reason, String message) {

    static Refusal pending(String reason, String message) {
        return new Refusal(AllocationState.Pending, reason, message);
    }

    static Refusal refused(String reason, String message) {
        return new Refusal(AllocationState.Refused, reason, message);
    }

    /** Ranks sharing-specific reasons above plain exhaustion when several addresses were tried. */
    int specificity() {
        return switch (reason) {
            case "PortConflict" -> 4;
            case "BackendMismatch" -> 3;
            case "SharingKeyMismatch" -> 2;
            case "HeldByOtherCluster" -> 1;
            default -> 0;
        };
    }
}
