package io.capstan.certificates.pki;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Private keys: generation with the JCA (SunRsaSign / SunEC), PEM encoding PKCS#1 or PKCS#8 as cert-manager writes
 * {@code tls.key}, parsing of an existing PEM key (deriving its public key), and description of a key's algorithm and
 * size. Pure: no I/O besides the system's secure random source. Thread-safe.
 */
public final class PrivateKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateKeys() {
    }

    /**
     * Generates a key pair.
     *
     * @param spec algorithm and size (RSA public exponent 65537; ECDSA named curve secp256r1/secp384r1/secp521r1)
     * @return a fresh key pair
     * @throws PkiException reason {@code KeyGenerationFailed} when the platform lacks the algorithm
     */
    public static KeyPair generate(KeySpec spec) {
        try {
            KeyPairGenerator g;
            switch (spec.algorithm()) {
                case RSA -> {
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(spec.size(), RSAKeyGenParameterSpec.F4), RANDOM);
                }
                case ECDSA -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curveName(spec.size())), RANDOM);
                }
                case ED25519 -> g = KeyPairGenerator.getInstance("Ed25519");
                default -> throw new IllegalStateException();
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("KeyGenerationFailed", "cannot generate a " + spec + " key: " + e.getMessage(), e);
        }
    }

    private static String curveName(int size) {
        return switch (size) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw new IllegalArgumentException("no curve of size " + size);
        };
    }

    /**
     * Encodes a private key as PEM.
     *
     * @param key      an RSA, EC (named curve) or Ed25519 private key
     * @param encoding {@link KeyEncoding#PKCS1}: {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY} (Ed25519: PKCS#8);
     *                 {@link KeyEncoding#PKCS8}: {@code PRIVATE KEY}
     * @return the PEM text, ending with a newline
     * @throws PkiException reason {@code InvalidKey} when the key cannot be encoded
     */
    public static String toPem(PrivateKey key, KeyEncoding encoding) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
            if (encoding == KeyEncoding.PKCS1 && alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return pem("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
            }
            if (encoding == KeyEncoding.PKCS1 && alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                return pem("EC PRIVATE KEY", sec1(info));
            }
            return pem("PRIVATE KEY", info.getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new PkiException("InvalidKey", "cannot encode the private key: " + e.getMessage(), e);
        }
    }

    /** SEC 1 ECPrivateKey with the curve OID and the public key, as Go's x509.MarshalECPrivateKey writes it. */
    private static byte[] sec1(PrivateKeyInfo info) throws IOException {
        ECPrivateKeyParameters priv = (ECPrivateKeyParameters) PrivateKeyFactory.createKey(info);
        ECDomainParameters dp = priv.getParameters();
        byte[] pub = dp.getG().multiply(priv.getD()).normalize().getEncoded(false);
        ASN1Primitive curve = info.getPrivateKeyAlgorithm().getParameters().toASN1Primitive();
        int orderBits = dp.getN().bitLength();
        return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, priv.getD(), new DERBitString(pub), curve)
                .getEncoded();
    }

    private static String pem(String type, byte[] der) throws IOException {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        }
        return out.toString();
    }

    /**
     * Parses the first private key in a PEM text ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY} or
     * {@code PRIVATE KEY}; other blocks such as certificates are skipped) and derives its public key.
     *
     * @param pem PEM text, e.g. a Secret's {@code tls.key}
     * @return private key with its public key
     * @throws PkiException reason {@code InvalidKey} when no usable unencrypted key is found (encrypted keys are
     *                      refused: a Secret's {@code tls.key} is never encrypted)
     */
    public static KeyPair parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new PkiException("InvalidKey", "no private key: the PEM text is empty");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return fromInfo(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return fromInfo(info);
                }
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new PkiException("InvalidKey", "the private key is encrypted; tls.key must be unencrypted");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException pe) {
                throw pe;
            }
            throw new PkiException("InvalidKey", "the private key PEM cannot be parsed: " + e.getMessage(), e);
        }
        throw new PkiException("InvalidKey", "no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block in the PEM text");
    }

    /**
     * Derives the public key of a private key.
     *
     * @param key an RSA (CRT), EC or Ed25519 private key
     * @return its public key
     * @throws PkiException reason {@code InvalidKey} for another key
     */
    public static PublicKey publicKeyOf(PrivateKey key) {
        try {
            return fromInfo(PrivateKeyInfo.getInstance(key.getEncoded())).getPublic();
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException pe) {
                throw pe;
            }
            throw new PkiException("InvalidKey", "the public key cannot be derived: " + e.getMessage(), e);
        }
    }

    private static KeyPair fromInfo(PrivateKeyInfo info) throws IOException {
        ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jca;
        if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            jca = "RSA";
        } else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            jca = "EC";
        } else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
            jca = "Ed25519";
        } else {
            throw new PkiException("InvalidKey", "unsupported private key algorithm " + alg
                    + " (supported: RSA, ECDSA, Ed25519)");
        }
        AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
        AsymmetricKeyParameter pub;
        if (priv instanceof RSAPrivateCrtKeyParameters rsa) {
            pub = new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
        } else if (priv instanceof ECPrivateKeyParameters ec) {
            pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
        } else if (priv instanceof Ed25519PrivateKeyParameters ed) {
            pub = ed.generatePublicKey();
        } else {
            throw new PkiException("InvalidKey", "an RSA private key without its CRT parameters cannot be used");
        }
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
        try {
            KeyFactory kf = KeyFactory.getInstance(jca);
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new PkiException("InvalidKey", "the " + jca + " private key cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a public key from its SubjectPublicKeyInfo (RFC 5280 4.1.2.7) with the JCA default providers.
     *
     * @param spki the encoded key, e.g. from a CSR
     * @return the RSA, EC or Ed25519 public key
     * @throws PkiException reason {@code InvalidKey} for another algorithm or a malformed key
     */
    public static PublicKey publicKey(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        String jca = alg.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : alg.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC"
                : alg.equals(EdECObjectIdentifiers.id_Ed25519) ? "Ed25519" : null;
        if (jca == null) {
            throw new PkiException("InvalidKey", "unsupported public key algorithm " + alg + " (supported: RSA, ECDSA, Ed25519)");
        }
        try {
            return KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("InvalidKey", "the " + jca + " public key cannot be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * Describes a public key.
     *
     * @param key RSA, EC or Ed25519 public key
     * @return algorithm and size in the terms of {@link KeySpec}
     * @throws PkiException reason {@code InvalidKey} for another algorithm or an EC curve other than P-256/384/521
     */
    public static KeySpec describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < 2048 || bits > 8192) {
                throw new PkiException("InvalidKey", "RSA key of " + bits + " bits (supported: 2048..8192)");
            }
            return new KeySpec(KeyAlgorithm.RSA, bits);
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits != 256 && bits != 384 && bits != 521) {
                throw new PkiException("InvalidKey", "EC key on a curve of " + bits + " bits (supported: P-256, P-384, P-521)");
            }
            return new KeySpec(KeyAlgorithm.ECDSA, bits);
        }
        if (key instanceof java.security.interfaces.EdECKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            return KeySpec.ED25519;
        }
        throw new PkiException("InvalidKey", "unsupported public key algorithm " + key.getAlgorithm());
    }

    /**
     * Whether two public keys are the same key (compares the DER SubjectPublicKeyInfo encodings).
     *
     * @param a a public key
     * @param b another public key
     * @return true when both encode to the same bytes
     */
    public static boolean sameKey(PublicKey a, PublicKey b) {
        return a != null && b != null && Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
