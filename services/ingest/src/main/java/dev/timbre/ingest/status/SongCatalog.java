package dev.timbre.ingest.status;

import dev.timbre.schema.classification.SongProfile;
import dev.timbre.schema.song.SongRegistered;
import dev.timbre.schema.song.SongStatus;
import dev.timbre.ingest.register.RejectedRequestException;
import dev.timbre.ingest.register.Rejection;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Local materialised view of the catalog: every song's metadata, latest stage and top genre. Fed by
 * {@link CatalogFeed} from the compacted {@code song.status} and {@code song.profiles} topics (plus
 * {@code songs.registered} for titles of songs not classified yet), and by ingest itself right after a
 * registration so a client can read its own write.
 */
@Singleton
public class SongCatalog {
    private final ConcurrentMap<String, SongEntry> songs = new ConcurrentHashMap<>();
    /** False while {@link CatalogFeed} is still reading the topics after a start; true without a feed. */
    private volatile boolean ready = true;

    /** The feed has started reading: until {@link #markReady()}, an absent song may just not be read yet. */
    public void loading() {
        ready = false;
    }

    public void markReady() {
        ready = true;
    }

    public boolean isReady() {
        return ready;
    }

    /**
     * Events may only name songs the catalog knows (registered through any ingest instance): 404 otherwise, or
     * 503 while the view is still being loaded after a start (the song may exist but not be read yet).
     */
    public void requireKnownForEvents(String songId) {
        if (songs.containsKey(songId)) {
            return;
        }
        if (!ready) {
            throw new RejectedRequestException(Rejection.CATALOG_LOADING,
                    "the song catalog is still loading after a restart; retry in a few seconds");
        }
        throw new RejectedRequestException(Rejection.UNKNOWN_SONG, "no song with id '" + songId + "'; events must name a registered song");
    }

    public Optional<SongEntry> find(String songId) {
        return Optional.ofNullable(songs.get(songId));
    }

    public boolean contains(String songId) {
        return songs.containsKey(songId);
    }

    /** Songs that have a stage, most recently registered first. */
    public List<SongEntry> list() {
        return songs.values().stream()
                .filter(SongEntry::hasStage)
                .sorted(Comparator.comparing(SongEntry::registeredAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(SongEntry::songId))
                .toList();
    }

    public void onRegistered(SongRegistered registered) {
        songs.compute(registered.getSongId(), (id, old) -> (old == null ? SongEntry.empty(id) : old)
                .withMetadata(registered.getTitle(), registered.getArtist(), registered.getAlbum(), registered.getReceivedAt())
                .withAudio(registered.getAudioUri(), registered.getContentType(), new SongEntry.Tags(registered.getYear(),
                        registered.getTrackNumber(), registered.getGenreTag(), registered.getDurationMillis(),
                        registered.getTitleFrom())));
    }

    /**
     * Applies a status record. Stages only move forward (REGISTERED → FEATURES → CLASSIFIED → RECOMMENDABLE): a
     * stage that repeats an earlier one is a replay (a stage re-processing a song after a crash re-reports its own
     * stage, e.g. FEATURES after the song was RECOMMENDABLE, as the chaos check caught) and is ignored; so is a
     * FAILED after RECOMMENDABLE. After FAILED any stage applies (a retry that got further).
     */
    public void onStatus(SongStatus status) {
        songs.compute(status.getSongId(), (id, old) -> {
            SongEntry entry = old == null ? SongEntry.empty(id) : old;
            String next = status.getStage().name();
            if (entry.hasStage() && isReplay(entry.stage(), next)) {
                return entry;
            }
            return entry.withStage(next, status.getDetail(), status.getService(), status.getUpdatedAt());
        });
    }

    static boolean isReplay(String current, String next) {
        if (current.equals("FAILED")) {
            return false;
        }
        if (next.equals("FAILED")) {
            return current.equals("RECOMMENDABLE");
        }
        return rank(next) < rank(current);
    }

    private static int rank(String stage) {
        return switch (stage) {
            case "REGISTERED" -> 0;
            case "FEATURES" -> 1;
            case "CLASSIFIED" -> 2;
            case "RECOMMENDABLE" -> 3;
            default -> -1;
        };
    }

    /**
     * Applies ingest's own REGISTERED status without waiting for the feed, unless the feed already delivered
     * a stage (a fast pipeline may be further along than this write).
     */
    public void onOwnRegistration(SongRegistered registered, SongStatus status) {
        onRegistered(registered);
        songs.computeIfPresent(status.getSongId(), (id, old) -> old.hasStage() ? old
                : old.withStage(status.getStage().name(), status.getDetail(), status.getService(), status.getUpdatedAt()));
    }

    public void onProfile(SongProfile profile) {
        songs.compute(profile.getSongId(), (id, old) -> (old == null ? SongEntry.empty(id) : old)
                .withMetadata(profile.getTitle(), profile.getArtist(), profile.getAlbum(), (Instant) null)
                .withTopGenre(profile.getTopGenre())
                .withGenres(profile.getGenres(), profile.getGenreDistribution()));
    }

    /** A tombstone on a compacted topic: the song is gone. */
    public void onDeleted(String songId) {
        songs.remove(songId);
    }
}
