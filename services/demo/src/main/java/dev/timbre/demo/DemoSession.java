package dev.timbre.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.timbre.demo.catalog.CatalogSong;
import dev.timbre.demo.client.IngestClient;
import dev.timbre.demo.launch.ApiKeys;
import dev.timbre.demo.script.ListeningScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** The demo's conversation with a running system, through ingest's public API only. */
public final class DemoSession {
    private static final List<String> FINAL_STAGES = List.of("RECOMMENDABLE", "FAILED");

    private final IngestClient ingest;
    private final ApiKeys keys;
    private final Consumer<String> out;

    /** @param keys "admin" uploads, each user acts as themselves */
    public DemoSession(IngestClient ingest, ApiKeys keys, Consumer<String> out) {
        this.ingest = ingest;
        this.keys = keys;
        this.out = out;
    }

    /** Uploads every song, then shows progress until each one is recommendable or failed. Returns the song ids. */
    public List<String> ingest(List<CatalogSong> catalog, Duration timeout) {
        Ingested result = ingestAll(catalog, timeout);
        if (!result.rejected().isEmpty()) {
            throw new IllegalStateException("uploads refused: " + result.rejected());
        }
        return result.ids();
    }

    /** A song ingest refused (HTTP status and its message), or could not be sent. */
    public record Rejected(CatalogSong song, String reason) {
    }

    /** The songs ingest accepted ({@code songs.get(i)} has id {@code ids.get(i)}) and those it refused. */
    public record Ingested(List<CatalogSong> songs, List<String> ids, List<Rejected> rejected) {
    }

    /**
     * Uploads every song; one refused or unreadable file is reported and the run goes on. Shows an upload progress
     * bar, then the pipeline's until each accepted song is recommendable or failed.
     */
    public Ingested ingestAll(List<CatalogSong> catalog, Duration timeout) {
        out.accept("Uploading " + catalog.size() + " songs ...");
        List<CatalogSong> accepted = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        String lastBar = "";
        for (CatalogSong song : catalog) {
            try {
                IngestClient.Reply reply = ingest.uploadSong(keys.of(ApiKeys.ADMIN), song.fileName(), song.content(),
                        song.title(), song.artist(), song.album());
                if (reply.ok() && reply.body() != null && reply.body().hasNonNull("songId")) {
                    accepted.add(song);
                    ids.add(reply.body().get("songId").asText());
                } else {
                    String message = reply.body() == null ? reply.raw() : reply.body().path("message").asText(reply.raw());
                    String code = reply.body() == null ? "" : " " + reply.body().path("error").asText("");
                    rejected.add(new Rejected(song, "HTTP " + reply.status() + code + ": " + message));
                }
            } catch (RuntimeException e) {
                rejected.add(new Rejected(song, e.getMessage()));
            }
            int done = accepted.size() + rejected.size();
            String bar = bar(done, catalog.size()) + " uploaded " + done + "/" + catalog.size()
                    + (rejected.isEmpty() ? "" : " (" + rejected.size() + " refused)");
            if (!bar.substring(0, 32).equals(lastBar) || done == catalog.size()) {
                out.accept(bar);
                lastBar = bar.substring(0, 32);
            }
        }
        for (Rejected r : rejected) {
            out.accept("  refused: " + r.song().fileName() + " (" + r.reason() + ")");
        }
        if (!ids.isEmpty()) {
            awaitFinalStages(ids, timeout);
        }
        return new Ingested(accepted, ids, rejected);
    }

    /** What a folder scan left out, grouped by reason. */
    public void printSkipped(List<dev.timbre.demo.catalog.FolderScan.Skipped> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        out.accept("Skipped " + skipped.size() + " file" + (skipped.size() == 1 ? "" : "s") + " that are not audio:");
        Map<String, List<String>> byReason = new java.util.TreeMap<>();
        skipped.forEach(s -> byReason.computeIfAbsent(s.reason(), r -> new ArrayList<>()).add(s.file().toString()));
        byReason.forEach((reason, files) -> out.accept(String.format("  %-32s %d: %s", reason, files.size(),
                files.size() <= 6 ? String.join(", ", files) : String.join(", ", files.subList(0, 6)) + ", ...")));
    }

    /** Polls the songs' status, printing a progress bar, until every song reached RECOMMENDABLE or FAILED. */
    public Map<String, String> awaitFinalStages(List<String> songIds, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> stages = new LinkedHashMap<>();
        String lastLine = "";
        while (true) {
            for (String id : songIds) {
                IngestClient.Reply reply = ingest.songStatus(keys.of(ApiKeys.ADMIN), id);
                stages.put(id, reply.ok() ? reply.body().path("stage").asText("UNKNOWN") : "UNKNOWN");
            }
            long done = stages.values().stream().filter(FINAL_STAGES::contains).count();
            String line = progressLine(stages, done, songIds.size());
            if (!line.equals(lastLine)) {
                out.accept(line);
                lastLine = line;
            }
            if (done == songIds.size()) {
                return stages;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("songs still in flight after " + timeout + ": " + stages);
            }
            sleep(1000);
        }
    }

