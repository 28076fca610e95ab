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
        return OffsetDateTime.parse(lastModified).format(RFC3339);
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
