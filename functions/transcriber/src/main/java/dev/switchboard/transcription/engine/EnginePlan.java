package dev.switchboard.transcription.engine;

import dev.switchboard.shared.config.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engines to try, in order, from {@code TRANSCRIBER}: {@code twilio-intelligence},
 * {@code openai-whisper}, {@code none}, or a comma-separated list ({@code twilio-intelligence,openai-whisper}).
 * Unset: {@code twilio-intelligence} when {@code CI_SERVICE_SID} is set, else {@code none}. The next engine
 * runs when one fails for good or cannot take the recording; {@code none} may only end a list.
 */
public record EnginePlan(List<EngineName> engines) {

    public EnginePlan {
        engines = List.copyOf(engines);
    }

    public static EnginePlan parse(Optional<String> setting, boolean ciServiceSidSet) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            return new EnginePlan(List.of(ciServiceSidSet ? EngineName.TWILIO_INTELLIGENCE : EngineName.NONE));
        }
        List<EngineName> engines = new ArrayList<>();
        for (String part : setting.get().split(",")) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            EngineName name = EngineName.fromId(id).orElseThrow(() -> new ConfigException("TRANSCRIBER names '" + id
                    + "', which is not an engine: use twilio-intelligence, openai-whisper or none,"
                    + " or a comma-separated list of them"));
            if (engines.contains(name)) {
                throw new ConfigException("TRANSCRIBER names " + id + " twice: '" + setting.get() + "'");
            }
            if (engines.contains(EngineName.NONE)) {
                throw new ConfigException("TRANSCRIBER: 'none' can only be the last engine of the list, got '"
                        + setting.get() + "'");
            }
            engines.add(name);
        }
        if (engines.contains(EngineName.TWILIO_INTELLIGENCE) && !ciServiceSidSet) {
            throw new ConfigException("TRANSCRIBER includes twilio-intelligence but CI_SERVICE_SID is not set: set it to"
                    + " the Conversational Intelligence service SID (GA...)");
        }
        return new EnginePlan(engines);
    }

    public boolean uses(EngineName name) {
        return engines.contains(name);
    }

    /** The engines after {@code name} in the list (what runs when {@code name} fails). */
    public List<EngineName> after(EngineName name) {
        int at = engines.indexOf(name);
        return at < 0 ? List.of() : engines.subList(at + 1, engines.size());
    }

    @Override
    public String toString() {
        return String.join(",", Arrays.stream(engines.toArray(EngineName[]::new)).map(EngineName::id).toList());
    }
}
