package io.kustos.decrypt.sops;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A file's {@code sops:} block: who can open the data key, the MAC and which values are encrypted.
 *
 * @param lastModified    RFC 3339, the MAC's additional data
 * @param mac             the encrypted MAC, empty when the file has none
 * @param keyGroups       one group, or several for Shamir secret sharing
 * @param shamirThreshold groups needed when there are several (0: all)
 */
public record Metadata(String lastModified, String mac, String version, SelectionRules rules,
                       List<KeyGroup> keyGroups, int shamirThreshold) {
    /** The version Kustos writes into files it encrypts. */
    public static final String WRITTEN_VERSION = "3.9.0";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    public Metadata {
        keyGroups = List.copyOf(keyGroups);
    }

    public static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
    }

    /** lastmodified as sops re-formats it for the MAC's additional data (Go's time.RFC3339). */
    public String macAad() {
        return isCanonicalUtc(lastModified) ? lastModified : OffsetDateTime.parse(lastModified).format(RFC3339);
    }

    /**
     * Whether {@code t} is a valid time that sops's format gives back unchanged: {@code 2026-12-06T09:30:00Z}
     * (what sops and Kustos write). Parsing and formatting it with java.time was 1% of a cold apply's CPU
     * (once per file); any other form, or an invalid date or time, goes through java.time, which decides.
     */
    static boolean isCanonicalUtc(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
            return false;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        return month >= 1 && month <= 12 && day >= 1 && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
                && digits(t, 11, 2) <= 23 && digits(t, 14, 2) <= 59 && digits(t, 17, 2) <= 59;
    }

    private static int digits(String t, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            n = n * 10 + (t.charAt(i) - '0');
        }
        return n;
    }

    public Metadata withMac(String newMac, String newLastModified) {
        return new Metadata(newLastModified, newMac, version, rules, keyGroups, shamirThreshold);
    }

    public Metadata withKeyGroups(List<KeyGroup> groups, int threshold) {
        return new Metadata(lastModified, mac, version, rules, groups, threshold);
    }

    @Override
    public String toString() {
        return "Metadata[lastmodified=" + lastModified + ", version=" + version + ", groups=" + keyGroups + "]";
    }
}
