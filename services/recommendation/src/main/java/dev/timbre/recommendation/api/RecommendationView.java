package dev.timbre.recommendation.api;

import dev.timbre.schema.recommendation.RecommendationList;
import dev.timbre.schema.recommendation.RecommendedItem;

import java.util.List;

/** JSON form of a user's list; {@code servedBy} is the instance ({@code host:port}) that owns the user. */
public record RecommendationView(String userId, boolean coldStart, List<Item> items, String triggeredBy,
                                 String computedAt, String servedBy) {

    public record Item(int rank, String songId, String title, String artist, String genre, double score, String reason) {
    }

    static RecommendationView of(RecommendationList list, String servedBy) {
        List<Item> items = list.getItems().stream().map(RecommendationView::item).toList();
        return new RecommendationView(list.getUserId(), list.getColdStart(), items, list.getTriggeredBy(),
                list.getComputedAt().toString(), servedBy);
    }

    private static Item item(RecommendedItem i) {
        return new Item(i.getRank(), i.getSongId(), i.getTitle(), i.getArtist(), i.getGenre(), i.getScore(), i.getReason());
    }
}
