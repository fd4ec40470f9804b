package dev.switchboard.transcription.extract;

import dev.switchboard.shared.pricing.PriceTable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls a lead's details out of a transcript: the caller's name, a callback number, the vehicle's year,
 * make and model, the service asked for (a price table service, so the call can be priced like a web
 * quote) and urgency words. Plain rules over the text, no network, the same answer every time; every
 * field carries the sentence it came from. Sentences the business said are not read for the caller's
 * name, number or urgency (the owner's "this is Mike" is not the caller).
 */
public final class LeadExtractor {

    private final NameFinder names;
    private final VehicleFinder vehicles;
    private final ServiceFinder services;
    private final UrgencyFinder urgency;

    /** @param thisYear the current year, the newest model year being next year */
    public LeadExtractor(VehicleCatalog vehicles, ServiceCatalog services, int thisYear) {
        Set<String> vehicleWords = new HashSet<>(vehicles.words());
        this.names = new NameFinder(vehicleWords);
        this.vehicles = new VehicleFinder(vehicles, thisYear);
        this.services = new ServiceFinder(services);
        this.urgency = new UrgencyFinder();
    }

    /** The bundled vehicle list and spoken service phrases over {@code prices}. */
    public static LeadExtractor bundled(PriceTable prices, int thisYear) {
        return new LeadExtractor(VehicleCatalog.bundled(), ServiceCatalog.forPriceTable(prices), thisYear);
    }

    /** The area code of a North American E.164 number (+1 904 ...), for {@code defaultAreaCode}. */
    public static Optional<String> areaCodeOf(String e164) {
        if (e164 != null && e164.matches("\\+1[2-9][0-9]{9}")) {
            return Optional.of(e164.substring(2, 5));
        }
        return Optional.empty();
    }

    /**
     * @param defaultAreaCode the business line's area code, completing seven-digit numbers ("555-0163");
     *                        see {@link #areaCodeOf}
     */
    public Extraction extract(List<Utterance> utterances, Optional<String> defaultAreaCode) {
        VehicleFinder.Vehicle vehicle = vehicles.find(utterances);
        return new Extraction(names.find(utterances), callbackNumber(utterances, new PhoneNumberFinder(defaultAreaCode)),
                vehicle.year(), vehicle.make(), vehicle.model(), services.find(utterances), urgency.find(utterances));
    }

    /**
     * The first number the caller spoke. A number split over two sentences ("My number is 904." "555
     * 0142.") is read across the pair.
     */
    private static Optional<ExtractedField> callbackNumber(List<Utterance> utterances, PhoneNumberFinder phones) {
        for (int s = 0; s < utterances.size(); s++) {
            Utterance u = utterances.get(s);
            if (!u.fromCallerSide()) {
                continue;
            }
            Optional<String> number = phones.find(u.text());
            if (number.isPresent()) {
                return Optional.of(new ExtractedField(number.get(), u.text()));
            }
            if (s + 1 < utterances.size() && utterances.get(s + 1).speaker() == u.speaker()) {
                String joined = u.text() + " " + utterances.get(s + 1).text();
                Optional<String> across = phones.find(joined);
                if (across.isPresent() && phones.find(utterances.get(s + 1).text()).isEmpty()) {
                    return Optional.of(new ExtractedField(across.get(), joined));
                }
            }
        }
        return Optional.empty();
    }
}
