package io.capstan.dns.provider;

import java.util.List;

/**
 * The port through which the DNS service reads and changes one authoritative DNS server or service. Implementations:
 * RFC 2136 (dynamic UPDATE, TSIG, AXFR), PowerDNS Authoritative HTTP API, and an in-memory provider for the sandbox.
 * An implementation holds its own credentials and never puts them in exceptions, logs or {@link #toString()}.
 * Implementations are safe for use by several threads.
 */
public interface DnsProvider extends AutoCloseable {

    /**
     * Every record set of a zone, the apex SOA and NS included (the planner ignores them).
     *
     * @param zone zone name, absolute, lowercase, without trailing dot
     * @return the zone's record sets, one per (name, type)
     * @throws ProviderException when the server cannot be reached, refuses (for example a bad TSIG key), or does not
     *                           serve the zone
     */
    List<RecordSet> records(String zone) throws ProviderException;

    /**
     * Applies the changes of one zone: deletes, then updates, then creates. A provider may split them into several
     * bounded messages; if one message fails, the ones before it stay applied and the exception says how many record
     * sets were applied, so that the next pass (which re-reads the zone) finishes the work.
     *
     * @throws ProviderException when the server cannot be reached or refuses a change
     */
    void apply(ZoneChanges changes) throws ProviderException;

    /** A short name for logs and status, with no credential: {@code rfc2136 127.0.0.1:53053}. */
    String describe();

    @Override
    void close();
}
