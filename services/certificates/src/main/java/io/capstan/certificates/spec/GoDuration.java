package io.capstan.certificates.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Go duration strings as Kubernetes {@code metav1.Duration} fields carry them (Go {@code time.ParseDuration} and
 * {@code time.Duration.String}): a sequence of decimal numbers with a unit each, {@code ns}, {@code us}/{@code µs},
 * {@code ms}, {@code s}, {@code m}, {@code h}, optionally signed, e.g. {@code 2160h}, {@code 1h30m}, {@code 90m},
 * {@code 1.5h}; {@code 0} alone is zero. Days are not a unit.
 */
public final class GoDuration {

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private GoDuration() {
    }

    /**
     * Parses a Go duration.
     *
     * @param text e.g. {@code 2160h}
     * @return the duration (may be negative or zero)
     * @throws IllegalArgumentException with Go's wording ({@code time: invalid duration "x"},
     *                                  {@code time: missing unit in duration "x"}, {@code time: unknown unit "d" in
     *                                  duration "1d"}) when malformed or beyond ±292 years
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time: invalid duration \"\"");
        }
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("time: invalid duration " + quote(text));
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("time: invalid duration " + quote(text));
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            long nanosPerUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException("time: unknown unit " + quote(unit) + " in duration " + quote(text));
            };
            String n = number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number;
            total = total.add(new BigDecimal(n).multiply(BigDecimal.valueOf(nanosPerUnit)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new IllegalArgumentException("time: invalid duration " + quote(text));
        }
        long v = nanos.longValue();
        return Duration.ofNanos(negative ? -v : v);
    }

    /**
     * Formats as Go's {@code Duration.String()}: {@code 2160h0m0s}, {@code 1h30m0s}, {@code 5m0s}, {@code 1.5s},
     * {@code 500ms}, {@code 0s}.
     *
     * @param d a duration within ±292 years
     * @return the Go spelling
     */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        if (nanos < 0) {
            b.append('-');
            nanos = -nanos;
        }
        if (nanos < 1_000_000_000L) {
            if (nanos < 1_000L) {
                return b.append(nanos).append("ns").toString();
            }
            if (nanos < 1_000_000L) {
                return b.append(fraction(nanos, 1_000L)).append("µs").toString();
            }
            return b.append(fraction(nanos, 1_000_000L)).append("ms").toString();
        }
        long hours = nanos / 3_600_000_000_000L;
        long rest = nanos % 3_600_000_000_000L;
        long minutes = rest / 60_000_000_000L;
        long secNanos = rest % 60_000_000_000L;
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(fraction(secNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String fraction(long value, long unit) {
        BigDecimal v = BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit));
        String s = v.stripTrailingZeros().toPlainString();
        return s;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }
}
