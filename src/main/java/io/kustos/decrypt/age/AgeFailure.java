package io.kustos.decrypt.age;

/**
 * Why an age file did not open, in the kinds the age testkit distinguishes. Telling them apart
 * keeps a low-level fault (say, a malformed header) from hiding behind a higher-level one.
 */
public enum AgeFailure {
    /** The ASCII armor (PEM) around the file is malformed. */
    ARMOR("malformed ASCII armor"),
    /** The header (version, stanzas, MAC line) is malformed, or a stanza addressed to us is. */
    HEADER("malformed header"),
    /** The header is well formed, but no identity opens any stanza. */
    NO_MATCH("no identity matches"),
    /** A file key was found, but the header MAC does not match it: the header was changed. */
    HMAC("header MAC does not match"),
    /** The encrypted payload does not authenticate all the way to its end. */
    PAYLOAD("payload does not authenticate");

    private final String description;

    AgeFailure(String description) {
        this.description = description;
    }

    /** A short phrase for messages. */
    public String description() {
        return description;
    }
}
