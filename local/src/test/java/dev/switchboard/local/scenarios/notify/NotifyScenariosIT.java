package dev.switchboard.local.scenarios.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.local.LocalClock;
import dev.switchboard.local.LocalStack;
import dev.switchboard.shared.jobs.CrmSyncJob;
import dev.switchboard.shared.json.Json;
import dev.switchboard.shared.testing.FakeTwilioApi;
import dev.switchboard.shared.testing.TwilioEvents;
import dev.switchboard.shared.twilio.TwilioSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Customer texts ({@code POST /api/notify}, {@code GET /api/notify/{id}}) through the local stack: the
 * template's NotifyFunction, the NotifySweeperFunction its schedule fires, sms-incoming for STOP and the
 * answers C and R, with Twilio faked by WireMock and the stack's clock moved by {@link LocalClock}.
 * The line texts from +19045550200 in Chicago time, so every date in a text is the line's.
 */
class NotifyScenariosIT {

    static final String LINE = "+19045550200";
    static final String TOKEN = "notify-token-for-the-scenarios-0123";
    static final String SECRET = "notify-secret-for-the-scenarios-0123";
    static final String BUSINESS = "Mechanic St. Augustine";
    /** TWILIO_FORWARD_TO: the line's staff, who get the alerts. */
    static final String OWNER = "+19045550177";
    static final String SWEEPER = "NotifySweeperFunction";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final AtomicLong SIDS = new AtomicLong(System.nanoTime() % 1_000_000);

