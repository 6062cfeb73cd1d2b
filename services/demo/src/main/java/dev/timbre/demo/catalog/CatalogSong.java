package dev.timbre.demo.catalog;

/**
 * One song of a demo catalog, ready to upload.
 *
 * @param intendedGenre the genre the song was made or filed as (null when unknown); only for reporting
 */
public record CatalogSong(String fileName, byte[] audio, String title, String artist, String album,
                          String intendedGenre) {
}
