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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Twilio REST resource whose answers are computed (a WireMock response transformer its stubs name):
 * what every such resource does the same way as Twilio's REST API. A request without HTTP Basic auth is a
 * 401 (code 20003) before anything else; otherwise {@link #serve} answers it, given its path without the
 * query string. What it creates is kept ({@link #all()}) and announced ({@link #onCreate}). Also the request's
 * form and query values and new SIDs, as Twilio makes them.
 */
public abstract class TwilioRestResource implements TwilioResource, ResponseDefinitionTransformerV2 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String transformer;
    private final List<Map<String, Object>> created = new CopyOnWriteArrayList<>();
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();

    /** @param transformer the transformer's name, which the resource's stubs name ({@code withTransformers}) */
    protected TwilioRestResource(String transformer) {
        this.transformer = transformer;
    }

    /** What was created so far (messages, calls), oldest first, each as {@link #created(Map)} kept it. */
    public List<Map<String, Object>> all() {
        return List.copyOf(created);
    }

    /** Called with each resource as it is created (as {@link #all()} holds it). */
    public void onCreate(Consumer<Map<String, Object>> listener) {
        listeners.add(listener);
    }

    /** Forgets everything created. */
    public void clear() {
        created.clear();
    }

    /** Keeps a resource just created and tells the listeners. */
    protected final void created(Map<String, Object> resource) {
        created.add(resource);
        listeners.forEach(l -> l.accept(resource));
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
