package io.kustos.decrypt.sops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Floats written as sops (Go) writes them: Go's {@code strconv.FormatFloat(v, fmt, -1, 64)} with
 * the shortest digits that read back as {@code v}, and the two encoders sops hands its floats to:
 * yaml.v3 ({@code 'g'}: {@code 6.02e+23}, {@code 1e-07}, {@code 1.234568e+09}, {@code 0.5}) and
 * encoding/json ({@code 'f'}, or {@code 'e'} below 1e-6 and from 1e21 on, {@code e-07} trimmed to
 * {@code e-7}). The ciphertexts and the MAC use {@code 'f'} ({@link #plain}).
 */
final class GoFloats {
    private GoFloats() {
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: no exponent; {@code NaN}, {@code +Inf}, {@code -Inf}. */
    static String plain(double v) {
        return special(v) != null ? special(v) : Digits.of(v).fixed();
    }

    /** yaml.v3's float scalar: {@code FormatFloat(v, 'g', -1, 64)}, {@code .nan}, {@code .inf}, {@code -.inf}. */
    static String yaml(double v) {
        if (Double.isNaN(v)) {
            return ".nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? ".inf" : "-.inf";
        }
        Digits d = Digits.of(v);
        int exp = d.point() - 1;
        return exp < -4 || exp >= 6 ? d.scientific() : d.fixed();
    }

    /**
     * encoding/json's float: {@code 'e'} when {@code |v| < 1e-6} or {@code |v| >= 1e21} (a
     * negative two-digit exponent loses its leading 0), else {@code 'f'}. JSON has no NaN or
     * infinity (Go refuses them); they are left to the caller.
     */
    static String json(double v) {
        if (special(v) != null) {
            return special(v);
        }
        double abs = Math.abs(v);
        Digits d = Digits.of(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            return d.scientific().replaceFirst("e-0(\\d)$", "e-$1");
        }
        return d.fixed();
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return null;
    }

    /**
     * The shortest decimal digits that read back as the double (Go's {@code roundShortest}):
     * {@code 0.digits × 10^point}, no leading or trailing zeros; zero has no digits.
     */
    private record Digits(boolean negative, String digits, int point) {
        static Digits of(double v) {
            boolean negative = v < 0 || (v == 0 && 1 / v < 0);
            if (v == 0) {
                return new Digits(negative, "", 0);
            }
            double abs = Math.abs(v);
            BigDecimal exact = new BigDecimal(abs);
            for (int precision = 1; ; precision++) {
                BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
                // the nearest decimal of this length first; its neighbours too, for the uneven
                // interval below a power of two, where a farther one may still read back
                BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(-nearest.scale());
                for (BigDecimal r : new BigDecimal[] {nearest, nearest.add(unit), nearest.subtract(unit)}) {
                    if (r.signum() > 0 && r.precision() <= precision && r.doubleValue() == abs) {
                        r = r.stripTrailingZeros();
                        String digits = r.unscaledValue().toString();
                        return new Digits(negative, digits, digits.length() - r.scale());
                    }
                }
            }
        }

        /** {@code %f} with as many fraction digits as needed: {@code 602000000000000000000000}, {@code 0.0000001}. */
        String fixed() {
            var sb = new StringBuilder(negative ? "-" : "");
            if (point <= 0) {
                sb.append('0');
            } else {
                for (int i = 0; i < point; i++) {
                    sb.append(i < digits.length() ? digits.charAt(i) : '0');
                }
            }
            if (digits.length() > point) {
                sb.append('.');
                for (int i = point; i < digits.length(); i++) {
                    sb.append(i < 0 ? '0' : digits.charAt(i));
                }
            }
            return sb.toString();
        }

        /** {@code %e} with as many digits as needed and an exponent of two digits or more: {@code 6.02e+23}. */
        String scientific() {
            var sb = new StringBuilder(negative ? "-" : "");
            sb.append(digits.isEmpty() ? '0' : digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = digits.isEmpty() ? 0 : point - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            String e = Integer.toString(Math.abs(exp));
            return sb.append(e.length() < 2 ? "0" + e : e).toString();
        }
    }
}
