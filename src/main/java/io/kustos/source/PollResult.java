package io.kustos.source;

/**
 * What one {@link GitSource#poll()} saw.
 *
 * @param snapshot the files of the branch head
 * @param changed  the head differs from the previous poll of this {@link GitSource} (always true
 *                 on the first poll after start-up)
 * @param fetched  objects were fetched from the remote for this poll (false when the head had not
 *                 moved and the cache already held it)
 * @param forcePush the branch was force-pushed and followed ({@code allowForcePush}); null when
 *                  the head descends from the last one
 */
public record PollResult(RepoSnapshot snapshot, boolean changed, boolean fetched, ForcePush forcePush) {
    public Revision revision() {
        return snapshot.revision();
    }
}
