package dev.timbre.audio.synth;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's standard session speaks only the synthesiser's genres. */
class SyntheticListeningTest {

    @Test
    void theStandardSessionHasTwoListenersAndAColdStartUser() {
        assertEquals(List.of("alice", "bob", "carol"),
                SyntheticListening.STANDARD.stream().map(SyntheticListening.User::userId).toList());
        assertTrue(SyntheticListening.STANDARD.get(2).actions().isEmpty(), "carol has no history");
        SyntheticListening.STANDARD.stream().flatMap(u -> u.actions().stream())
                .forEach(a -> assertTrue(SyntheticGenres.GENRES.contains(a.genre()), a.toString()));
    }

    @Test
    void anActionOnAGenreTheSynthesiserCannotRenderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticListening.Action("liked", "polka", 0, null));
    }
}
