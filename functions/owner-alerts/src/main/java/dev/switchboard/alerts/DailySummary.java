package dev.switchboard.alerts;

import dev.switchboard.shared.activity.ActivityIndex;
import dev.switchboard.shared.alerts.AlertSettings;
import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.logging.PhoneMask;
import dev.switchboard.shared.phone.HumanPhone;
import dev.switchboard.shared.sms.OutgoingText;
import dev.switchboard.shared.sms.SendResult;
import dev.switchboard.shared.sms.TextSender;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily summary: run every 15 minutes (EventBridge Scheduler, {@code rate(15 minutes)}), it texts each
 * line's {@code alertTo} once per local date, at the first run after the line's {@code summaryAt} in the
 * line's own time zone (so DST and time zones need no cron per line): yesterday's calls answered, missed and
 * voicemails, the quotes and their total estimate, and the customers still waiting for a callback (a missed
 * call or voicemail nobody has called or texted back since), at most {@value #NAMED} named. Once per line,
 * date and staff member: the text key {@code summary:<line>:<date>:<staff>}.
 */
public final class DailySummary {

    static final int NAMED = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DailySummary.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE MMM d", Locale.US);

    /** Yesterday on one line, counted. */
    record Day(int answered, int missed, int voicemails, int quotes, BigDecimal quoted, int unpriced,
               List<String> waiting, int moreWaiting) {
    }

    /** Reads one line's day from the activity index. */
    interface Activity {
        Day day(String line, Instant from, Instant to, Instant now);
    }

    private final Lines lines;
    private final Supplier<AlertSettings> settings;
    private final Activity activity;
    private final TextSender texts;
    private final String statusCallback;
    private final Clock clock;

    public DailySummary(Lines lines, Supplier<AlertSettings> settings, Activity activity, TextSender texts,
                        String statusCallback, Clock clock) {
        this.lines = lines;
        this.settings = settings;
        this.activity = activity;
        this.texts = texts;
        this.statusCallback = statusCallback;
        this.clock = clock;
    }

    /** @return how many summaries were sent now */
    public int run() {
        Instant now = clock.instant();
        int sent = 0;
        for (AlertSettings.LineAlerts config : settings.get().all()) {
            if (config.summaryAt().isEmpty() || config.line().isEmpty() || config.alertTo().isEmpty()) {
                continue;
            }
            String number = config.line().get();
            Line line = lines.forNumber(number);
            ZonedDateTime local = now.atZone(line.timeZone());
            if (local.toLocalTime().isBefore(config.summaryAt().get())) {
                continue;
            }
            LocalDate today = local.toLocalDate();
            LocalDate yesterday = today.minusDays(1);
            Instant from = yesterday.atStartOfDay(line.timeZone()).toInstant();
            Instant to = today.atStartOfDay(line.timeZone()).toInstant();
            String body;
            try {
                body = text(line.businessName(), yesterday, activity.day(number, from, to, now));
            } catch (RuntimeException e) {
                LOG.error("Daily summary of line {} could not be read ({}); the next run tries again",
                        PhoneMask.mask(number), e.getMessage());
                continue;
            }
            for (String staff : config.alertTo()) {
                SendResult result = texts.send(new OutgoingText("summary:" + number + ":" + today + ":" + staff,
                        "alert-summary", staff, Optional.of(number), Optional.empty(), body, statusCallback));
                if (result.status() != SendResult.Status.DUPLICATE) {
                    LOG.info("Daily summary of line {} for {} to {}: {}", PhoneMask.mask(number), yesterday,
                            PhoneMask.mask(staff), result.status());
                    sent++;
                }
            }
        }
        return sent;
    }

    static String text(String business, LocalDate day, Day d) {
        StringBuilder text = new StringBuilder(AlertTexts.clean(business, 40)).append(", ").append(DAY.format(day))
                .append(": ").append(d.answered()).append(d.answered() == 1 ? " call answered, " : " calls answered, ")
                .append(d.missed()).append(" missed, ").append(d.voicemails())
                .append(d.voicemails() == 1 ? " voicemail; " : " voicemails; ")
                .append(d.quotes()).append(d.quotes() == 1 ? " quote" : " quotes");
        if (d.quotes() > 0) {
            text.append(" ($").append(d.quoted().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
            if (d.unpriced() > 0) {
                text.append(", ").append(d.unpriced()).append(" without a price");
            }
            text.append(')');
        }
        text.append('.');
        if (d.waiting().isEmpty()) {
            text.append(" Nobody is waiting for a callback.");
        } else {
            text.append(" Waiting for a callback: ").append(String.join(", ", d.waiting()));
            if (d.moreWaiting() > 0) {
                text.append(" and ").append(d.moreWaiting()).append(" more");
            }
            text.append('.');
        }
        return text.toString();
    }

    /** The activity index: the line's feed of the day, and its needs-reply items. */
    static Activity of(ActivityIndex index, dev.switchboard.shared.contacts.ContactProfiles profiles) {
        return (line, from, to, now) -> {
            int answered = 0;
            int missed = 0;
            int voicemails = 0;
            int quotes = 0;
            int unpriced = 0;
            BigDecimal quoted = BigDecimal.ZERO;
            String cursor = null;
            boolean older = false;
            do {
                ActivityIndex.Page page = index.page(ActivityIndex.Feed.ALL, line, cursor, 100);
                for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> event : page.events()) {
                    Instant at = at(event);
                    if (at == null || !at.isBefore(to)) {
                        continue;
                    }
                    if (at.isBefore(from)) {
                        older = true;
                        break;
                    }
                    String category = string(event, "actCategory");
                    boolean inbound = "inbound".equals(string(event, "actDirection"));
                    switch (category == null ? "" : category) {
                        case "call" -> answered += inbound ? 1 : 0;
                        case "missed" -> missed++;
                        case "voicemail" -> voicemails++;
                        case "quote" -> {
                            quotes++;
                            Optional<BigDecimal> amount = estimate(event);
                            if (amount.isPresent()) {
                                quoted = quoted.add(amount.get());
                            } else {
                                unpriced++;
                            }
                        }
                        default -> {
                        }
                    }
                }
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null && !older);

            Map<String, String> waiting = new LinkedHashMap<>();
            cursor = null;
            do {
                ActivityIndex.Page page = index.page(ActivityIndex.Feed.NEEDS_REPLY, line, cursor, 100);
                for (Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> event : page.events()) {
                    String category = string(event, "actCategory");
                    String contact = string(event, "actContact");
                    Instant at = at(event);
                    if (contact == null || at == null || !at.isBefore(now)
                            || !("missed".equals(category) || "voicemail".equals(category))) {
                        continue;
                    }
                    waiting.putIfAbsent(contact, profiles.name(contact).map(n -> AlertTexts.clean(n, 30) + " ").orElse("")
                            + HumanPhone.format(contact));
                }
                cursor = page.nextCursor().orElse(null);
            } while (cursor != null);
            List<String> named = new ArrayList<>(waiting.values());
            int more = Math.max(0, named.size() - NAMED);
            return new Day(answered, missed, voicemails, quotes, quoted, unpriced,
                    List.copyOf(named.subList(0, Math.min(NAMED, named.size()))), more);
        };
    }

    private static String string(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item,
                                 String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Instant at(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> event) {
        String at = string(event, "actAt");
        try {
            return at == null ? null : Instant.parse(at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A quote's estimate on its lead item: {@code estimate.amount} ("50.00"); empty when unpriced. */
    private static Optional<BigDecimal> estimate(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> lead) {
        var estimate = lead.get("estimate");
        if (estimate == null || !estimate.hasM() || estimate.m().get("amount") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(estimate.m().get("amount").s()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
