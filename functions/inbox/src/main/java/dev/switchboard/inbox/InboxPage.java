package dev.switchboard.inbox;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.switchboard.shared.http.HttpResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox page: one HTML shell for {@code /inbox} and {@code /inbox/c/{phone}} (the script reads the path),
 * and its own assets ({@code /inbox/assets/app.js}, {@code app.css}, {@code icon.svg}) from this jar: no CDN,
 * no inline script or style, so the Content-Security-Policy is {@code default-src 'self'} plus the origin the
 * presigned audio links point at ({@code media-src}).
 */
public final class InboxPage {

    static final String BASE = "/dev/switchboard/inbox/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final String html;
    private final Map<String, String> assets;
    private final Map<String, String> headers;

    /** @param mediaOrigin where presigned recording links point (the bucket's origin), allowed for audio */
    public InboxPage(Optional<String> mediaOrigin) {
        this.html = resource("inbox.html");
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : new String[] {"app.js", "app.css", "icon.svg"}) {
            files.put(name, resource("assets/" + name));
        }
        this.assets = Map.copyOf(files);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", csp(mediaOrigin));
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        this.headers = Map.copyOf(h);
    }

    static String csp(Optional<String> mediaOrigin) {
        return "default-src 'self'; media-src 'self'" + mediaOrigin.map(o -> " " + o).orElse("")
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    public APIGatewayV2HTTPResponse html() {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Cache-Control", "no-store");
        return HttpResponses.of(200, "text/html; charset=utf-8", html, h);
    }

    public APIGatewayV2HTTPResponse asset(String name) {
        String body = assets.get(name);
        if (body == null) {
            return HttpResponses.json(404, "{\"error\":\"not_found\"}");
        }
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Cache-Control", "public, max-age=300");
        return HttpResponses.of(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body, h);
    }

    private static String resource(String name) {
        try (InputStream in = InboxPage.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
