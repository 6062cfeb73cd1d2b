package dev.timbre.recommendation.catalog;

import dev.timbre.recommendation.candidates.VectorMath;
import dev.timbre.schema.classification.SongProfile;

import java.util.List;

/**
 * The part of a {@link SongProfile} ranking needs, in a compact form (a unit-length primitive
 * embedding instead of Avro's boxed list), kept in memory for every catalog song.
 */
public record SongEntry(String songId, String title, String artist, String album, String topGenre,
                        List<String> genres, float[] genreDistribution, float[] embedding,
                        boolean artistKnown, boolean albumKnown) {

    /** {@code artistKnown} and {@code albumKnown} from the tags ({@link #knownTag}), once per song rather than per ranking. */
    public SongEntry(String songId, String title, String artist, String album, String topGenre,
                     List<String> genres, float[] genreDistribution, float[] embedding) {
        this(songId, title, artist, album, topGenre, genres, genreDistribution, embedding, knownTag(artist), knownTag(album));
    }

    /**
     * False for null, blank and the placeholders taggers and ingest write for a missing tag
     * ("Unknown", "Unknown artist", "[unknown album]", "N/A", "-", ...): such a tag says nothing about who made the
     * song, so the ranking's per-artist and per-album caps ignore it.
     */
    public static boolean knownTag(String tag) {
        if (tag == null) {
            return false;
        }
        // Letters and digits only, lower-cased: "[Unknown Artist]", " unknown_artist " and "N/A" reduce to
        // "unknownartist" and "na".
        StringBuilder t = new StringBuilder(Math.min(tag.length(), 16));
        for (int i = 0; i < tag.length() && t.length() < 16; i++) {
            char c = tag.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                t.append(Character.toLowerCase(c));
            }
        }
        String k = t.toString();
        return !(k.isEmpty() || k.equals("na") || k.equals("none") || k.equals("null") || k.startsWith("unknown")
                || k.startsWith("noartist") || k.startsWith("noalbum"));
    }

    /** @throws InvalidProfileException when the profile cannot be ranked (wrong dimensions, no genre...) */
    public static SongEntry from(SongProfile p, int dimensions) {
        if (p.getSongId() == null || p.getSongId().isBlank()) {
            throw new InvalidProfileException("profile has no songId");
        }
        List<Float> emb = p.getMeanEmbedding();
        if (emb == null || emb.size() != dimensions) {
            throw new InvalidProfileException("embedding of song " + p.getSongId() + " has "
                    + (emb == null ? 0 : emb.size()) + " dimensions, expected " + dimensions);
        }
        float[] v = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            float x = emb.get(i);
            if (!Float.isFinite(x)) {
                throw new InvalidProfileException("embedding of song " + p.getSongId() + " has a non-finite value");
            }
            v[i] = x;
        }
        if (VectorMath.norm(v) == 0) {
            throw new InvalidProfileException("embedding of song " + p.getSongId() + " is all zeros");
        }
        if (p.getTopGenre() == null || p.getTopGenre().isBlank()) {
            throw new InvalidProfileException("song " + p.getSongId() + " has no top genre");
        }
        List<String> genres = p.getGenres() == null ? List.of() : List.copyOf(p.getGenres());
        List<Float> dist = p.getGenreDistribution() == null ? List.of() : p.getGenreDistribution();
        float[] distribution = new float[genres.size()];
        if (dist.size() == genres.size()) {
            for (int i = 0; i < distribution.length; i++) {
                distribution[i] = Math.max(0f, dist.get(i));
            }
        }
        return new SongEntry(p.getSongId(), p.getTitle(), p.getArtist(), p.getAlbum(), p.getTopGenre(),
                genres, distribution, VectorMath.normalized(v));
    }

    /** The song's title for explanations; its id when the title is unknown. */
    public String displayTitle() {
        return title == null || title.isBlank() ? songId : title;
    }
}
