package dev.timbre.ingest.api;

import dev.timbre.ingest.register.RegisteredSong;
import io.micronaut.serde.annotation.Serdeable;

/** Answer to a registration: where the song is and where to follow its progress. */
@Serdeable
public record SongRegistrationResponse(String songId, String stage, String title, String artist, String album,
                                       String audioUri, String contentType, long sizeBytes, String statusUrl) {
    static SongRegistrationResponse of(RegisteredSong song) {
        return new SongRegistrationResponse(song.songId(), "REGISTERED", song.title(), song.artist(), song.album(),
                song.audioUri().toString(), song.contentType(), song.sizeBytes(), "/songs/" + song.songId() + "/status");
    }
}
