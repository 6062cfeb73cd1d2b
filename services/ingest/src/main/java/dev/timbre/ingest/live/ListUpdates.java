package dev.timbre.ingest.live;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * Who is watching whose list: {@link ListFeed} publishes every new list of a user here, and each open event stream
 * ({@code GET /users/{id}/recommendations/stream}) is a subscriber of that user. In memory, per instance: every ingest
 * instance reads the whole {@code recommendations} topic, so a stream may be open on any of them.
 */
@Singleton
public class ListUpdates {
    private final Map<String, Set<Consumer<String>>> watchers = new ConcurrentHashMap<>();

    /** Subscribes to a user's lists (each as JSON); the returned handle unsubscribes. */
    public AutoCloseable watch(String userId, Consumer<String> onList) {
        watchers.computeIfAbsent(userId, u -> new CopyOnWriteArraySet<>()).add(onList);
        return () -> watchers.computeIfPresent(userId, (u, set) -> {
            set.remove(onList);
            return set.isEmpty() ? null : set;
        });
    }

    public void publish(String userId, String listJson) {
        Set<Consumer<String>> set = watchers.get(userId);
        if (set != null) {
            set.forEach(w -> w.accept(listJson));
        }
    }

    public int watching(String userId) {
        Set<Consumer<String>> set = watchers.get(userId);
        return set == null ? 0 : set.size();
    }
}
