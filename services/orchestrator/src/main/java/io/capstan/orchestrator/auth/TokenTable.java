package io.capstan.orchestrator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The static bearer tokens and their roles. Only SHA-256 digests of the tokens are kept; a presented token is
 * compared with every entry in constant time ({@link MessageDigest#isEqual}, digests of equal length, no early exit),
 * so neither its content nor its length leaks through timing. Tokens are never logged: callers see a fingerprint
 * (the first 12 hex digits of the digest).
 */
public final class TokenTable {

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries;

    /**
     * @param tokens token to role name; entries whose role is not viewer, operator or admin are refused
     * @throws IllegalArgumentException naming the bad role (never the token) when a role is unknown, or when a token
     *                                  is shorter than 16 characters
     */
    public TokenTable(Map<String, String> tokens) {
        List<Entry> list = new ArrayList<>();
        tokens.forEach((token, role) -> {
            Role r = Role.parse(role).orElseThrow(() -> new IllegalArgumentException(
                    "capstan.auth.tokens: role '" + role + "' of token " + fingerprint(token) + " is not viewer, operator or admin"));
            if (token.length() < 16) {
                throw new IllegalArgumentException("capstan.auth.tokens: token " + fingerprint(token) + " is shorter than 16 characters");
            }
            list.add(new Entry(sha256(token), r));
        });
        this.entries = List.copyOf(list);
    }

    /** The number of configured tokens. */
    public int size() {
        return entries.size();
    }

    /**
     * The role of a presented token.
     *
     * @param presented the bearer token as sent, may be null
     * @return the role, or empty when the token is not known
     */
    public Optional<Role> roleOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] d = sha256(presented);
        Role found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(d, e.digest) && found == null) {
                found = e.role;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The first 12 hex digits of the token's SHA-256: safe to log and audit. */
    public static String fingerprint(String token) {
        return HexFormat.of().formatHex(sha256(token)).substring(0, 12);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
