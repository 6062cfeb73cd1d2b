package dev.timbre.ingest.api;

import dev.timbre.ingest.register.RegisteredSong;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Answer to a registration: where the song is, the metadata it was registered with ({@code titleFrom}: upload, tags
 * or file-name; {@code artist} null when unknown) and where to follow its progress.
 */
@Serdeable
public record SongRegistrationResponse(String songId, String stage, String title, @Nullable String artist,
                                       @Nullable String album, String audioUri, String contentType, long sizeBytes,
                                       String statusUrl, String titleFrom, @Nullable Integer year,
                                       @Nullable Integer trackNumber, @Nullable String genreTag,
                                       @Nullable Long durationMillis) {
    static SongRegistrationResponse of(RegisteredSong song) {
        var m = song.metadata();
        return new SongRegistrationResponse(song.songId(), "REGISTERED", song.title(), song.artist(), song.album(),
                song.audioUri().toString(), song.contentType(), song.sizeBytes(), "/songs/" + song.songId() + "/status",
                m.titleFrom(), m.year(), m.trackNumber(), m.genreTag(), m.durationMillis());
    }
}
