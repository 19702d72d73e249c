package io.capstan.orchestrator.profile;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A profile as the API answers it.
 *
 * @param name      DNS-1123 label
 * @param spec      JSON object, a section per domain
 * @param revision  starts at 1, +1 on every change
 * @param createdAt first PUT
 * @param updatedAt last change
 */
@Schema(name = "Profile")
public record ProfileView(String name, JsonNode spec, long revision, Instant createdAt, Instant updatedAt) {

    /** The body of PUT, for the OpenAPI document. */
    @Schema(name = "ProfileBody", description = "A profile spec: a JSON object with a section per domain (storage, dns, ...). "
            + "Keys naming inline secrets (kubeconfig, password, token, privateKey, ...) are refused with 422; name Secrets by reference.")
    public record Body(@Schema(required = true) JsonNode spec) {
    }

    /** A list of profiles. */
    @Schema(name = "ProfileList")
    public record Page(List<ProfileView> items) {
    }
}
