package dev.timbre.demo.script;

import dev.timbre.audio.synth.SyntheticListening;

import java.util.List;

/**
 * The scripted listening session the demo replays: what each user does, expressed against the genres songs were
 * filed under so it works for any catalog size. A user without steps shows the cold-start list. The standard session
 * is the synthesiser's ({@link SyntheticListening#STANDARD}): the genre names belong to the synthetic catalog, not
 * to the demo's code.
 */
public record ListeningScript(List<UserScript> users) {

    /** One action: {@code type} is liked/listened/skipped/unliked; the song is the n-th of the genre. */
    public record Step(String type, String genre, int nth, Double listenedFraction) {
    }

    public record UserScript(String userId, String taste, List<Step> steps) {
    }

    public static ListeningScript standard() {
        return new ListeningScript(SyntheticListening.STANDARD.stream()
                .map(user -> new UserScript(user.userId(), user.taste(), user.actions().stream()
                        .map(a -> new Step(a.type(), a.genre(), a.nth(), a.listenedFraction()))
                        .toList()))
                .toList());
    }

    /** Users the ingest service must hold keys for. */
    public List<String> userIds() {
        return users.stream().map(UserScript::userId).toList();
    }
}
