package io.capstan.model.request;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Payload of the {@code io.capstan.request.submitted.v1} and {@code io.capstan.request.withdrawn.v1} events on
 * {@code capstan.requests}: one component asking another to do something in the cluster's name. The record key is
 * {@link #key()} ({@code cluster/id}), so a request lands on its cluster's partition like every other record.
 *
 * <p>Submitted asks for the thing; withdrawn (same id, same body) asks the answering component to undo it. The
 * answer is a status entry of the answering component on {@code capstan.status}, subject
 * {@code {apiVersion: capstan.io/v1, kind: <kind>, name: <id>}} (see {@link #answerSubject()}), with condition
 * {@code Ready}; the answering component tombstones that entry once the request is withdrawn and undone.
 *
 * @param id      request id, unique per asker: lowercase letters, digits, {@code -} and {@code .}, 1 to 253
 *                characters (a DNS-1123 subdomain, so that it is a valid status subject name)
 * @param from    asking component, for example {@code certificates}
 * @param cluster cluster the request is made for; its profile decides what is allowed
 * @param kind    request kind, for example {@link Dns01Challenge#KIND}
 * @param spec    kind-specific body, for example a {@link Dns01Challenge}
 */
public record Request(String id, String from, String cluster, String kind, JsonNode spec) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /** apiVersion of the status subject that answers a request. */
    public static final String ANSWER_API_VERSION = "capstan.io/v1";

    /**
     * @throws IllegalArgumentException when a field is missing or the id is not a DNS-1123 subdomain
     */
    public Request {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("request id must be a DNS-1123 subdomain of at most 253 characters");
        }
    }

    /** The record key: {@code cluster/id}. */
    public String key() {
        return cluster + '/' + id;
    }

    /** The status subject under which the answering component reports on this request. */
    public io.capstan.model.status.StatusEvent.Subject answerSubject() {
        return new io.capstan.model.status.StatusEvent.Subject(ANSWER_API_VERSION, kind, null, id);
    }
}
