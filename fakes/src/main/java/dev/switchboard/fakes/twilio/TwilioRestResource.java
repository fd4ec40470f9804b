package dev.switchboard.fakes.twilio;

import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A Twilio REST resource whose answers are computed (a WireMock response transformer its stubs name):
 * what every such resource does the same way as Twilio's REST API. A request without HTTP Basic auth is a
 * 401 (code 20003) before anything else; otherwise {@link #serve} answers it, given its path without the
 * query string. Also the request's form and query values and new SIDs, as Twilio makes them.
 */
public abstract class TwilioRestResource implements TwilioResource, ResponseDefinitionTransformerV2 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String transformer;

    /** @param transformer the transformer's name, which the resource's stubs name ({@code withTransformers}) */
    protected TwilioRestResource(String transformer) {
        this.transformer = transformer;
    }

    /** Answers an authenticated request for {@code path} (the URL without its query string). */
    protected abstract ResponseDefinition serve(Request request, String path);

    @Override
    public final ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!basicAuth(request)) {
            return TwilioJson.errorResponse(401, 20003, "Authenticate");
        }
        return serve(request, path(request));
    }

    @Override
    public final List<Extension> extensions() {
        return List.of(this);
    }

    @Override
    public final String getName() {
        return transformer;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }

    /** Whether the request carries HTTP Basic credentials (Twilio's API key or Account SID and token). */
    static boolean basicAuth(Request request) {
        String auth = request.getHeader("Authorization");
        return auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** The request's path, without the query string. */
    static String path(Request request) {
        return request.getUrl().split("\\?", 2)[0];
    }

    /** A form parameter's first value, or {@code ""}. */
    static String form(Request request, String name) {
        FormParameter parameter = request.formParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : "";
    }

    /** A query parameter's first value, or {@code ""}. */
    static String query(Request request, String name) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : "";
    }

    /** A new SID as Twilio makes them: the two-letter prefix ({@code CA}, {@code SM}) and 32 hex digits. */
    static String newSid(String prefix) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