    /** The catalog as the system sees it: predicted top genre next to the genre each song was filed under. */
    public void printCatalog(List<String> songIds, List<CatalogSong> catalog) {
        out.accept("");
        out.accept("Catalog (predicted genre by the CNN, from the sound only):");
        int known = 0;
        int agree = 0;
        Map<String, Map<String, Integer>> filedVsPredicted = new java.util.TreeMap<>();
        for (int i = 0; i < songIds.size(); i++) {
            JsonNode status = ingest.songStatus(keys.of(ApiKeys.ADMIN), songIds.get(i)).body();
            String predicted = status == null ? "?" : status.path("topGenre").asText("?");
            String filed = catalog.get(i).intendedGenre();
            if (filed != null) {
                known++;
                agree += filed.equals(predicted) ? 1 : 0;
                filedVsPredicted.computeIfAbsent(filed, g -> new java.util.TreeMap<>()).merge(predicted, 1, Integer::sum);
            }
            String title = status == null ? catalog.get(i).label() : status.path("title").asText(catalog.get(i).label());
            String artist = status == null || status.path("artist").isNull() ? "" : status.path("artist").asText("");
            out.accept(String.format("  %-36s %-24s %-10s %-14s %s", clip(title, 36), clip(artist, 24), predicted,
                    status == null ? "?" : status.path("stage").asText(), filed == null ? "" : "(filed as " + filed + ")"));
        }
        if (known > 0) {
            out.accept(String.format("  predicted genre = filed genre for %d of %d songs", agree, known));
            printPerGenre(filedVsPredicted);
        }
    }

    /** Per filed genre: songs, how many were predicted as filed, and what the others were predicted as. */
    private void printPerGenre(Map<String, Map<String, Integer>> filedVsPredicted) {
        out.accept("");
        out.accept(String.format("  %-10s %5s %8s   %s", "filed as", "songs", "as filed", "predicted otherwise"));
        filedVsPredicted.forEach((filed, predicted) -> {
            int total = predicted.values().stream().mapToInt(Integer::intValue).sum();
            int right = predicted.getOrDefault(filed, 0);
            String others = predicted.entrySet().stream().filter(e -> !e.getKey().equals(filed))
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
            out.accept(String.format("  %-10s %5d %8d   %s", filed, total, right, others));
        });
    }

    /** Replays each user's steps, printing the list before (cold start) and after, with reasons. */
    public void replay(ListeningScript script, List<CatalogSong> catalog, List<String> songIds) {
        for (ListeningScript.UserScript user : script.users()) {
            String key = keys.of(user.userId());
            out.accept("");
            out.accept("== " + user.userId() + ": " + user.taste());
            JsonNode before = ingest.recommendations(key, user.userId()).body();
            String lastEvent = null;
            for (ListeningScript.Step step : user.steps()) {
                String songId = nthOfGenre(catalog, songIds, step.genre(), step.nth());
                if (songId == null) {
                    out.accept("   (no " + step.genre() + " song in this catalog; step skipped)");
                    continue;
                }
                JsonNode accepted = ingest.postEvent(key, user.userId(), songId, step.type(), step.listenedFraction())
                        .orThrow(step.type() + " by " + user.userId());
                lastEvent = accepted.path("eventId").asText();
                out.accept("   " + step.type() + " " + titleOf(catalog, songIds, songId));
            }
            JsonNode list = lastEvent == null ? before : awaitListAfter(key, user.userId(), lastEvent, Duration.ofSeconds(60));
            printList(list);
        }
    }

    /** Waits until the user's list was recomputed for (at least) the given event. */
    public JsonNode awaitListAfter(String key, String userId, String eventId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode latest = null;
        while (Instant.now().isBefore(deadline)) {
            IngestClient.Reply reply = ingest.recommendations(key, userId);
            if (reply.ok()) {
                latest = reply.body();
                if (Objects.equals(eventId, latest.path("triggeredBy").asText(null))) {
                    return latest;
                }
            }
            sleep(300);
        }
        throw new IllegalStateException("the list of " + userId + " was not recomputed for event " + eventId
                + " within " + timeout + "; last seen: " + latest);
    }

    private void printList(JsonNode list) {
        if (list == null || !list.has("items")) {
            out.accept("   (no list)");
            return;
        }
        out.accept("   recommendations" + (list.path("coldStart").asBoolean() ? " (cold start)" : "") + ", "
                + list.get("items").size() + " items:");
        for (JsonNode item : list.get("items")) {
            String artist = item.path("artist").isNull() ? "" : item.path("artist").asText("");
            out.accept(String.format("   %2d. %-30s %-20s %-10s %.3f  %s", item.path("rank").asInt(),
                    clip(item.path("title").asText(item.path("songId").asText()), 30), clip(artist, 20),
                    item.path("genre").asText(), item.path("score").asDouble(), item.path("reason").asText()));
        }
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    private static String nthOfGenre(List<CatalogSong> catalog, List<String> ids, String genre, int nth) {
        int seen = 0;
        for (int i = 0; i < catalog.size(); i++) {
            if (genre.equals(catalog.get(i).intendedGenre()) && seen++ == nth) {
                return ids.get(i);
            }
        }
        return null;
    }

    /** The title ingest registered (from the tags or the file name), else what was uploaded. */
    private String titleOf(List<CatalogSong> catalog, List<String> ids, String songId) {
        IngestClient.Reply status = ingest.songStatus(keys.of(ApiKeys.ADMIN), songId);
        if (status.ok() && status.body() != null && status.body().hasNonNull("title")) {
            return status.body().get("title").asText();
        }
        return catalog.get(ids.indexOf(songId)).label();
    }

    private static String progressLine(Map<String, String> stages, long done, int total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        Map<String, Integer> counts = new LinkedHashMap<>();
        stages.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " done " + counts;
    }

    private static String bar(long done, int total) {
        int width = 30;
        int filled = (int) (width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
