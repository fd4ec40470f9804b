package dev.switchboard.shared.alerts;

import dev.switchboard.shared.storage.Item;
import dev.switchboard.shared.storage.Table;
import dev.switchboard.shared.storage.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The customer of the most recent alert each staff member got on each line, for a reply without a tag:
 * {@code LASTALERT#<staff>} / {@code <line>} → {@code customer}, {@code at} (written only here; kept
 * {@link #WINDOW}).
 */
public final class LastAlerts {

    /** How long a tagless reply goes to the last alerted customer. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final Table table;

    public LastAlerts(Table table) {
        this.table = table;
    }

    static String pk(String staff) {
        return "LASTALERT#" + staff;
    }

    /** Notes an alert about {@code customer} sent to {@code staff} on {@code line} at {@code at}. */
    public void alerted(String staff, String line, String customer, Instant at) {
        table.update(Update.item(pk(staff), line)
                .set("customer", customer)
                .set("at", at)
                .expiresAt(at.plus(WINDOW)));
    }

    /**
     * Notes an alert about a caller who withheld their number: a reply without a tag then goes to nobody (the
     * staff member gets the help text) rather than to the customer of an older alert.
     */
    public void alertedWithheld(String staff, String line, Instant at) {
        table.update(Update.item(pk(staff), line)
                .remove("customer")
                .set("withheld", true)
                .set("at", at)
                .expiresAt(at.plus(WINDOW)));
    }

    /** The customer of the last alert to {@code staff} on {@code line} within {@link #WINDOW} of {@code now}. */
    public Optional<String> lastCustomer(String staff, String line, Instant now) {
        return table.get(pk(staff), line)
                .filter(item -> Item.string(item, "at").map(Instant::parse)
                        .map(at -> !at.isBefore(now.minus(WINDOW)) && !at.isAfter(now.plus(Duration.ofMinutes(5))))
                        .orElse(false))
                .flatMap(item -> Item.string(item, "customer"));
    }
}
