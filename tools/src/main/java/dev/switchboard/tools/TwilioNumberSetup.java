package dev.switchboard.tools;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Points a Twilio phone number at a deployed stack through the IncomingPhoneNumbers API, replacing the
 * console steps: "A call comes in" → {@code /twilio/voice}, "Call status changes" →
 * {@code /twilio/voice/status}, "A message comes in" → {@code /twilio/sms}, all HTTP POST. A TwiML App or
 * SIP trunk on the number would make Twilio ignore those URLs, so an app is detached and a trunk reported.
 */
final class TwilioNumberSetup {

    /** One setting of the number: what it is now, what Switchboard needs, and how the update writes it. */
    record Change(String field, String current, String wanted, BiConsumer<IncomingPhoneNumberUpdater, String> write) {
        boolean needed() {
            return !Objects.equals(blankToNull(current), blankToNull(wanted));
        }
    }

    /** What would change on the number, and why it might still not reach Switchboard. */
    record Plan(String numberSid, String phoneNumber, String friendlyName, String baseUrl, List<Change> settings,
                List<String> warnings) {

        List<Change> changes() {
            return settings.stream().filter(Change::needed).toList();
        }
    }

    private final TwilioRestClient client;

    TwilioNumberSetup(TwilioRestClient client) {
        this.client = client;
    }

    /** Reads the number's current settings; nothing is changed. */
    Plan plan(String phoneNumber, String baseUrl) {
        String base = normalizeBaseUrl(baseUrl);
        IncomingPhoneNumber number = find(phoneNumber);
        List<Change> settings = new ArrayList<>();
        settings.add(new Change("VoiceUrl", text(number.getVoiceUrl()), base + "/twilio/voice",
                (update, url) -> update.setVoiceUrl(URI.create(url))));
        settings.add(new Change("VoiceMethod", method(number.getVoiceMethod()), "POST",
                (update, post) -> update.setVoiceMethod(HttpMethod.POST)));
        settings.add(new Change("StatusCallback", text(number.getStatusCallback()), base + "/twilio/voice/status",
                (update, url) -> update.setStatusCallback(URI.create(url))));
        settings.add(new Change("StatusCallbackMethod", method(number.getStatusCallbackMethod()), "POST",
                (update, post) -> update.setStatusCallbackMethod(HttpMethod.POST)));
        settings.add(new Change("SmsUrl", text(number.getSmsUrl()), base + "/twilio/sms",
                (update, url) -> update.setSmsUrl(URI.create(url))));
        settings.add(new Change("SmsMethod", method(number.getSmsMethod()), "POST",
                (update, post) -> update.setSmsMethod(HttpMethod.POST)));
        // With an application SID on the number, Twilio ignores the URLs above: detach it.
        settings.add(new Change("VoiceApplicationSid", number.getVoiceApplicationSid(), "",
                IncomingPhoneNumberUpdater::setVoiceApplicationSid));
        settings.add(new Change("SmsApplicationSid", number.getSmsApplicationSid(), "",
                IncomingPhoneNumberUpdater::setSmsApplicationSid));
        List<String> warnings = new ArrayList<>();
        if (!isBlank(number.getTrunkSid())) {
            warnings.add("the number belongs to SIP trunk " + number.getTrunkSid()
                    + "; calls go to the trunk, not to VoiceUrl. Remove it from the trunk in the console.");
        }
        if (base.startsWith("http://")) {
            warnings.add("the base URL is plain http; Twilio's requests and their signatures travel unencrypted.");
        }
        return new Plan(number.getSid(), text(number.getPhoneNumber()), number.getFriendlyName(), base, settings,
                warnings);
    }

    /** Writes the plan's changes in one update; returns the number as Twilio now has it. */
    IncomingPhoneNumber apply(Plan plan) {
        IncomingPhoneNumberUpdater update = IncomingPhoneNumber.updater(plan.numberSid());
        for (Change change : plan.changes()) {
            change.write().accept(update, change.wanted());
        }
        return update.update(client);
    }

    private IncomingPhoneNumber find(String phoneNumber) {
        ResourceSet<IncomingPhoneNumber> found;
        try {
            found = IncomingPhoneNumber.reader().setPhoneNumber(new PhoneNumber(phoneNumber)).limit(20).read(client);
        } catch (ApiException e) {
            throw new IllegalStateException("Twilio refused to list the account's numbers: HTTP "
                    + e.getStatusCode() + " " + e.getMessage(), e);
        }
        List<IncomingPhoneNumber> exact = new ArrayList<>();
        for (IncomingPhoneNumber number : found) {
            // The PhoneNumber filter matches on a substring; only the exact number counts.
            if (number.getPhoneNumber() != null && phoneNumber.equals(number.getPhoneNumber().getEndpoint())) {
                exact.add(number);
            }
        }
        if (exact.isEmpty()) {
            throw new IllegalStateException("No phone number " + phoneNumber + " in this Twilio account");
        }
        return exact.get(0);
    }

    /** {@code https://host/stage/} → {@code https://host/stage}; anything but an absolute http(s) URL is refused. */
    static String normalizeBaseUrl(String baseUrl) {
        String trimmed = baseUrl == null ? "" : baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL '" + baseUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("base URL must be an absolute http(s) URL without query, like "
                    + "https://abc123.execute-api.us-east-1.amazonaws.com; got '" + baseUrl + "'");
        }
        return trimmed;
    }

    private static String method(HttpMethod method) {
        return method == null ? null : method.toString();
    }

    private static String text(Object value) {
        if (value instanceof PhoneNumber number) {
            return number.getEndpoint();
        }
        return value == null ? null : value.toString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }
}
