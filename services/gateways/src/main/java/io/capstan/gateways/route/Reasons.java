package io.capstan.gateways.route;

/**
 * Condition types and reasons of the Gateway API route and listener status, spelled as in
 * {@code apis/v1/shared_types.go} ({@code RouteConditionType}, {@code RouteConditionReason}) and
 * {@code apis/v1/gateway_types.go} ({@code ListenerConditionReason}) of kubernetes-sigs/gateway-api v1.
 */
public final class Reasons {

    /** API group of Gateway, HTTPRoute and ReferenceGrant. */
    public static final String GROUP = "gateway.networking.k8s.io";
    /** Kind of a route parent Capstan checks. */
    public static final String GATEWAY = "Gateway";
    /** Kind of the routes Capstan checks. */
    public static final String HTTP_ROUTE = "HTTPRoute";

    /** Route condition: the route is accepted by the parent (RouteConditionAccepted). */
    public static final String ACCEPTED = "Accepted";
    /** Route / listener condition: every reference resolved (RouteConditionResolvedRefs). */
    public static final String RESOLVED_REFS = "ResolvedRefs";

    /** No listener of the Gateway allows the route (allowedRoutes namespaces or kinds). */
    public static final String NOT_ALLOWED_BY_LISTENERS = "NotAllowedByListeners";
    /** No allowing listener has a hostname that intersects the route's hostnames. */
    public static final String NO_MATCHING_LISTENER_HOSTNAME = "NoMatchingListenerHostname";
    /** The parentRef's sectionName or port selects no listener. */
    public static final String NO_MATCHING_PARENT = "NoMatchingParent";
    /** The route holds a value Capstan's edge does not support (a filter or match type). */
    public static final String UNSUPPORTED_VALUE = "UnsupportedValue";
    /** A cross-namespace reference without a ReferenceGrant that permits it. */
    public static final String REF_NOT_PERMITTED = "RefNotPermitted";
    /** A backendRef to a group/kind other than core Service. */
    public static final String INVALID_KIND = "InvalidKind";
    /** A backendRef to a Service that does not exist. */
    public static final String BACKEND_NOT_FOUND = "BackendNotFound";
    /** A listener certificateRef to a missing or unusable Secret, or to an unsupported kind. */
    public static final String INVALID_CERTIFICATE_REF = "InvalidCertificateRef";

    private Reasons() {
    }
}