    static FakeTwilioApi twilio;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        twilio = new FakeTwilioApi();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("TWILIO_HTTP_TIMEOUT_MS", "3000");
        env.put("TWILIO_FORWARD_TO", OWNER);
        env.put("TWILIO_SMS_FROM", LINE);
        env.put("BUSINESS_NAME", BUSINESS);
        env.put("LINES", "{\"" + LINE + "\": {\"timeZone\": \"America/Chicago\", \"smsFrom\": \"" + LINE + "\","
                + " \"reminders\": [\"24h\", \"2h\"], \"quietHours\": \"21:00-08:00\"}}");
        env.put("NOTIFY_TOKEN", TOKEN);
        env.put("NOTIFY_SECRET", SECRET);
        env.put("RETRY_BASE_SECONDS", "1");
        env.put("RETRY_MAX_SECONDS", "2");
        stack = LocalStack.builder()
                .template(template())
                .inheritProcessEnvironment(false)
                .twilioSandbox(false)
                .environment(env)
                .onlyFunctions(List.of("NotifyFunction", SWEEPER, "SmsIncomingFunction", "SmsStatusFunction",
                        "SmsSenderFunction", "OwnerAlertsFunction"))
                .start();
        assertThat(stack.failedFunctions()).isEmpty();
    }

    @AfterAll
    static void stop() {
        LocalClock.reset();
        if (stack != null) {
            stack.close();
        }
        if (twilio != null) {
            twilio.close();
        }
    }

    @BeforeEach
    void noon() {
        // Wed Dec 9 2026, 12:00 in Chicago: not quiet.
        LocalClock.setNow(Instant.parse("2026-12-09T18:00:00Z"));
        twilio.reset();
    }

    static Path template() {
        String configured = System.getProperty("switchboard.template");
        return (configured != null ? Path.of(configured) : Path.of("..", "template.yaml")).toAbsolutePath().normalize();
    }

    static String newPhone() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    // ------------------------------------------------------------------ HTTP

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> notify(String json) {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> signed(String json, long unixSeconds, String secret) {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .header("Content-Type", "application/json")
                .header("X-Switchboard-Signature", "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + json))
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode status(String id) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify/" + id))
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    static HttpResponse<String> twilioPost(String path, Map<String, List<String>> params) {
        String signature = TwilioSignature.compute(stack.authToken(), stack.baseUrl() + path, params);
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioEvents.encode(params))));
    }

    static HttpResponse<String> textFrom(String from, String body) {
        String sid = "SM" + String.format("%032x", SIDS.incrementAndGet());
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("AccountSid", List.of(FakeTwilioApi.ACCOUNT_SID));
        params.put("Body", List.of(body));
        params.put("From", List.of(from));
        params.put("To", List.of(LINE));
        params.put("MessageSid", List.of(sid));
        params.put("NumMedia", List.of("0"));
        String signature = TwilioSignature.compute(stack.authToken(), stack.baseUrl() + "/twilio/sms", params);
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioEvents.encode(params))));
    }

    static List<String> textsTo(String phone) {
        return twilio.sentMessages().stream().filter(m -> m.first("To").filter(phone::equals).isPresent())
                .map(m -> m.first("Body").orElse("")).toList();
    }

    static String confirm(String phone, String appointmentId, String at, String key) {
        return "{\"to\":\"" + phone + "\",\"template\":\"appointment_confirmed\",\"vars\":{\"customer\":\"Ann\","
                + "\"mechanic\":\"Mike\"},\"appointment\":{\"id\":\"" + appointmentId + "\",\"at\":\"" + at + "\","
                + "\"address\":\"12 King St\"},\"idempotencyKey\":\"" + key + "\"}";
    }

    /** Moves the stack's clock to {@code at} and runs the sweeper as its schedule would (twice: still once). */
    static void sweepAt(Instant at) {
        LocalClock.setNow(at);
        stack.fireSchedule(SWEEPER);
        stack.fireSchedule(SWEEPER);
    }

    static Optional<Map<String, AttributeValue>> item(String pk, String sk) {
        Map<String, AttributeValue> item = stack.emulators().dynamoDb().getItem(b -> b
                .tableName(stack.resources().tableName("SwitchboardTable")).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static List<CrmSyncJob> crmJobs() {
        String url = stack.resources().queueUrl("CrmQueue");
        List<CrmSyncJob> jobs = new ArrayList<>();
        while (true) {
            List<Message> batch = stack.emulators().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return jobs;
            }
            for (Message m : batch) {
                try {
                    jobs.add(Json.MAPPER.readValue(m.body(), CrmSyncJob.class));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                stack.emulators().sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    // ------------------------------------------------------------------ scenarios

    @Test
    void everyTemplateIsRenderedInTheLinesTimeZone() {
        String phone = newPhone();
        HttpResponse<String> confirmed = notify(confirm(phone, "T-1", "2026-12-11T10:30:00-06:00", "t-1"));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(json(confirmed.body()).get("status").asText()).isEqualTo("sent");
        assertThat(notify("{\"to\":\"" + phone + "\",\"template\":\"en_route\",\"vars\":{\"mechanic\":\"Mike\","
                + "\"eta\":15},\"idempotencyKey\":\"t-2\"}").statusCode()).isEqualTo(202);
        assertThat(notify("{\"to\":\"" + phone + "\",\"template\":\"job_done\",\"vars\":{\"total\":\"49.99\","
                + "\"payment_url\":\"https://pay.example.com/i/1\"},\"idempotencyKey\":\"t-3\"}").statusCode()).isEqualTo(202);
        assertThat(notify("{\"to\":\"" + phone + "\",\"template\":\"review_request\",\"vars\":{\"review_url\":"
                + "\"https://g.page/r/shop\"},\"idempotencyKey\":\"t-4\"}").statusCode()).isEqualTo(202);
        assertThat(notify("{\"to\":\"" + phone + "\",\"template\":\"custom\",\"vars\":{\"body\":\"Your car is ready"
                + " <& pick up \\\"today\\\">\"},\"idempotencyKey\":\"t-5\"}").statusCode()).isEqualTo(202);
        assertThat(notify("{\"to\":\"" + phone + "\",\"template\":\"appointment_cancelled\",\"appointment\":"
                + "{\"id\":\"T-1\"},\"idempotencyKey\":\"t-6\"}").statusCode()).isEqualTo(202);

        assertThat(textsTo(phone)).containsExactly(
                "Hi Ann, your appointment with " + BUSINESS + " is confirmed for Fri, Dec 11 at 10:30 AM at 12 King St."
                        + " Mike will be there. Reply C to confirm or R to reschedule. Reply STOP to opt out.",
                "Hi, Mike from " + BUSINESS + " is on the way and will be there in about 15 minutes.",
                "Hi, your job with " + BUSINESS + " is done. Total: $49.99. Pay here: https://pay.example.com/i/1 Thank you!",
                "Thanks for choosing " + BUSINESS + "! Would you leave us a review? https://g.page/r/shop",
                "Your car is ready <& pick up \"today\">",
                "Hi, your appointment with " + BUSINESS + " on Fri, Dec 11 at 10:30 AM is cancelled. Call or text us"
                        + " to find a new time.");
        assertThat(twilio.sentMessages()).allSatisfy(m -> assertThat(m.first("From")).contains(LINE));
        // Each text is in the customer's conversation (the activity index), newest first, as outbound texts.
        List<Map<String, AttributeValue>> timeline = stack.emulators().dynamoDb().query(b -> b
                .tableName(stack.resources().tableName("SwitchboardTable"))
                .keyConditionExpression("pk = :pk AND begins_with(sk, :a)").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CONTACT#" + phone),
                        ":a", AttributeValue.fromS("A#")))).items();
        assertThat(timeline).hasSize(6).allSatisfy(entry -> {
            assertThat(entry.get("ref").s()).startsWith("SEND#N-");
            assertThat(entry.get("category").s()).isEqualTo("text");
            assertThat(entry.get("line").s()).isEqualTo(LINE);
        });
        Map<String, AttributeValue> newest = item(timeline.get(0).get("ref").s(), "SEND").orElseThrow();
        assertThat(newest.get("actDirection").s()).isEqualTo("outbound");
        assertThat(newest.get("actSummary").s()).startsWith("Appointment cancelled: Hi, your appointment");
        // Each text is a note on the customer's lead.
        assertThat(crmJobs()).filteredOn(j -> j.phone().equals(phone)).hasSize(6)
                .allSatisfy(j -> assertThat(j).isInstanceOf(CrmSyncJob.Note.class));
    }

    @Test
    void bearerOrSignatureElse401() {
        String phone = newPhone();
        String body = "{\"to\":\"" + phone + "\",\"template\":\"custom\",\"vars\":{\"body\":\"Hello\"},"
                + "\"idempotencyKey\":\"auth-1\"}";
        long now = LocalClock.now().getEpochSecond();
        assertThat(signed(body, now - 400, SECRET).statusCode()).as("stale").isEqualTo(401);
        assertThat(signed(body, now, SECRET + "x").statusCode()).as("wrong signature").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .header("Authorization", "Bearer wrong-token-0123456789").POST(HttpRequest.BodyPublishers.ofString(body)))
                .statusCode()).as("wrong token").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .POST(HttpRequest.BodyPublishers.ofString(body))).statusCode()).as("nothing").isEqualTo(401);
        assertThat(textsTo(phone)).isEmpty();

        HttpResponse<String> ok = signed(body, now - 60, SECRET);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(notify(body.replace("auth-1", "auth-2")).statusCode()).isEqualTo(202);
        assertThat(textsTo(phone)).hasSize(2);

        // The owner's credentials too, as on every /api route: the recordings token; a made-up session is refused.
        HttpResponse<String> owner = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.recordingsToken())
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("auth-1", "auth-3"))));
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(202);
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify"))
                .header("Content-Type", "application/json").header("Origin", stack.baseUrl())
                .header("Cookie", "__Host-sb_session=" + "x".repeat(43))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("auth-1", "auth-4")))).statusCode())
                .as("unknown session").isEqualTo(401);
        assertThat(textsTo(phone)).hasSize(3);
    }

    @Test
    void theSameKeyIsAnsweredTheSameAndTextedOnce() {
        String phone = newPhone();
        String body = "{\"to\":\"" + phone + "\",\"template\":\"review_request\",\"vars\":{\"review_url\":"
                + "\"https://g.page/r/shop\"},\"idempotencyKey\":\"same-" + phone + "\"}";
        HttpResponse<String> first = notify(body);
        HttpResponse<String> again = notify(body);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json(again.body())).isEqualTo(json(first.body()));
        assertThat(textsTo(phone)).hasSize(1);

        JsonNode view = status(json(first.body()).get("id").asText());
        assertThat(view.get("status").asText()).isEqualTo("sent");
        String sid = view.get("messageSid").asText();
        assertThat(sid).startsWith("SM");
        // Twilio's delivery report reaches the status.
        Map<String, List<String>> report = new LinkedHashMap<>();
        report.put("AccountSid", List.of(FakeTwilioApi.ACCOUNT_SID));
        report.put("MessageSid", List.of(sid));
        report.put("MessageStatus", List.of("undelivered"));
        report.put("ErrorCode", List.of("30003"));
        report.put("To", List.of(phone));
        report.put("From", List.of(LINE));
        assertThat(twilioPost("/twilio/sms/status", report).statusCode()).isBetween(200, 204);
        JsonNode delivered = status(json(first.body()).get("id").asText()).get("delivery");
        assertThat(delivered.get("status").asText()).isEqualTo("undelivered");
        assertThat(delivered.get("errorCode").asText()).isEqualTo("30003");
    }

    @Test
    void anOptedOutCustomerGets409AndNothingIsStored() {
        String phone = newPhone();
        assertThat(textFrom(phone, "STOP").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = notify(confirm(phone, "O-" + phone, "2026-12-11T10:30:00-06:00", "o-" + phone));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused.body()).get("error").asText()).isEqualTo("opted_out");
        assertThat(textsTo(phone)).isEmpty();
        assertThat(item("APPT#O-" + phone, "APPT")).isEmpty();
    }

    @Test
    void inQuietHoursATextIsScheduledForEightAndSentThen() {
        LocalClock.setNow(Instant.parse("2026-12-10T04:00:00Z")); // 22:00 in Chicago
        String phone = newPhone();
        HttpResponse<String> response = notify("{\"to\":\"" + phone + "\",\"template\":\"review_request\",\"vars\":"
                + "{\"review_url\":\"https://g.page/r/shop\"},\"idempotencyKey\":\"quiet-" + phone + "\"}");
        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = json(response.body());
        assertThat(answer.get("status").asText()).isEqualTo("scheduled");
        assertThat(answer.get("sendAt").asText()).isEqualTo("2026-12-10T14:00:00Z"); // 08:00 in Chicago

        sweepAt(Instant.parse("2026-12-10T13:59:00Z"));
        assertThat(textsTo(phone)).isEmpty();
        sweepAt(Instant.parse("2026-12-10T14:00:30Z"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> textsTo(phone).size() == 1);
        // Twilio has the text before the ledger has its sid: the status reaches "sent" a moment later.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(status(answer.get("id").asText()).get("status").asText()).isEqualTo("sent"));
        assertThat(textsTo(phone)).hasSize(1);
    }

    @Test
    void remindersAt24And2HoursEachOnceThenRescheduleAndCancel() {
        String phone = newPhone();
        String id = "R-" + phone;
        // Sat Dec 12, 10:30 in Chicago = 16:30Z; now is Wed 12:00.
        HttpResponse<String> booked = notify(confirm(phone, id, "2026-12-12T10:30:00-06:00", "r1-" + phone));
        assertThat(booked.statusCode()).isEqualTo(202);
        JsonNode view = status(json(booked.body()).get("id").asText());
        assertThat(view.get("reminders")).extracting(r -> r.get("sendAt").asText())
                .containsExactly("2026-12-11T16:30:00Z", "2026-12-12T14:30:00Z");

        sweepAt(Instant.parse("2026-12-11T16:30:30Z"));
        sweepAt(Instant.parse("2026-12-11T16:31:30Z"));
        assertThat(textsTo(phone)).hasSize(2).last().isEqualTo("Reminder: your appointment with " + BUSINESS
                + " is Sat, Dec 12 at 10:30 AM at 12 King St. Reply C to confirm or R to reschedule.");
        sweepAt(Instant.parse("2026-12-12T14:30:30Z"));
        assertThat(textsTo(phone)).hasSize(3);
        sweepAt(Instant.parse("2026-12-12T15:00:00Z"));
        assertThat(textsTo(phone)).hasSize(3);
    }

    @Test
    void aRescheduleKeepsOnlyTheNewRemindersAndACancelLeavesNone() {
        String phone = newPhone();
        String id = "S-" + phone;
        notify(confirm(phone, id, "2026-12-12T10:30:00-06:00", "s1-" + phone));
        HttpResponse<String> moved = notify(confirm(phone, id, "2026-12-14T09:00:00-06:00", "s2-" + phone));
        assertThat(json(moved.body()).get("status").asText()).isEqualTo("sent");

        sweepAt(Instant.parse("2026-12-11T16:31:00Z")); // the old 24 h reminder's time
        sweepAt(Instant.parse("2026-12-12T14:31:00Z")); // the old 2 h reminder's time
        assertThat(textsTo(phone)).hasSize(2);
        sweepAt(Instant.parse("2026-12-13T15:00:30Z")); // the new 24 h reminder (Sun 09:00)
        assertThat(textsTo(phone)).hasSize(3).last().asString().contains("Mon, Dec 14 at 9:00 AM");

        HttpResponse<String> cancelled = notify("{\"to\":\"" + phone + "\",\"template\":\"appointment_cancelled\","
                + "\"appointment\":{\"id\":\"" + id + "\"},\"idempotencyKey\":\"s3-" + phone + "\"}");
        assertThat(cancelled.statusCode()).isEqualTo(202);
        sweepAt(Instant.parse("2026-12-14T13:00:30Z")); // the new 2 h reminder's time
        assertThat(textsTo(phone)).hasSize(4).last().asString().contains("is cancelled");
        assertThat(item("APPT#" + id, "APPT").orElseThrow().get("status").s()).isEqualTo("cancelled");
    }

    @Test
    void aReminderAfterTheCustomerTextedStopIsNotSent() {
        String phone = newPhone();
        HttpResponse<String> booked = notify(confirm(phone, "P-" + phone, "2026-12-12T10:30:00-06:00", "p-" + phone));
        assertThat(textFrom(phone, "STOP").statusCode()).isEqualTo(200);
        sweepAt(Instant.parse("2026-12-11T16:31:00Z"));
        sweepAt(Instant.parse("2026-12-12T14:31:00Z"));
        assertThat(textsTo(phone)).hasSize(1);
        assertThat(status(json(booked.body()).get("id").asText()).get("reminders"))
                .extracting(r -> r.get("status").asText()).containsOnly("skipped");
    }

    @Test
    void answersCAndR() {
        String phone = newPhone();
        String id = "C-" + phone;
        notify(confirm(phone, id, "2026-12-12T10:30:00-06:00", "c1-" + phone));
        crmJobs();
        HttpResponse<String> c = textFrom(phone, "C");
        assertThat(c.body()).contains("Thanks, you're confirmed for Sat, Dec 12 at 10:30 AM");
        assertThat(item("APPT#" + id, "APPT").orElseThrow().get("status").s()).isEqualTo("confirmed");
        assertThat(crmJobs()).filteredOn(j -> j.phone().equals(phone)).singleElement()
                .satisfies(j -> assertThat(((CrmSyncJob.Note) j).text()).contains("confirmed appointment " + id));
        // The owner is told, through the alert queue and the outbound pipeline, starting with the reply tag.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> textsTo(OWNER).stream()
                .anyMatch(b -> b.matches("#[2-9A-Z]{2,3} .*CONFIRMED Sat, Dec 12 at 10:30 AM")));

        HttpResponse<String> r = textFrom(phone, "R");
        assertThat(r.body()).contains("We'll call you to find a new time");
        assertThat(item("APPT#" + id, "APPT").orElseThrow().get("status").s()).isEqualTo("reschedule");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> textsTo(OWNER).stream()
                .anyMatch(b -> b.matches("#[2-9A-Z]{2,3} .*wants to RESCHEDULE Sat, Dec 12 at 10:30 AM - call them")));
        assertThat(textsTo(OWNER)).filteredOn(b -> b.contains("CONFIRMED") || b.contains("RESCHEDULE")).hasSize(2);

        // Anything else is a text for the owner, as before.
        HttpResponse<String> other = textFrom(phone, "Can we do 11 instead?");
        assertThat(other.body()).doesNotContain("<Message>");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> textsTo(OWNER).stream().anyMatch(b -> b.contains("Can we do 11 instead?")));
    }

    @Test
    void badInputIs4xxAndNothingIsStored() {
        String phone = newPhone();
        assertThat(notify("{\"to\":").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = notify("{\"to\":\"" + phone + "\",\"template\":\"custom\",\"vars\":{\"body\":"
                + "\"x\"},\"idempotencyKey\":\"b-1\",\"sendNow\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).get("errors").has("sendNow")).isTrue();
        HttpResponse<String> types = notify("{\"to\":5551234,\"template\":[\"custom\"],\"idempotencyKey\":true}");
        assertThat(types.statusCode()).isEqualTo(400);
        assertThat(json(types.body()).get("errors").size()).isEqualTo(3);
        String big = "{\"to\":\"" + phone + "\",\"template\":\"custom\",\"vars\":{\"body\":\"" + "x".repeat(17_000)
                + "\"},\"idempotencyKey\":\"b-2\"}";
        assertThat(notify(big).statusCode()).isEqualTo(413);
        HttpResponse<String> past = notify(confirm(phone, "B-" + phone, "2026-12-01T10:30:00-06:00", "b-3"));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(json(past.body()).get("errors").get("appointment.at").asText()).isEqualTo("is in the past");
        assertThat(textsTo(phone)).isEmpty();
        assertThat(item("APPT#B-" + phone, "APPT")).isEmpty();
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/api/notify/N-00000000000000000000"))
                .header("Authorization", "Bearer " + TOKEN).GET());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

}
