package dev.switchboard.alerts;

import dev.switchboard.shared.config.Line;
import dev.switchboard.shared.config.Lines;
import dev.switchboard.shared.config.Settings;
import java.util.function.Predicate;

/** Who is staff (never alerted about as a customer). */
final class StaffNumbers {

    private StaffNumbers() {
    }

    static Predicate<String> of(Settings settings, Lines lines) {
        return number -> {
            if (number == null) {
                return false;
            }
            for (Line line : lines.configured()) {
                if (line.forwardTo().filter(number::equals).isPresent()) {
                    return true;
                }
            }
            return lines.fallback().forwardTo().filter(number::equals).isPresent();
        };
    }
}
