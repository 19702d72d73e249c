/**
 * The pure planner: current record sets and desired endpoints in, zone changes and per-hostname outcomes out
 * (ExternalDNS {@code plan/plan.go}, {@code plan/policy.go}). No I/O, no clock.
 */
package io.capstan.dns.plan;
