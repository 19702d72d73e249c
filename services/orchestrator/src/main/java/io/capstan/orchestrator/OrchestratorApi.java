package io.capstan.orchestrator;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI definition of the orchestrator API ({@code /q/openapi}, Swagger UI at {@code /q/swagger-ui}).
 * Authentication is a bearer token (RFC 6750): static tokens from {@code capstan.auth.tokens} in the sandbox; in
 * production, the OIDC extension (quarkus-oidc) is the intended path, keeping the roles viewer, operator and admin.
 */
@OpenAPIDefinition(
        info = @Info(title = "Capstan orchestrator", version = "v1",
                description = "Registers workload clusters and profiles, and shows what every Capstan component reports about them. "
                        + "Errors are application/problem+json (RFC 9457) with errors[] naming each bad field. "
                        + "Roles: viewer (GET), operator (cluster POST/DELETE), admin (profile PUT, audit)."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Static token (capstan.auth.tokens) in the sandbox; OIDC access token in production")
public class OrchestratorApi extends Application {
}
