package dev.switchboard.fakes.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages resource: {@code POST .../Messages.json} creates a message (201, sid {@code SM...},
 * status {@code queued}, or {@code accepted} with only a MessagingServiceSid; 400 with Twilio's error codes
 * for a missing To, From or Body), {@code GET .../Messages.json} lists them newest first (To/From filters,
 * PageSize), {@code GET .../Messages/{Sid}.json} fetches one. HTTP Basic auth is required, as by Twilio
 * (401, code 20003). Nothing is delivered and no status callback is sent.
 */
public final class TwilioMessages extends TwilioRestResource {

    /** A message list or creation URL, any account. */
    public static final String MESSAGES = "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages\\.json";
    static final String TRANSFORMER = "twilio-messages";

    private static final Pattern LIST = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern ONE = Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages/([^/.]+)\\.json$");

    /** Its {@link #all()}: the messages created, each as the JSON Twilio returned for it. */
    public TwilioMessages() {
        super(TRANSFORMER);
    }

    @Override
    public void stub(WireMockServer server) {
        server.stubFor(post(urlPathMatching(MESSAGES)).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
        server.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[A-Za-z0-9]+/Messages(/[^/.]+)?\\.json")).atPriority(10)
                .willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    @Override
    protected ResponseDefinition serve(Request request, String path) {
        Matcher list = LIST.matcher(path);
        Matcher one = ONE.matcher(path);
        if (list.matches() && RequestMethod.POST.equals(request.getMethod())) {
            return create(request, list.group(1));
        }
        if (list.matches()) {
            return list(request, list.group(1));
        }
        if (one.matches()) {
            return all().stream().filter(m -> one.group(2).equals(m.get("sid"))).findFirst()
                    .map(m -> TwilioJson.response(200, m))
                    .orElseGet(() -> TwilioJson.errorResponse(404, 20404, "The requested resource " + path + " was not found"));
        }
        return TwilioJson.errorResponse(404, 20404, "The requested resource " + path + " was not found");
    }

    private ResponseDefinition create(Request request, String accountSid) {
        String to = form(request, "To");
        String from = form(request, "From");
        String serviceSid = form(request, "MessagingServiceSid");
        String body = form(request, "Body");
        boolean media = request.formParameter("MediaUrl").isPresent();
        if (to.isBlank()) {
            return TwilioJson.errorResponse(400, 21604, "A 'To' phone number is required.");
        }
        if (from.isBlank() && serviceSid.isBlank()) {
            return TwilioJson.errorResponse(400, 21603, "A 'From' phone number is required.");
        }
        if (body.isEmpty() && !media) {
            return TwilioJson.errorResponse(400, 21602, "Message body is required.");
        }
        String sid = newSid("SM");
        String now = TwilioJson.now();
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json";
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("account_sid", accountSid);
        message.put("api_version", "2010-04-01");
        message.put("body", body);
        message.put("date_created", now);
        message.put("date_sent", null);
        message.put("date_updated", now);
        message.put("direction", "outbound-api");
        message.put("error_code", null);
        message.put("error_message", null);
        message.put("from", from.isBlank() ? null : from);
        message.put("messaging_service_sid", serviceSid.isBlank() ? null : serviceSid);
        message.put("num_media", media ? "1" : "0");
        message.put("num_segments", String.valueOf(Math.max(1, (body.length() + 152) / 153)));
        message.put("price", null);
        message.put("price_unit", "USD");
        message.put("sid", sid);
        message.put("status", from.isBlank() ? "accepted" : "queued");
        message.put("subresource_uris", Map.of("media", uri.replace(".json", "/Media.json")));
        message.put("to", to);
        message.put("uri", uri);
        created(message);
        return TwilioJson.response(201, message);
    }

    private ResponseDefinition list(Request request, String accountSid) {
        List<Map<String, Object>> newestFirst = new ArrayList<>(all());
        Collections.reverse(newestFirst);
        String to = query(request, "To");
        String from = query(request, "From");
        newestFirst.removeIf(m -> (!to.isEmpty() && !to.equals(m.get("to"))) || (!from.isEmpty() && !from.equals(m.get("from"))));
        int pageSize = 50;
        try {
            pageSize = Math.max(1, Math.min(1000, Integer.parseInt(query(request, "PageSize").isEmpty() ? "50"
                    : query(request, "PageSize"))));
        } catch (NumberFormatException twilioDefault) {
            // PageSize 50
        }
        List<Map<String, Object>> page = newestFirst.subList(0, Math.min(pageSize, newestFirst.size()));
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages.json?PageSize=" + pageSize + "&Page=0";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", page);
        body.put("end", Math.max(0, page.size() - 1));
        body.put("first_page_uri", uri);
        body.put("next_page_uri", null);
        body.put("page", 0);
        body.put("page_size", pageSize);
        body.put("previous_page_uri", null);
        body.put("start", 0);
        body.put("uri", uri);
        return TwilioJson.response(200, body);
    }
}
