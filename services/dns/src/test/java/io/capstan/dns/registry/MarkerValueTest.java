package io.capstan.dns.registry;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ExternalDNS marker text ({@code registry/labels.go}) and Capstan's multi-cluster token. Pure. */
class MarkerValueTest {

    @Test
    void writesExactlyTheExternalDnsFormat() {
        assertThat(MarkerValue.of("alpha", "service/default/web").format())
                .isEqualTo("heritage=external-dns,external-dns/owner=alpha,external-dns/resource=service/default/web");
        assertThat(MarkerValue.shared("alpha", "ingress/shop/front", Set.of("192.0.2.2", "192.0.2.1")).format())
                .isEqualTo("heritage=external-dns,external-dns/owner=alpha,external-dns/resource=ingress/shop/front,"
                        + "capstan/targets=192.0.2.1+192.0.2.2");
    }

    @Test
    void readsQuotedTextExtraLabelsAndRoundTrips() {
        MarkerValue v = MarkerValue.parse("\"heritage=external-dns,external-dns/owner=beta,"
                + "external-dns/resource=crd/default/ep,external-dns/foo=bar\"").orElseThrow();
        assertThat(v.owner()).isEqualTo("beta");
        assertThat(v.resource()).isEqualTo("crd/default/ep");
        assertThat(v.labels()).containsEntry("foo", "bar");
        assertThat(v.isShared()).isFalse();
        MarkerValue shared = MarkerValue.shared("a", "service/x/y", Set.of("2001:db8::1"));
        assertThat(MarkerValue.parse(shared.format())).hasValueSatisfying(p -> assertThat(p.sameAs(shared)).isTrue());
        assertThat(MarkerValue.parse(MarkerValue.shared("a", "r", Set.of()).format()).orElseThrow().targets()).isEmpty();
    }

    @Test
    void textWithoutTheHeritageOrWithAnotherOneIsNotAMarker() {
        assertThat(MarkerValue.parse("v=spf1 -all")).isEmpty();
        assertThat(MarkerValue.parse("heritage=other,external-dns/owner=a")).isEmpty();
        assertThat(MarkerValue.parse("heritage=external-dns")).isEmpty();
        assertThat(MarkerValue.parse("external-dns/owner=a")).isEmpty();
        assertThat(MarkerValue.isMarker("heritage=external-dns,external-dns/owner=a")).isTrue();
    }
}
