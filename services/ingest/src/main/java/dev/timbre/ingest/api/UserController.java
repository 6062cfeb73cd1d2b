package dev.timbre.ingest.api;

import dev.timbre.ingest.events.UserEventFactory;
import dev.timbre.ingest.publish.EventPublisher;
import dev.timbre.ingest.security.UserAccess;
import dev.timbre.ingest.status.SongCatalog;
import dev.timbre.schema.user.UserEvent;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.time.Clock;

/** A user's events and recommendations; a USER key may only act for its own id. */
@Controller("/users/{userId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class UserController {
    private final EventPublisher publisher;
    private final RecommendationClient recommendations;
    private final SongCatalog catalog;
    private final UserEventFactory events = new UserEventFactory(Clock.systemUTC());

    public UserController(EventPublisher publisher, RecommendationClient recommendations, SongCatalog catalog) {
        this.publisher = publisher;
        this.recommendations = recommendations;
        this.catalog = catalog;
    }

    @Post(value = "/events", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<UserEventResponse> postEvent(@PathVariable String userId, @Body UserEventRequest request,
                                                     Authentication authentication) {
        UserAccess.requireMayActFor(authentication, userId);
        UserEvent event = events.create(userId, request.songId(), request.type(), request.listenedFraction(), request.timestamp());
        catalog.requireKnownForEvents(event.getSongId());
        publisher.userEvent(event);
        return HttpResponse.accepted().body(new UserEventResponse(event.getEventId(), event.getUserId(), event.getSongId(),
                event.getType().name().toLowerCase(), event.getTimestamp().toString()));
    }

    @Get(value = "/recommendations", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<?> recommendations(@PathVariable String userId, Authentication authentication) {
        UserAccess.requireMayActFor(authentication, userId);
        UserEventFactory.requireValidUserId(userId);
        return recommendations.fetch(userId);
    }
}
