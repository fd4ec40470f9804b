package dev.switchboard.shared.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.switchboard.shared.config.Priming;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client with two changes:
 * <ul>
 *   <li>requests for {@code https://api.twilio.com} and {@code https://intelligence.twilio.com} go to the
 *       configured base URLs instead ({@code TWILIO_API_BASE_URL}, {@code TWILIO_INTELLIGENCE_BASE_URL}), so
 *       the same code talks to SignalWire's compatibility API or to a test server;</li>
 *   <li>a POST is never retried by the client. twilio-java retries any 5xx three times, POST included, and
 *       a 5xx on {@code POST /Messages} is ambiguous (the text may have gone out): a blind retry can text a
 *       customer twice; Apache HttpClient underneath also retries 429/503 for any method. Neither happens
 *       here: callers decide (see {@code OutboundTexts}).</li>
 *   <li>given live credentials, every request is authenticated with their current value, so a token
 *       rotated in SSM/Secrets Manager is used without rebuilding the client.</li>
 * </ul>
 */
public class RebasingHttpClient extends NetworkHttpClient {

    private static final String API = "https://api.twilio.com";
    private static final String INTELLIGENCE = "https://intelligence.twilio.com";

    /** The user (account SID or API key SID) and password (auth token or key secret) a request is sent with. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    private final String apiBase;
    private final String intelligenceBase;
    private final Supplier<Credentials> credentials;

    public RebasingHttpClient(String apiBase, String intelligenceBase, Duration timeout) {
        this(apiBase, intelligenceBase, timeout, null);
    }

    /** @param credentials read for every request; null keeps what the TwilioRestClient set */
    public RebasingHttpClient(String apiBase, String intelligenceBase, Duration timeout, Supplier<Credentials> credentials) {
        // Apache HttpClient 5 on its own retries 429 and 503 for any method, POST included: off.
        super(HttpClientBuilder.create()
                .disableAutomaticRetries()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                .build())
                        .setMaxConnPerRoute(10)
                        .setMaxConnTotal(20)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build()));
        this.apiBase = strip(apiBase);
        this.intelligenceBase = strip(intelligenceBase);
        this.credentials = credentials;
    }

    @Override
    public Response makeRequest(Request request) {
        Priming.refuseOutbound("Twilio's REST API");
        if (credentials != null && request.getAuthStrategy() == null) {
            Credentials current = credentials.get();
            request.setAuth(current.user(), current.password());
        }
        String rebased = rebase(request.getUrl());
        if (rebased.equals(request.getUrl())) {
            return super.makeRequest(request);
        }
        Request copy = new Request(request.getMethod(), rebased);
        copyParams(request.getQueryParams(), copy::addQueryParam);
        copyParams(request.getPostParams(), copy::addPostParam);
        copyParams(request.getHeaderParams(), copy::addHeaderParam);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(copy);
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        Request last = getLastRequest();
        if (last != null && last.getMethod() == HttpMethod.POST) {
            return false;
        }
        return super.shouldRetry(response, retryCodes);
    }

    String rebase(String url) {
        if (url.startsWith(API) && !apiBase.equals(API)) {
            return apiBase + url.substring(API.length());
        }
        if (url.startsWith(INTELLIGENCE) && !intelligenceBase.equals(INTELLIGENCE)) {
            return intelligenceBase + url.substring(INTELLIGENCE.length());
        }
        return url;
    }

    private static void copyParams(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }

    private static String strip(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
