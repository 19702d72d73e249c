package io.capstan.gateways.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostname intersection as the HTTPRouteSpec.hostnames reference spells it out, row by row. */
class HostnamesTest {

    @ParameterizedTest(name = "listener {0} / route {1} -> {2}")
    @CsvSource({
        "test.example.com, test.example.com, true",
        "test.example.com, *.example.com, true",
        "test.example.com, example.com, false",
        "*.example.com, *.example.com, true",
        "*.example.com, test.example.com, true",
        "*.example.com, foo.test.example.com, true",
        "*.example.com, example.com, false",
        "*.example.com, test.example.net, false",
        "*.example.com, *.foo.example.com, true",
        "*.foo.example.com, *.example.com, true",
        "*.example.com, *.example.net, false",
        "foo.example.com, *.bar.example.com, false",
    })
    void intersection(String listener, String route, boolean expected) {
        assertThat(Hostnames.intersect(listener, route)).isEqualTo(expected);
        assertThat(Hostnames.intersect(route, listener)).as("symmetric").isEqualTo(expected);
    }

    @ParameterizedTest(name = "listener {0} with route hostnames [{1}] serves [{2}]")
    @CsvSource(delimiter = '|', value = {
        "*.example.com | foo.example.com;bar.org | foo.example.com",
        "foo.example.com | *.example.com | foo.example.com",
        "*.example.com | | *.example.com",
        " | a.org;b.org | a.org;b.org",
    })
    void effectiveHostnames(String listener, String route, String expected) {
        List<String> routeHosts = route == null ? List.of() : List.of(route.split(";"));
        assertThat(Hostnames.effective(listener, routeHosts)).containsExactly(expected.split(";"));
    }
}
