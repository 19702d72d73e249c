package io.capstan.certificates.acme;

import io.capstan.certificates.profile.FleetIssuer;
import io.capstan.model.request.Dns01Challenge;
import io.capstan.model.request.Request;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Obtains a certificate from an ACME server (RFC 8555) with acme4j: account (created or found by its key, §7.3), new
 * order for the CSR's DNS names (§7.4), one DNS-01 challenge per pending authorization (§8.4) published by the DNS
 * service ({@code DNS01Challenge} requests through the {@link ChallengeBroker}), trigger, wait for the
 * authorizations, finalize with the CSR, download the chain; the requests are withdrawn in every case.
 *
 * <p>Blocking: one call runs a whole order within about {@code timeout} per waiting step. It runs on the cluster's work
 * queue worker, so it holds up that cluster only.
 */
public final class AcmeOrders {

    private static final Logger LOG = Logger.getLogger(AcmeOrders.class);

    private final ChallengeBroker broker;
    private final Duration timeout;
    private final long txtTtl;

    /**
     * @param broker  publishes the challenge requests and collects the answers
     * @param timeout longest wait of each step (DNS publication, validation, issuance)
     * @param txtTtl  TTL of the TXT records asked for, seconds
     */
    public AcmeOrders(ChallengeBroker broker, Duration timeout, long txtTtl) {
        this.broker = broker;
        this.timeout = timeout;
        this.txtTtl = txtTtl;
    }

