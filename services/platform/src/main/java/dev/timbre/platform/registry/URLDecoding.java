package dev.timbre.platform.registry;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** User info taken from a URL is percent-encoded ({@code p%40ss}); the header needs it decoded. */
final class URLDecoding {
    static String decode(String userInfo) {
        return userInfo.contains("%") ? URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8) : userInfo;
    }

    private URLDecoding() {
    }
}
