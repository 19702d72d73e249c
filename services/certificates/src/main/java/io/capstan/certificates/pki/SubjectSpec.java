package io.capstan.certificates.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.List;

/**
 * The subject distinguished name of a certificate: cert-manager's {@code spec.commonName} plus {@code spec.subject}
 * (X509Subject). Lists may be empty, never null; {@code commonName} and {@code serialNumber} may be null.
 *
 * @param commonName          CN (at most 64 bytes, RFC 5280 ub-common-name)
 * @param organizations       O
 * @param countries           C
 * @param organizationalUnits OU
 * @param localities          L
 * @param provinces           ST
 * @param streetAddresses     street
 * @param postalCodes         postalCode
 * @param serialNumber        serialNumber attribute
 */
public record SubjectSpec(String commonName, List<String> organizations, List<String> countries,
                          List<String> organizationalUnits, List<String> localities, List<String> provinces,
                          List<String> streetAddresses, List<String> postalCodes, String serialNumber) {

    /** Copies the lists; null lists become empty. */
    public SubjectSpec {
        organizations = copy(organizations);
        countries = copy(countries);
        organizationalUnits = copy(organizationalUnits);
        localities = copy(localities);
        provinces = copy(provinces);
        streetAddresses = copy(streetAddresses);
        postalCodes = copy(postalCodes);
        if (commonName != null && commonName.isEmpty()) {
            commonName = null;
        }
        if (serialNumber != null && serialNumber.isEmpty()) {
            serialNumber = null;
        }
    }

    /**
     * @param commonName the CN, or null
     * @return a subject with only a common name
     */
    public static SubjectSpec ofCommonName(String commonName) {
        return new SubjectSpec(commonName, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }

    /** @return a copy with another common name */
    public SubjectSpec withCommonName(String cn) {
        return new SubjectSpec(cn, organizations, countries, organizationalUnits, localities, provinces,
                streetAddresses, postalCodes, serialNumber);
    }

    /**
     * @return the X.500 name in Go's pkix.Name order (C, ST, L, street, postalCode, O, OU, CN, serialNumber), as
     *         cert-manager produces it; empty name when nothing is set
     */
    public X500Name toX500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        countries.forEach(v -> b.addRDN(BCStyle.C, v));
        provinces.forEach(v -> b.addRDN(BCStyle.ST, v));
        localities.forEach(v -> b.addRDN(BCStyle.L, v));
        streetAddresses.forEach(v -> b.addRDN(BCStyle.STREET, v));
        postalCodes.forEach(v -> b.addRDN(BCStyle.POSTAL_CODE, v));
        organizations.forEach(v -> b.addRDN(BCStyle.O, v));
        organizationalUnits.forEach(v -> b.addRDN(BCStyle.OU, v));
        if (commonName != null) {
            b.addRDN(BCStyle.CN, commonName);
        }
        if (serialNumber != null) {
            b.addRDN(BCStyle.SERIALNUMBER, serialNumber);
        }
        return b.build();
    }

    private static List<String> copy(List<String> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
