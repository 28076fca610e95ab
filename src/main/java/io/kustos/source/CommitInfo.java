package io.kustos.source;

import java.time.Instant;

/** The facts of a commit that Kustos records and shows: who, when, what. */
public record CommitInfo(String sha, String authorName, String authorEmail, Instant time, String subject) {
    /** {@code Name <email>}, as git prints an author. */
    public String author() {
        return authorName + " <" + authorEmail + ">";
    }
}
