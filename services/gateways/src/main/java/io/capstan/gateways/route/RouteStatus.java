package io.capstan.gateways.route;

import io.capstan.model.status.Condition;
import java.util.List;

/**
 * The outcome of the checks for one HTTPRoute: one entry per parentRef that names a Gateway of this controller
 * (the shape of {@code status.parents[]}, Gateway API {@code RouteParentStatus}).
 *
 * @param route   the route checked
 * @param parents one entry per managed parentRef, in spec order
 */
public record RouteStatus(HttpRoute route, List<Parent> parents) {

    public RouteStatus {
        parents = List.copyOf(parents);
    }

    /**
     * @param parentRef  the parentRef as written (defaulted)
     * @param conditions {@code Accepted} then {@code ResolvedRefs}, observedGeneration the route's generation,
     *                   lastTransitionTime null (stamped by the writer)
     * @param listeners  names of the listeners the route attached to (allowed and hostname-intersecting);
     *                   empty when not accepted
     */
    public record Parent(ParentRef parentRef, List<Condition> conditions, List<String> listeners) {
        public Parent {
            conditions = List.copyOf(conditions);
            listeners = List.copyOf(listeners);
        }

        /** @return the condition of that type */
        public Condition condition(String type) {
            return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
        }
    }
}
