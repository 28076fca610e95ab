package io.kustos.testsupport;

import io.kustos.source.Revision;
import io.kustos.source.RevisionPair;

/** Revision pairs for tests: {@code pair('a', 'b')} is {@code config=main@sha1:aaa…;releases=main@sha1:bbb…}. */
public final class Pairs {
    private Pairs() {
    }

    /** @param config one hex digit, repeated to the config sha; @param releases the same for the releases sha */
    public static RevisionPair pair(char config, char releases) {
        return new RevisionPair(new Revision("main", String.valueOf(config).repeat(40)), new Revision("main", String.valueOf(releases).repeat(40)));
    }
}
