package dev.timbre.audio.synth;

import java.util.List;

/**
 * The demo's scripted listening session, written against the synthesiser's genres (the demo catalog files its
 * synthetic "studies" under them), so that the genre names stay with the synthesiser and out of the demo's code.
 * A user without actions shows the cold-start list.
 */
public final class SyntheticListening {

    /** One action: {@code type} is liked/listened/skipped/unliked; the song is the {@code nth} of the genre. */
    public record Action(String type, String genre, int nth, Double listenedFraction) {
        public Action {
            if (!SyntheticGenres.GENRES.contains(genre)) {
                throw new IllegalArgumentException("not a synthetic genre: " + genre);
            }
        }
    }

    /** A user, what their taste is meant to be, and what they do. */
    public record User(String userId, String taste, List<Action> actions) {
    }

    /** alice (jazz and blues, skips metal), bob (metal and rock, changes his mind about pop), carol (cold start). */
    public static final List<User> STANDARD = List.of(
            new User("alice", "likes jazz and blues, skips metal", List.of(
                    new Action("liked", "jazz", 0, null),
                    new Action("listened", "blues", 0, 1.0),
                    new Action("skipped", "metal", 0, 0.1),
                    new Action("liked", "jazz", 1, null))),
            new User("bob", "likes metal and rock, changes his mind about pop", List.of(
                    new Action("liked", "metal", 0, null),
                    new Action("liked", "rock", 0, null),
                    new Action("liked", "pop", 0, null),
                    new Action("unliked", "pop", 0, null),
                    new Action("listened", "metal", 1, 0.9))),
            new User("carol", "new user: no history yet (cold start)", List.of()));

    private SyntheticListening() {
    }
}