    /**
     * Runs one order.
     *
     * @param issuer      the fleet ACME issuer
     * @param trustPem    PEM certificates to trust for the server's HTTPS (from the issuer's trust Secret), or null
     *                    for the JVM's defaults
     * @param accountKey  the account key pair (from the management Secret)
     * @param cluster     the cluster asking (the DNS service checks its zones against it)
     * @param subjectId   an id of the certificate for the request ids, for example {@code ns.name.revision}
     * @param dnsNames    the names to order, lowercase
     * @param csrDer      the PKCS#10 request, DER
     * @return the chain the server returned, leaf first (RFC 8555 §7.4.2, {@code application/pem-certificate-chain})
     * @throws AcmeException when the order cannot complete (reason and whether it is permanent)
     */
    public List<X509Certificate> order(FleetIssuer.Acme issuer, String trustPem, KeyPair accountKey, String cluster,
                                       String subjectId, List<String> dnsNames, byte[] csrDer) {
        if (dnsNames.isEmpty()) {
            throw new AcmeException("InvalidRequest", "an ACME certificate needs at least one DNS name", true, null);
        }
        List<Request> requests = new ArrayList<>();
        try {
            Session session = session(issuer, trustPem);
            AccountBuilder ab = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
            if (issuer.email() != null) {
                ab.addEmail(issuer.email());
            }
            Account account = ab.create(session);
            Order order = account.newOrder().domains(dnsNames).create();
            for (Authorization auth : order.getAuthorizations()) {
                if (auth.getStatus() == Status.VALID) {
                    continue;
                }
                org.shredzone.acme4j.challenge.Dns01Challenge ch = auth
                        .findChallenge(org.shredzone.acme4j.challenge.Dns01Challenge.class)
                        .orElseThrow(() -> new AcmeException("OrderFailed", "the ACME server offers no dns-01 challenge for "
                                + auth.getIdentifier().getValue(), true, null));
                String fqdn = ch.getRRName(auth.getIdentifier());
                fqdn = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
                String value = ch.getDigest();
                requests.add(ChallengeBroker.request(requestId(cluster, subjectId, fqdn, value), cluster,
                        new Dns01Challenge(fqdn, value, txtTtl)));
            }
            if (!requests.isEmpty()) {
                broker.submit(requests);
                Optional<ChallengeAnswer> notPublished = broker.awaitPublished(requests, timeout);
                if (notPublished.isPresent()) {
                    ChallengeAnswer a = notPublished.get();
                    if (a.denied()) {
                        throw new AcmeException("Denied", "the dns component refused the challenge record: " + a.message(), true, null);
                    }
                    throw new AcmeException("ChallengeTimeout", "challenge record not published within " + timeout
                            + " (dns answered " + a.reason() + (a.message().isEmpty() ? "" : ": " + a.message()) + ")", false, null);
                }
                for (Authorization auth : order.getAuthorizations()) {
                    if (auth.getStatus() == Status.VALID) {
                        continue;
                    }
                    auth.findChallenge(org.shredzone.acme4j.challenge.Dns01Challenge.class).orElseThrow().trigger();
                }
                for (Authorization auth : order.getAuthorizations()) {
                    Status s = auth.getStatus() == Status.VALID ? Status.VALID : auth.waitForCompletion(timeout);
                    if (s != Status.VALID) {
                        throw new AcmeException("OrderFailed", "authorization of " + auth.getIdentifier().getValue()
                                + " ended " + s, false, null);
                    }
                }
            }
            Status ready = order.waitUntilReady(timeout);
            if (ready != Status.READY) {
                throw new AcmeException("OrderFailed", "order not ready: " + ready
                        + order.getError().map(p -> " (" + p.getDetail().orElse(p.getType().toString()) + ")").orElse(""), false, null);
            }
            order.execute(csrDer);
            Status done = order.waitForCompletion(timeout);
            if (done != Status.VALID) {
                throw new AcmeException("OrderFailed", "order ended " + done
                        + order.getError().map(p -> " (" + p.getDetail().orElse(p.getType().toString()) + ")").orElse(""), false, null);
            }
            List<X509Certificate> chain = order.getCertificate().getCertificateChain();
            LOG.infof("cluster %s: ACME order at %s for %s issued (%d certificate(s) in the chain)", cluster,
                    issuer.server(), dnsNames, chain.size());
            return chain;
        } catch (AcmeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcmeException("OrderFailed", "interrupted", false, e);
        } catch (org.shredzone.acme4j.exception.AcmeNetworkException e) {
            throw new AcmeException("AcmeUnreachable", "ACME server " + issuer.server() + ": " + e.getMessage(), false, e);
        } catch (org.shredzone.acme4j.exception.AcmeException e) {
            throw new AcmeException("OrderFailed", "ACME server " + issuer.server() + ": " + e.getMessage(), false, e);
        } finally {
            if (!requests.isEmpty()) {
                try {
                    broker.withdraw(requests);
                } catch (RuntimeException e) {
                    LOG.warnf("cluster %s: cannot withdraw %d DNS01Challenge request(s): %s", cluster, requests.size(), e.getMessage());
                }
            }
        }
    }

    /**
     * A request id: DNS-1123 subdomain, stable for one value ({@code acme-<16 hex of sha256(cluster, subject, fqdn,
     * value)>}), so a re-sent submission is the same request.
     */
    static String requestId(String cluster, String subjectId, String fqdn, String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((cluster + "\n" + subjectId + "\n" + fqdn + "\n" + value)
                    .getBytes(StandardCharsets.UTF_8));
            return "acme-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Session session(FleetIssuer.Acme issuer, String trustPem) {
        if (trustPem == null) {
            return new Session(issuer.server());
        }
        SSLContext ssl = sslContext(trustPem);
        return new Session(issuer.server(), new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return HttpClient.newBuilder().connectTimeout(settings.getTimeout()).followRedirects(HttpClient.Redirect.NORMAL)
                        .sslContext(ssl).build();
            }
        });
    }

    /** An SSL context trusting the JVM's default roots plus the given PEM certificates. */
    static SSLContext sslContext(String pem) {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                ks.setCertificateEntry("extra-" + i++, c);
            }
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            for (var tm : defaults.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        ks.setCertificateEntry("default-" + i++, c);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new AcmeException("InvalidTrust", "the ACME issuer's trust certificates are not usable PEM: "
                    + e.getClass().getSimpleName(), true, e);
        }
    }

}
