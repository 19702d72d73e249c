package io.capstan.certificates.acme;

/**
 * The DNS service's answer to one {@code DNS01Challenge} request (its status entry: component {@code dns}, subject
 * kind {@code DNS01Challenge}, name = request id; COMMON.md "Cross-service requests").
 *
 * @param requestId the request id
 * @param ready     true when the TXT value is on the authoritative server (reason {@code Published})
 * @param reason    the Ready condition's reason: {@code Published}, {@code Pending}, {@code Denied}, {@code ProviderError}
 * @param message   the condition's message
 */
public record ChallengeAnswer(String requestId, boolean ready, String reason, String message) {

    /** True when no wait will change the answer: the DNS service refused the name. */
    public boolean denied() {
        return !ready && "Denied".equals(reason);
    }
}
