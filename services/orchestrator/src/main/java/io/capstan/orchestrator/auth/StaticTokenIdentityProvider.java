package io.capstan.orchestrator.auth;

import io.capstan.orchestrator.config.OrchestratorConfig;
import io.quarkus.runtime.Startup;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * Resolves a static bearer token (config {@code capstan.auth.tokens} and {@code capstan.auth.admin-token}) to a
 * security identity whose principal is {@code <role>:<token fingerprint>} and whose roles are the role and every
 * lower one. An unknown token fails with {@link AuthenticationFailedException} (401).
 */
@ApplicationScoped
@Startup
public class StaticTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(StaticTokenIdentityProvider.class);

    private final TokenTable table;

    @Inject
    public StaticTokenIdentityProvider(OrchestratorConfig config) {
        Map<String, String> tokens = new HashMap<>(config.auth().tokens());
        config.auth().adminToken().filter(t -> !t.isBlank()).ifPresent(t -> tokens.put(t, Role.ADMIN));
        this.table = new TokenTable(tokens);
        if (table.size() == 0) {
            LOG.warn("No bearer token configured (capstan.auth.tokens, capstan.auth.admin-token): every /api/v1 call answers 401");
        } else {
            LOG.infof("%d static bearer token(s) configured", table.size());
        }
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return table.roleOf(token)
                .<Uni<SecurityIdentity>>map(role -> Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(role.name() + ":" + TokenTable.fingerprint(token)))
                        .addRoles(role.granted())
                        .build()))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("unknown bearer token")));
    }
}
