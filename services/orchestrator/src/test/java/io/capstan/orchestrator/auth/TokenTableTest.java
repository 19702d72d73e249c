package io.capstan.orchestrator.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure: static token lookup, role inclusion, and that errors name fingerprints, never tokens. */
class TokenTableTest {

    @Test
    void resolvesKnownTokensOnly() {
        TokenTable t = new TokenTable(Map.of("viewer-token-000000001", "viewer", "admin-token-0000000001", "ADMIN"));
        assertThat(t.roleOf("viewer-token-000000001")).contains(Role.viewer);
        assertThat(t.roleOf("admin-token-0000000001")).contains(Role.admin);
        assertThat(t.roleOf("admin-token-000000000")).isEmpty();
        assertThat(t.roleOf("")).isEmpty();
        assertThat(t.roleOf(null)).isEmpty();
    }

    @Test
    void higherRolesIncludeLowerOnes() {
        assertThat(Role.admin.granted()).containsExactlyInAnyOrder("viewer", "operator", "admin");
        assertThat(Role.operator.granted()).containsExactlyInAnyOrder("viewer", "operator");
        assertThat(Role.viewer.granted()).containsExactly("viewer");
    }

    @Test
    void configurationErrorsShowAFingerprintNotTheToken() {
        assertThatThrownBy(() -> new TokenTable(Map.of("some-long-token-value-1", "root")))
                .hasMessageNotContaining("some-long-token-value-1")
                .hasMessageContaining(TokenTable.fingerprint("some-long-token-value-1"));
        assertThatThrownBy(() -> new TokenTable(Map.of("short", "admin"))).hasMessageNotContaining("short\"");
    }
}
