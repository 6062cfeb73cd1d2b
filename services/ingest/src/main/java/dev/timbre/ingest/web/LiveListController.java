package dev.timbre.ingest.web;

import dev.timbre.ingest.api.RecommendationClient;
import dev.timbre.ingest.events.UserEventFactory;
import dev.timbre.ingest.live.ListUpdates;
import dev.timbre.ingest.security.UserAccess;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * {@code GET /users/{id}/recommendations/stream}: server-sent events of a user's list. The first {@code list} event
 * is the current list (asked from the recommendation service), then one {@code list} event each time the list
 * changes (pushed by {@link dev.timbre.ingest.live.ListFeed} from the {@code recommendations} topic; no polling).
 * Lists carry {@code computedAt}, so a client keeps the newest. A {@code problem} event (the shared error JSON) says
 * the current list could not be fetched; {@code ping} every 15 s keeps proxies from closing the stream. The same
 * access rule as the list: that USER or an ADMIN (403 otherwise, 401 without a key or media token).
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
public class LiveListController {
    static final Duration PING = Duration.ofSeconds(15);

    private final ListUpdates updates;
    private final RecommendationClient recommendations;

    public LiveListController(ListUpdates updates, RecommendationClient recommendations) {
        this.updates = updates;
        this.recommendations = recommendations;
    }

    @Get(value = "/users/{userId}/recommendations/stream", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> stream(@PathVariable String userId, Authentication authentication) {
        UserAccess.requireMayActFor(authentication, userId);
        UserEventFactory.requireValidUserId(userId);
        Flux<Event<String>> lists = Flux.create(sink -> {
            AutoCloseable watch = updates.watch(userId, json -> sink.next(Event.of(json).name("list")));
            sink.onDispose(() -> {
                try {
                    watch.close();
                } catch (Exception ignored) {
                    // removing a watcher does not fail
                }
            });
            Schedulers.boundedElastic().schedule(() -> {
                HttpResponse<?> current = recommendations.fetch(userId);
                String body = String.valueOf(current.getBody(String.class).orElse("{}"));
                sink.next(Event.of(body).name(current.getStatus().getCode() == 200 ? "list" : "problem"));
            });
        }, FluxSink.OverflowStrategy.BUFFER);
        return lists.mergeWith(Flux.interval(PING).map(i -> Event.of("{}").name("ping")));
    }
}
