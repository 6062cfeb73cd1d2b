package dev.timbre.ingest.web;

import dev.timbre.ingest.security.MediaTokens;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /web/token}: a short-lived {@link MediaTokens} token for the caller's own principal and roles, for the
 * page's audio, spectrogram images and list stream (which cannot send headers). Needs a real API key in a header:
 * a media token is not accepted here, so a token cannot renew itself.
 */
@Controller("/web")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MediaTokenController {
    private final MediaTokens tokens;

    public MediaTokenController(MediaTokens tokens) {
        this.tokens = tokens;
    }

    @Serdeable
    public record TokenView(String token, String expiresAt, String parameter) {
    }

    @Get(value = "/token", produces = MediaType.APPLICATION_JSON)
    public TokenView token(Authentication authentication) {
        MediaTokens.Issued issued = tokens.issue(authentication);
        return new TokenView(issued.token(), issued.expiresAt().toString(), MediaTokens.PARAMETER);
    }
}
