package io.capstan.gateways.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostname intersection of Gateway API listeners and routes ("Hostnames in Gateway API", and the
 * {@code HTTPRouteSpec.hostnames} reference): a {@code *.} wildcard label is a suffix match of one or more labels,
 * so {@code *.example.com} matches {@code test.example.com} and {@code foo.test.example.com} but not
 * {@code example.com}; a missing hostname on either side matches everything.
 */
public final class Hostnames {

    private Hostnames() {
    }

    /**
     * @param a exact or wildcard hostname, lowercase
     * @param b exact or wildcard hostname, lowercase
     * @return whether some hostname matches both
     */
    public static boolean intersect(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        boolean wa = a.startsWith("*.");
        boolean wb = b.startsWith("*.");
        if (wa && wb) {
            String sa = a.substring(1);
            String sb = b.substring(1);
            return sa.endsWith(sb) || sb.endsWith(sa);
        }
        if (wa) {
            return b.endsWith(a.substring(1));
        }
        if (wb) {
            return a.endsWith(b.substring(1));
        }
        return false;
    }

    /**
     * @param listenerHostname a listener's hostname, null for any
     * @param routeHostnames   a route's hostnames, empty for any
     * @return whether the route may attach to the listener by hostname
     */
    public static boolean matches(String listenerHostname, List<String> routeHostnames) {
        if (listenerHostname == null || routeHostnames.isEmpty()) {
            return true;
        }
        for (String h : routeHostnames) {
            if (intersect(listenerHostname, h)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The hostnames a route serves on a listener: the more specific of each intersecting pair (what an
     * implementation programs), in route order without duplicates.
     *
     * @param listenerHostname listener hostname, null for any
     * @param routeHostnames   route hostnames, empty for any
     * @return effective hostnames; empty means "any"
     */
    public static List<String> effective(String listenerHostname, List<String> routeHostnames) {
        if (listenerHostname == null) {
            return List.copyOf(routeHostnames);
        }
        if (routeHostnames.isEmpty()) {
            return List.of(listenerHostname);
        }
        List<String> out = new ArrayList<>();
        for (String h : routeHostnames) {
            if (intersect(listenerHostname, h)) {
                String pick = specificity(h) >= specificity(listenerHostname) ? h : listenerHostname;
                if (!out.contains(pick)) {
                    out.add(pick);
                }
            }
        }
        return out;
    }

    private static int specificity(String h) {
        int labels = h.split("\\.").length;
        return h.startsWith("*.") ? labels * 2 - 1 : labels * 2;
    }
}
