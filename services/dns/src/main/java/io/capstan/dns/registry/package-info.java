/**
 * The ExternalDNS TXT ownership registry (kubernetes-sigs/external-dns {@code registry/txt}, {@code registry/mapper},
 * {@code docs/registry/txt.md}): marker names, marker text, and who owns which record set of a zone. Pure, no I/O.
 *
 * <h2>Markers as Capstan writes them</h2>
 * <ul>
 *   <li>One TXT record set per owned record set, named by {@link io.capstan.dns.registry.MarkerNames#markerName}:
 *   {@code a-web.example.test} for the A record {@code web.example.test}, {@code aaaa-web...}, {@code cname-www...};
 *   with {@code --txt-prefix}/{@code --txt-suffix} and {@code %{record_type}} exactly as ExternalDNS; a leftmost
 *   {@code *} replaced ({@code _wildcard} unless configured); the apex gets {@code a-_apex.<zone>} unless the
 *   configured prefix already keeps ExternalDNS's name inside the zone. Label (63) and name (253) limits include the
 *   prefix and the type. Legacy type-less markers are read (adoption of a zone ExternalDNS manages), never written.</li>
 *   <li>Text: {@code heritage=external-dns,external-dns/owner=<owner id>,external-dns/resource=<kind>/<ns>/<name>}
 *   ({@link io.capstan.dns.registry.MarkerValue}).</li>
 * </ul>
 *
 * <h2>Multi-cluster record sets</h2>
 * An owner that opted in (profile) writes its value with one more token, {@code capstan/targets=<t1>+<t2>}, listing
 * the targets it contributes. The marker record set of a shared record then holds one TXT string per owner, e.g. for
 * {@code web.example.test A 192.0.2.1 192.0.2.2}:
 * <pre>
 * a-web.example.test TXT "heritage=external-dns,external-dns/owner=alpha,external-dns/resource=service/default/web,capstan/targets=192.0.2.1"
 *                    TXT "heritage=external-dns,external-dns/owner=beta,external-dns/resource=ingress/shop/web,capstan/targets=192.0.2.2"
 * </pre>
 * An owner knows its own targets from its own value only; a pass sets the record's targets to
 * (current − (own listed − listed by others)) ∪ own desired, and rewrites only its own string. Leaving removes its
 * targets (those no other owner lists) and its string; the last owner deletes the record set and the marker. A
 * value without the token (an owner that did not opt in, or ExternalDNS itself) makes the name exclusive: others get
 * {@code Conflict}. Only A, AAAA, CNAME (one common target) and NS records are shared. Providers store the string as
 * TXT character-strings of at most 255 octets and return it joined (see {@code RecordData}).
 */
package io.capstan.dns.registry;
