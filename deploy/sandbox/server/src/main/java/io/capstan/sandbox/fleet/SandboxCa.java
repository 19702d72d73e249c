package io.capstan.sandbox.fleet;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The sandbox's institutional CA: a self-signed root and an intermediate signed by it (ECDSA P-256, SHA-256), made
 * on the first start and kept in a directory so that a second start (and every certificate issued before) keeps the
 * same trust root. The intermediate and its key are what the certificates service signs with (fleet issuer
 * {@code sandbox-ca}); the root is the bundle people verify against ({@code CA_BUNDLE}).
 *
 * <p>Files (RFC 7468 PEM): {@code root.crt}, {@code intermediate.crt}, {@code intermediate.key} (PKCS#8, mode
 * 0600). The root's key is used once and never written. Validity: root 10 years, intermediate 5 years
 * (RFC 5280 §4.2.1.9 basicConstraints cA, pathLen 0 for the intermediate; §4.2.1.3 keyCertSign and cRLSign).
 *
 * @param root             the root certificate, PEM
 * @param intermediate     the intermediate certificate, PEM
 * @param intermediateKey  the intermediate's private key, PKCS#8 PEM (secret)
 * @param rootFile         path of {@code root.crt}
 */
public record SandboxCa(String root, String intermediate, String intermediateKey, Path rootFile) {

    @Override
    public String toString() {
        return "SandboxCa[" + rootFile + "]";
    }

    /**
     * Loads the CA from {@code dir}, or makes a new one there when any of its files is missing.
     *
     * @param dir directory, created if absent
     * @return the CA
     * @throws UncheckedIOException when the files cannot be read or written
     * @throws IllegalStateException when the JCA cannot make or sign the keys
     */
    public static SandboxCa loadOrCreate(Path dir) {
        Path root = dir.resolve("root.crt");
        Path inter = dir.resolve("intermediate.crt");
        Path key = dir.resolve("intermediate.key");
        try {
            if (!(Files.isRegularFile(root) && Files.isRegularFile(inter) && Files.isRegularFile(key))) {
                Files.createDirectories(dir);
                create(root, inter, key);
            }
            return new SandboxCa(Files.readString(root), Files.readString(inter), Files.readString(key), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the sandbox CA in " + dir, e);
        }
    }

    private static void create(Path rootFile, Path interFile, Path keyFile) throws IOException {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair rootKeys = kpg.generateKeyPair();
            KeyPair interKeys = kpg.generateKeyPair();
            X500Name rootName = new X500Name("O=Capstan sandbox,CN=Capstan sandbox root CA");
            X500Name interName = new X500Name("O=Capstan sandbox,CN=Capstan sandbox institutional CA");
            Instant now = Instant.now();
            X509Certificate root = sign(rootName, rootKeys.getPublic(), rootName, rootKeys, null,
                    now, now.plus(Duration.ofDays(3650)), -1);
            X509Certificate inter = sign(interName, interKeys.getPublic(), rootName, rootKeys, root,
                    now, now.plus(Duration.ofDays(1825)), 0);
            write(rootFile, pem(root), false);
            write(interFile, pem(inter), false);
            write(keyFile, pem(interKeys.getPrivate()), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the sandbox CA: " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
                                        X509Certificate issuerCert, Instant from, Instant to, int pathLen)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(1, serial),
                Date.from(from.minus(Duration.ofMinutes(5))), Date.from(to), subject, subjectKey);
        b.addExtension(Extension.basicConstraints, true, pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
        b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                ? ext.createAuthorityKeyIdentifier(subjectKey) : ext.createAuthorityKeyIdentifier(issuerCert));
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        }
        return out.toString();
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
