package dev.timbre.demo.script;

import java.util.List;

/**
 * The scripted listening session the demo replays: what each user does, expressed against the genres songs were
 * filed under so it works for any catalog size. A user without steps shows the cold-start list.
 */
public record ListeningScript(List<UserScript> users) {

    /** One action: {@code type} is liked/listened/skipped/unliked; the song is the n-th of the genre. */
    public record Step(String type, String genre, int nth, Double listenedFraction) {
    }

    public record UserScript(String userId, String taste, List<Step> steps) {
    }

    public static ListeningScript standard() {
        return new ListeningScript(List.of(
                new UserScript("alice", "likes jazz and blues, skips metal", List.of(
                        new Step("liked", "jazz", 0, null),
                        new Step("listened", "blues", 0, 1.0),
                        new Step("skipped", "metal", 0, 0.1),
                        new Step("liked", "jazz", 1, null))),
                new UserScript("bob", "likes metal and rock, changes his mind about pop", List.of(
                        new Step("liked", "metal", 0, null),
                        new Step("liked", "rock", 0, null),
                        new Step("liked", "pop", 0, null),
                        new Step("unliked", "pop", 0, null),
                        new Step("listened", "metal", 1, 0.9))),
                new UserScript("carol", "new user: no history yet (cold start)", List.of())));
    }

    /** Users the ingest service must hold keys for. */
    public List<String> userIds() {
        return users.stream().map(UserScript::userId).toList();
    }
}
