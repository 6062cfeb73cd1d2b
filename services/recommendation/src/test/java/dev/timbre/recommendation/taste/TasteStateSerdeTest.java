package dev.timbre.recommendation.taste;

import dev.timbre.recommendation.catalog.SongEntry;
import dev.timbre.schema.user.UserEvent;
import dev.timbre.schema.user.UserEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasteStateSerdeTest {

    private static final List<String> GENRES = List.of("blues", "jazz", "rock");

    /** A user after {@code events} random likes, listens, skips and unlikes over 1 000 songs. */
    static TasteState user(int events, int maxHistory) {
        TasteModel model = new TasteModel(64, 30L * 24 * 3600 * 1000, 5, maxHistory);
        TasteState s = model.empty();
        Random r = new Random(3);
        long t = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < events; i++) {
            String song = "song-" + r.nextInt(1000);
            float[] emb = new float[64];
            for (int d = 0; d < 64; d++) {
                emb[d] = (float) r.nextGaussian();
            }
            SongEntry entry = new SongEntry(song, song, "a", null, "jazz", GENRES, new float[] {0.2f, 0.7f, 0.1f},
                    dev.timbre.recommendation.candidates.VectorMath.normalized(emb));
            UserEventType[] types = {UserEventType.LIKED, UserEventType.LISTENED, UserEventType.SKIPPED, UserEventType.UNLIKED};
            UserEventType type = types[r.nextInt(types.length)];
            UserEvent e = UserEvent.newBuilder().setEventId("e" + i).setUserId("u").setSongId(song).setType(type)
                    .setListenedFraction(type == UserEventType.LISTENED || type == UserEventType.SKIPPED ? r.nextFloat() : null)
                    .setTimestamp(Instant.ofEpochMilli(t += 60_000)).build();
            model.apply(s, e, entry);
        }
        s.poolFloor = 0.42;
        return s;
    }

    @Test
    void avroRoundTripKeepsEverythingInOrder() {
        TasteState s = user(300, Integer.MAX_VALUE);
        TasteStateSerde serde = new TasteStateSerde();
        byte[] bytes = serde.serializer().serialize("t", s);
        assertEquals(TasteStateSerde.AVRO_V1, bytes[0]);
        TasteState back = serde.deserializer().deserialize("t", bytes);
        assertArrayEquals(s.vector, back.vector);
        assertEquals(s.positiveWeight, back.positiveWeight);
        assertEquals(s.clock, back.clock);
        assertEquals(s.genres, back.genres);
        assertEquals(new ArrayList<>(s.liked.keySet()), new ArrayList<>(back.liked.keySet()));
        s.liked.forEach((id, like) -> {
            assertEquals(like.at, back.liked.get(id).at);
            assertEquals(like.weight, back.liked.get(id).weight);
        });
        assertEquals(new ArrayList<>(s.heard), new ArrayList<>(back.heard), "insertion order kept (oldest first)");
        assertEquals(new ArrayList<>(s.skipped), new ArrayList<>(back.skipped));
        assertEquals(s.recentLikes, back.recentLikes);
        assertEquals(s.events, back.events);
        assertEquals(s.unresolvedEvents, back.unresolvedEvents);
        assertEquals(0.42, back.poolFloor);
    }

    @Test
    void jsonOfEarlierVersionsIsStillReadAndAvroIsSmaller() {
        TasteState s = user(100, Integer.MAX_VALUE);
        byte[] json = new TasteStateSerde(TasteStateSerde.Format.JSON).serializer().serialize("t", s);
        byte[] avro = new TasteStateSerde().serializer().serialize("t", s);
        TasteState fromJson = new TasteStateSerde().deserializer().deserialize("t", json);
        assertArrayEquals(s.vector, fromJson.vector);
        assertEquals(s.heard, fromJson.heard);
        assertEquals(s.liked.keySet(), fromJson.liked.keySet());
        System.out.printf("taste state after 100 events: %d bytes Avro, %d bytes JSON%n", avro.length, json.length);
        assertTrue(avro.length * 10 < json.length * 6, avro.length + " vs " + json.length);
    }

    @Test
    void historySetsAreBounded() {
        TasteState s = user(2_000, 50);
        assertTrue(s.heard.size() <= 50 && s.skipped.size() <= 50 && s.liked.size() <= 50,
                s.heard.size() + " " + s.skipped.size() + " " + s.liked.size());
        assertEquals(50, s.heard.size());
        assertTrue(s.recentLikes.size() <= 5);
    }
}
