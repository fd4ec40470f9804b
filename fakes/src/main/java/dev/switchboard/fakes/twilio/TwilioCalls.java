package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Calls resource, creation only: {@code POST .../Calls.json} with {@code To}, {@code From} and
 * {@code Url} (or {@code Twiml}) answers 201 with a call {@code CA...} in status {@code queued}, as Twilio does;
 * 400 with Twilio's codes for a missing To (21201), From (21213) or Url (21205). HTTP Basic auth is required
 * (401, code 20003). Nothing rings and no callback is made: a test plays Twilio's part from {@link #all()}.
 */
public final class TwilioCalls extends TwilioRestResource {

    public static final String CALLS = "/2010-04-01/Accounts/[A-Za-z0-9]+/Calls\\.json";
    static final String TRANSFORMER = "twilio-calls";
    private static final Pattern CREATE = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Calls\\.json$");

    /** Its {@link #all()}: the calls created, each Twilio's JSON plus the request's {@code url} and {@code status_callback}. */
    public TwilioCalls() {
        super(TRANSFORMER);
    }

    @Override
    public void stub(WireMockServer server) {
        server.stubFor(post(urlPathMatching(CALLS)).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    @Override
    protected ResponseDefinition serve(Request request, String path) {
        Matcher create = CREATE.matcher(path);
        if (!create.matches()) {
            return TwilioJson.errorResponse(404, 20404, "The requested resource was not found");
        }
        String to = form(request, "To");
        String from = form(request, "From");
        String url = form(request, "Url");
        if (to.isBlank()) {
            return TwilioJson.errorResponse(400, 21201, "No 'To' number is specified");
        }
        if (from.isBlank()) {
            return TwilioJson.errorResponse(400, 21213, "No 'From' number is specified");
        }
        if (url.isBlank() && form(request, "Twiml").isBlank()) {
            return TwilioJson.errorResponse(400, 21205, "Url parameter is required");
        }
        String sid = newSid("CA");
        String accountSid = create.group(1);
        String now = TwilioJson.now();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("account_sid", accountSid);
        call.put("api_version", "2010-04-01");
        call.put("date_created", now);
        call.put("date_updated", now);
        call.put("direction", "outbound-api");
        call.put("from", from);
        call.put("from_formatted", from);
        call.put("parent_call_sid", null);
        call.put("sid", sid);
        call.put("status", "queued");
        call.put("to", to);
        call.put("to_formatted", to);
        call.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid + ".json");
        created(withRequest(call, url, form(request, "StatusCallback")));
        return TwilioJson.response(201, call);
    }

    private static Map<String, Object> withRequest(Map<String, Object> call, String url, String statusCallback) {
        Map<String, Object> kept = new LinkedHashMap<>(call);
        kept.put("url", url);
        kept.put("status_callback", statusCallback);
        return kept;
    }
}
