package dev.switchboard.inbox;

import dev.switchboard.shared.activity.ActivityIndex;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The inbox's rules: the feed, a customer's page, texting a customer from a line, "done", and the numbers
 * behind the 30-day chart. Reads go through {@link ActivityStore} (the activity index: queries of index
 * partitions plus BatchGetItem, never a scan) and {@link ContactRecords}.
 */
public final class InboxService {

    public static final int MAX_TEXT_LENGTH = 1600;
    static final int MAX_TRANSCRIPT_BYTES = 256 * 1024;
    /** Events read at most for the statistics (a busy shop's 90 days fit well below it). */
    static final int MAX_STATS_EVENTS = 20_000;
    private static final Logger LOG = LoggerFactory.getLogger(InboxService.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A text to send from the inbox. */
    public record InboxText(String to, String body, Optional<String> line, String idempotencyKey,
                            Optional<String> sentBy) {
    }

    public sealed interface TextOutcome {
        record Accepted(String id, String status) implements TextOutcome {
        }

        record OptedOut() implements TextOutcome {
        }

        record Capped() implements TextOutcome {
        }

        record UnknownLine() implements TextOutcome {
        }

        record CannotText(String reason) implements TextOutcome {
        }

        record Failed(String reason) implements TextOutcome {
        }
    }

    private final ActivityStore activity;
    private final ContactRecords contacts;
    private final TextSender texts;
    private final Lines lines;
    private final StaffDirectory staff;
    private final Optional<String> messagingServiceSid;
    private final String smsStatusCallback;
    private final String recordingsBucket;
    private final Duration linkLifetime;
    private final Clock clock;

    public InboxService(ActivityStore activity, ContactRecords contacts, TextSender texts, Lines lines,
                        StaffDirectory staff, Optional<String> messagingServiceSid, String smsStatusCallback,
                        String recordingsBucket, Duration linkLifetime, Clock clock) {
        this.activity = activity;
        this.contacts = contacts;
        this.texts = texts;
        this.lines = lines;
        this.staff = staff;
        this.messagingServiceSid = messagingServiceSid;
        this.smsStatusCallback = smsStatusCallback;
        this.recordingsBucket = recordingsBucket;
        this.linkLifetime = linkLifetime;
        this.clock = clock;
    }

    /** {@code GET /api/activity}. @throws IllegalArgumentException for a bad cursor */
    public ObjectNode activity(ActivityIndex.Feed filter, Optional<String> line, Optional<String> cursor, int limit) {
        ActivityStore.Page page = activity.feed(filter, line, cursor, limit);
        ObjectNode body = NODES.objectNode();
        body.set("items", items(page.events(), filter == ActivityIndex.Feed.NEEDS_REPLY));
        body.put("nextCursor", page.nextCursor().orElse(null));
        return body;
    }

    private ArrayNode items(List<Map<String, AttributeValue>> events, boolean allNeedReply) {
        Set<String> phones = new HashSet<>();
        events.forEach(e -> ActivityViews.contact(e).ifPresent(phones::add));
        Map<String, String> names = phones.isEmpty() ? Map.of() : activity.names(phones);
        Set<String> waiting = allNeedReply || events.isEmpty() ? Set.of() : activity.needingReply(events);
        ArrayNode items = NODES.arrayNode();
        for (Map<String, AttributeValue> event : events) {
            String pk = Item.string(event, Table.PK).orElse("");
            Optional<String> name = ActivityViews.contact(event).map(names::get);
            items.add(ActivityViews.item(event, name, allNeedReply || waiting.contains(pk)));
        }
        return items;
    }

    /** {@code GET /api/contacts/{phone}}; empty for a number Switchboard has never heard of. */
    public Optional<ObjectNode> contact(String phone, Optional<String> cursor, int limit) {
        ActivityStore.Page page = activity.timeline(phone, cursor, limit);
        Optional<Map<String, AttributeValue>> profile = contacts.profile(phone);
        Optional<Map<String, AttributeValue>> lead = contacts.latestLead(phone);
        boolean optedOut = contacts.optedOut(phone);
        if (page.events().isEmpty() && profile.isEmpty() && lead.isEmpty() && cursor.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = NODES.objectNode();
        body.put("phone", phone);
        Optional<String> name = profile.flatMap(p -> Item.string(p, "name"))
                .or(() -> lead.flatMap(l -> Optional.ofNullable(l.get("contact")))
                        .filter(AttributeValue::hasM).flatMap(c -> Item.string(c.m(), "name")));
        body.put("name", name.orElse(null));
        body.put("optedOut", optedOut);
        body.set("lead", lead.map(InboxService::leadView).orElse(null));
        body.put("crmId", profile.flatMap(p -> Item.string(p, "crmId")).orElse(null));
        Set<String> waiting = activity.needingReply(page.events());
        ArrayNode timeline = body.putArray("timeline");
        for (Map<String, AttributeValue> event : page.events()) {
            ObjectNode item = ActivityViews.item(event, name, waiting.contains(Item.string(event, Table.PK).orElse("")));
            String type = item.path("type").asText();
            if (type.equals("call") || type.equals("voicemail")) {
                addRecording(event, item);
            }
            timeline.add(item);
        }
        body.put("nextCursor", page.nextCursor().orElse(null));
        return Optional.of(body);
    }

    private static ObjectNode leadView(Map<String, AttributeValue> lead) {
        ObjectNode view = NODES.objectNode();
        view.put("id", Item.string(lead, "leadId").orElse(null));
        view.put("createdAt", Item.string(lead, "createdAt").orElse(null));
        view.put("service", Item.string(lead, "service").orElse(null));
        view.put("status", Item.string(lead, "status").orElse(null));
        view.set("vehicle", lead.containsKey("vehicle") ? ActivityViews.json(lead.get("vehicle")) : null);
        view.set("estimate", lead.containsKey("estimate") ? ActivityViews.json(lead.get("estimate")) : null);
        view.put("notes", Item.string(lead, "notes").orElse(null));
        return view;
    }

    /** The call's recording (a presigned link) and transcript, when it has any. */
    private void addRecording(Map<String, AttributeValue> call, ObjectNode item) {
        Optional<String> sid = Item.string(call, "voicemailRecordingSid").or(() -> Item.string(call, "lastRecordingSid"))
                .or(() -> Item.string(call, "transcriptRecordingSid"));
        if (sid.isEmpty()) {
            return;
        }
        Optional<Map<String, AttributeValue>> recording;
        try {
            recording = contacts.recording(sid.get());
        } catch (RuntimeException e) {
            LOG.warn("Inbox: recording {} could not be read: {}", sid.get(), e.getMessage());
            return;
        }
        if (recording.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> rec = recording.get();
        String bucket = Item.string(rec, "s3Bucket").orElse(recordingsBucket);
        Optional<String> key = Item.string(rec, "s3Key");
        if (key.isPresent()) {
            ObjectNode audio = item.putObject("recording");
            audio.put("sid", sid.get());
            audio.put("audioUrl", contacts.presignedGet(bucket, key.get(),
                    Item.string(rec, "contentType").orElse("audio/mpeg"), linkLifetime));
            audio.put("expiresAt", clock.instant().plus(linkLifetime).toString());
            Item.number(rec, "durationSeconds").ifPresent(d -> audio.put("durationSeconds", d));
        }
        Optional<String> textKey = Item.string(rec, "transcriptTextKey");
        AttributeValue extracted = rec.get("extracted") != null ? rec.get("extracted") : call.get("extracted");
        if (textKey.isPresent() || extracted != null) {
            ObjectNode transcript = item.putObject("transcript");
            String text = null;
            if (textKey.isPresent()) {
                try {
                    text = contacts.readText(bucket, textKey.get(), MAX_TRANSCRIPT_BYTES);
                } catch (RuntimeException e) {
                    LOG.warn("Inbox: transcript s3://{}/{} could not be read: {}", bucket, textKey.get(), e.getMessage());
                }
            }
            transcript.put("text", text != null ? text : Item.string(rec, "transcriptExcerpt").orElse(null));
            ObjectNode fields = transcript.putObject("extracted");
            for (String field : List.of("name", "vehicle", "service", "urgency")) {
                fields.put(field, extractedValue(extracted, field).orElse(null));
            }
        }
    }

    private static Optional<String> extractedValue(AttributeValue extracted, String field) {
        if (extracted == null || !extracted.hasM() || !extracted.m().containsKey(field)) {
            return Optional.empty();
        }
        AttributeValue value = extracted.m().get(field);
        if (value.s() != null) {
            return Optional.of(value.s());
        }
        return value.hasM() ? Item.string(value.m(), "value") : Optional.empty();
    }

    /** The customer's name: from their profile, else from their latest quote. */
    public Optional<String> contactName(String phone) {
        Optional<String> name = contacts.profile(phone).flatMap(p -> Item.string(p, "name"));
        return name.or(() -> contacts.latestLead(phone).flatMap(l -> Optional.ofNullable(l.get("contact")))
                .filter(AttributeValue::hasM).flatMap(c -> Item.string(c.m(), "name")));
    }

    /** The line a text or call goes out on: the one asked for, else the person's, else the first configured. */
    public Optional<Line> line(Optional<String> requested, Optional<String> staffPhone) {
        if (requested.isPresent()) {
            return lines.configured().stream().filter(l -> l.number().filter(requested.get()::equals).isPresent())
                    .findFirst().or(() -> lines.configured().isEmpty()
                            && lines.fallback().smsFrom().filter(requested.get()::equals).isPresent()
                            ? Optional.of(lines.fallback()) : Optional.empty());
        }
        Optional<Line> own = staffPhone.flatMap(staff::member).map(StaffDirectory.Member::line);
        return own.or(() -> lines.configured().stream().findFirst()).or(() -> Optional.of(lines.fallback()));
    }

    /** {@code POST /api/contacts/{phone}/texts}: sent through the outbound pipeline, once per idempotency key. */
    public TextOutcome text(InboxText request) {
        Optional<Line> line = line(request.line(), request.sentBy());
        if (line.isEmpty()) {
            return new TextOutcome.UnknownLine();
        }
        Optional<String> from = line.get().smsFrom().or(() -> line.get().number());
        if (from.isEmpty() && messagingServiceSid.isEmpty()) {
            return new TextOutcome.Failed("no sending number: set TWILIO_SMS_FROM or the line's smsFrom");
        }
        String key = "inbox:" + digest(request.to() + "|" + request.idempotencyKey());
        // Filed in the conversation by MessageRecords when Twilio takes it (now or from the retry queue).
        OutgoingText text = new OutgoingText(key, "inbox-reply", request.to(), from,
                from.isPresent() ? Optional.empty() : messagingServiceSid, request.body(), smsStatusCallback,
                request.sentBy());
        SendResult result = texts.send(text);
        String lineNumber = line.get().number().or(() -> from).orElse("");
        switch (result.status()) {
            case SENT -> {
                Instant now = clock.instant();
                try {
                    activity.textSent(result.sid().orElseThrow(), request.to(), lineNumber, text.body(),
                            request.sentBy(), now);
                } catch (RuntimeException e) {
                    LOG.error("Inbox: text {} to {} was sent but its activity could not be recorded: {}", key,
                            PhoneMask.mask(request.to()), e.getMessage());
                }
                return new TextOutcome.Accepted(key, "sent");
            }
            case QUEUED -> {
                replied(request.to());
                return new TextOutcome.Accepted(key, "queued");
            }
            case DUPLICATE -> {
                return new TextOutcome.Accepted(key, result.sent() ? "sent" : result.queued() ? "queued" : result.detail());
            }
            case OPTED_OUT -> {
                return new TextOutcome.OptedOut();
            }
            case CAPPED -> {
                return new TextOutcome.Capped();
            }
            case INVALID_NUMBER -> {
                return new TextOutcome.CannotText(result.detail());
            }
            default -> {
                return new TextOutcome.Failed(result.detail());
            }
        }
    }

    private void replied(String contact) {
        try {
            activity.businessReplied(contact, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Inbox: needs-reply of {} could not be cleared: {}", PhoneMask.mask(contact), e.getMessage());
        }
    }

    /** {@code POST /api/activity/{id}/done}; false when there is no such event. */
    public boolean done(String eventPk) {
        return activity.markDone(eventPk, clock.instant());
    }

    /**
     * {@code GET /api/stats}: per day of the line's time zone, answered and missed calls, voicemails, texts in and
     * quotes, oldest day first; and the median minutes from a missed call, voicemail, text or quote to the next
     * call or text to that customer.
     */
    public ObjectNode stats(int days, Optional<String> lineNumber) {
        ZoneId zone = lineNumber.map(lines::forNumber).orElseGet(() -> lines.configured().stream().findFirst()
                .orElse(lines.fallback())).timeZone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(days - 1L);
        Instant since = first.atStartOfDay(zone).toInstant();
        Map<LocalDate, int[]> counts = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            counts.put(d, new int[5]);
        }
        List<Map<String, AttributeValue>> events = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        outer:
        do {
            ActivityStore.Page page = activity.feed(ActivityIndex.Feed.ALL, lineNumber, cursor, 200);
            for (Map<String, AttributeValue> event : page.events()) {
                Optional<Instant> at = ActivityViews.at(event).flatMap(InboxService::instant);
                if (at.isEmpty()) {
                    continue;
                }
                if (at.get().isBefore(since)) {
                    break outer;
                }
                events.add(event);
            }
            cursor = page.nextCursor();
        } while (cursor.isPresent() && events.size() < MAX_STATS_EVENTS);
        List<Long> waits = new ArrayList<>();
        Map<String, Instant> waitingSince = new HashMap<>();
        // Oldest first, so each customer's wait ends at the business's next call or text to them.
        for (int i = events.size() - 1; i >= 0; i--) {
            Map<String, AttributeValue> event = events.get(i);
            Instant at = ActivityViews.at(event).flatMap(InboxService::instant).orElseThrow();
            int[] day = counts.get(LocalDate.ofInstant(at, zone));
            String type = ActivityViews.type(event);
            boolean outbound = "outbound".equals(ActivityViews.direction(event));
            Optional<String> contact = ActivityViews.contact(event);
            boolean wantsReply = false;
            if (day != null) {
                switch (type) {
                    case "call" -> {
                        if (!outbound) {
                            boolean missed = ActivityViews.missed(event);
                            day[missed ? 1 : 0]++;
                            wantsReply = missed;
                        }
                    }
                    case "voicemail" -> {
                        day[2]++;
                        wantsReply = true;
                    }
                    case "text" -> {
                        if (!outbound) {
                            day[3]++;
                            wantsReply = true;
                        }
                    }
                    case "quote" -> {
                        day[4]++;
                        wantsReply = true;
                    }
                    default -> {
                    }
                }
            }
            if (contact.isEmpty()) {
                continue;
            }
            if (outbound && (type.equals("call") || type.equals("text"))) {
                Instant since0 = waitingSince.remove(contact.get());
                if (since0 != null) {
                    waits.add(Duration.between(since0, at).toMinutes());
                }
            } else if (wantsReply) {
                waitingSince.putIfAbsent(contact.get(), at);
            }
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("days");
        counts.forEach((date, c) -> {
            ObjectNode day = list.addObject();
            day.put("date", date.toString());
            day.put("answered", c[0]);
            day.put("missed", c[1]);
            day.put("voicemails", c[2]);
            day.put("textsIn", c[3]);
            day.put("quotes", c[4]);
        });
        if (waits.isEmpty()) {
            body.putNull("medianMinutesToCallback");
        } else {
            waits.sort(Long::compare);
            int n = waits.size();
            double median = n % 2 == 1 ? waits.get(n / 2) : (waits.get(n / 2 - 1) + waits.get(n / 2)) / 2.0;
            body.put("medianMinutesToCallback", median);
        }
        body.put("timeZone", zone.getId());
        return body;
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
