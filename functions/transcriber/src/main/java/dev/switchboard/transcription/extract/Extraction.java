package dev.switchboard.transcription.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the caller said, as fields. Every field is optional; each comes with the sentence it came from.
 *
 * @param urgency urgency terms heard (tow, stranded, won't start, ...), each with its sentence, in the
 *                order first heard
 */
public record Extraction(Optional<ExtractedField> name, Optional<ExtractedField> callbackNumber,
                         Optional<ExtractedField> vehicleYear, Optional<ExtractedField> vehicleMake,
                         Optional<ExtractedField> vehicleModel, Optional<ExtractedField> service,
                         List<ExtractedField> urgency) {

    public static final String NAME = "name";
    public static final String CALLBACK_NUMBER = "callbackNumber";
    public static final String VEHICLE_YEAR = "vehicleYear";
    public static final String VEHICLE_MAKE = "vehicleMake";
    public static final String VEHICLE_MODEL = "vehicleModel";
    public static final String SERVICE = "service";
    public static final String URGENCY = "urgency";

    /** The field names, in the order they are reported. */
    public static final List<String> FIELDS = List.of(NAME, CALLBACK_NUMBER, VEHICLE_YEAR, VEHICLE_MAKE,
            VEHICLE_MODEL, SERVICE, URGENCY);

    public Extraction {
        urgency = List.copyOf(urgency);
    }

    public static Extraction empty() {
        return new Extraction(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    public List<String> urgencyTerms() {
        List<String> terms = new ArrayList<>();
        urgency.forEach(u -> terms.add(u.value()));
        return Collections.unmodifiableList(terms);
    }

    /**
     * Every field found, by name, in {@link #FIELDS} order; urgency as one entry whose value lists the
     * terms ("tow, stranded") with the sentence of the first. This is what is stored on the recording.
     */
    public Map<String, ExtractedField> asMap() {
        Map<String, ExtractedField> map = new LinkedHashMap<>();
        name.ifPresent(f -> map.put(NAME, f));
        callbackNumber.ifPresent(f -> map.put(CALLBACK_NUMBER, f));
        vehicleYear.ifPresent(f -> map.put(VEHICLE_YEAR, f));
        vehicleMake.ifPresent(f -> map.put(VEHICLE_MAKE, f));
        vehicleModel.ifPresent(f -> map.put(VEHICLE_MODEL, f));
        service.ifPresent(f -> map.put(SERVICE, f));
        if (!urgency.isEmpty()) {
            map.put(URGENCY, new ExtractedField(String.join(", ", urgencyTerms()), urgency.get(0).sentence()));
        }
        return map;
    }

    /** "2014 Honda Civic", "Honda", "2016 Jeep Grand Cherokee", or empty when no make or model was heard. */
    public Optional<String> vehicleDescription() {
        if (vehicleMake.isEmpty() && vehicleModel.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        vehicleYear.ifPresent(y -> text.append(y.value()).append(' '));
        vehicleMake.ifPresent(m -> text.append(m.value()).append(' '));
        vehicleModel.ifPresent(m -> text.append(m.value()));
        return Optional.of(text.toString().trim());
    }
}
