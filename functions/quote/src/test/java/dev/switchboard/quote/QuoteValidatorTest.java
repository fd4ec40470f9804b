package dev.switchboard.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuoteValidatorTest {

    final QuoteValidator validator = new QuoteValidator(Clock.fixed(Instant.parse("2026-11-22T20:00:00Z"), ZoneOffset.UTC), "US");

    static Map<String, String> reference() {
        Map<String, String> form = new HashMap<>();
        form.put("name", "John Doe");
        form.put("phone", "+15551234567");
        form.put("service", "oil change");
        form.put("year", "2018");
        form.put("make", "Toyota");
        form.put("model", "Camry");
        form.put("engine", "4-cylinder");
        form.put("text_opt_in", "true");
        return form;
    }

    QuoteValidator.Result validate(Map<String, String> changes) {
        Map<String, String> form = reference();
        changes.forEach((k, v) -> {
            if (v == null) {
                form.remove(k);
            } else {
                form.put(k, v);
            }
        });
        return validator.validate(QuoteForm.of(form));
    }

    static Map<String, String> change(String field, String value) {
        Map<String, String> map = new HashMap<>();
        map.put(field, value);
        return map;
    }

    @Test
    void theReferenceExampleIsValidWithItsPossibleButUnassignedNumber() {
        QuoteValidator.Result result = validate(Map.of());
        assertThat(result.errors()).isEmpty();
        ValidQuote quote = result.quote().orElseThrow();
        assertThat(quote.phone()).isEqualTo("+15551234567");
        assertThat(quote.year()).contains(2018);
        assertThat(quote.textOptIn()).isTrue();
        assertThat(quote.email()).isEmpty();
    }

    @Test
    void phoneNumbersAreNormalisedToE164WithTheUsAsDefault() {
        assertThat(validate(change("phone", "(904) 555-0123")).quote().orElseThrow().phone()).isEqualTo("+19045550123");
        assertThat(validate(change("phone", "904.555.0123")).quote().orElseThrow().phone()).isEqualTo("+19045550123");
        assertThat(validate(change("phone", "+44 20 7946 0958")).quote().orElseThrow().phone()).isEqualTo("+442079460958");
    }

    @Test
    void nameAndPhoneAndServiceAreRequired() {
        assertThat(validate(change("name", null)).errors()).containsOnlyKeys("name");
        assertThat(validate(change("name", "   ")).errors()).containsOnlyKeys("name");
        assertThat(validate(change("phone", null)).errors()).containsEntry("phone", "Please enter your phone number.");
        assertThat(validate(change("service", "")).errors()).containsOnlyKeys("service");
    }

    @Test
    void aPhoneThatCannotBeANumberIsRefused() {
        for (String bad : new String[] {"12", "555", "call me", "+1 555 123 45678 999", "1-800-FLOWERS-PLEASE-NOW"}) {
            assertThat(validate(change("phone", bad)).errors()).as(bad).containsOnlyKeys("phone");
        }
    }

    @Test
    void theYearMustBeBetween1900AndNextYear() {
        assertThat(validate(change("year", "1900")).errors()).isEmpty();
        assertThat(validate(change("year", "2027")).errors()).isEmpty();
        assertThat(validate(change("year", "2028")).errors()).containsEntry("year", "Please enter the model year, 1900 to 2027.");
        assertThat(validate(change("year", "1899")).errors()).containsOnlyKeys("year");
        assertThat(validate(change("year", "18")).errors()).containsOnlyKeys("year");
        assertThat(validate(change("year", "20l8")).errors()).containsOnlyKeys("year");
        assertThat(validate(change("year", "2018.5")).errors()).containsOnlyKeys("year");
        assertThat(validate(change("year", null)).quote().orElseThrow().year()).isEmpty();
    }

    @Test
    void everyFieldIsBoundedInLength() {
        QuoteValidator.MAX_LENGTH.forEach((field, max) -> {
            if (field.equals("year") || field.equals("phone") || field.equals("email")) {
                return;
            }
            assertThat(validate(change(field, "a".repeat(max))).errors()).as(field + " at its limit").isEmpty();
            assertThat(validate(change(field, "a".repeat(max + 1))).errors()).as(field)
                    .containsEntry(field, "Please keep this under " + max + " characters.");
        });
        assertThat(validate(change("phone", "5".repeat(41))).errors()).containsOnlyKeys("phone");
        assertThat(validate(change("email", "a".repeat(250) + "@b.co")).errors()).containsOnlyKeys("email");
    }

    @Test
    void controlCharactersAreRefusedExceptLineBreaksInNotes() {
        assertThat(validate(change("name", "John\u0000Doe")).errors()).containsOnlyKeys("name");
        assertThat(validate(change("make", "Toy\nota")).errors()).containsOnlyKeys("make");
        assertThat(validate(change("notes", "Line one\r\nLine two\tindented")).errors()).isEmpty();
        assertThat(validate(change("notes", "bell\u0007")).errors()).containsOnlyKeys("notes");
    }

    @Test
    void emailIsOptionalButMustLookLikeOne() {
        assertThat(validate(change("email", "jane@example.com")).quote().orElseThrow().email()).contains("jane@example.com");
        for (String bad : new String[] {"jane", "jane@", "@example.com", "jane@example", "jane doe@example.com",
                "a@b@example.com", "jane@.com", "jane@example..com"}) {
            assertThat(validate(change("email", bad)).errors()).as(bad).containsOnlyKeys("email");
        }
    }

    @Test
    void textOptInAcceptsCheckboxesBooleansAndWords() {
        for (String yes : new String[] {"true", "on", "yes", "1", "TRUE"}) {
            assertThat(validate(change("text_opt_in", yes)).quote().orElseThrow().textOptIn()).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "off", "no", "0", ""}) {
            assertThat(validate(change("text_opt_in", no)).quote().orElseThrow().textOptIn()).as(no).isFalse();
        }
        assertThat(validate(change("text_opt_in", null)).quote().orElseThrow().textOptIn()).isFalse();
        assertThat(validate(change("text_opt_in", "maybe")).errors()).containsOnlyKeys("text_opt_in");
    }

    @Test
    void errorsComeInFormOrderAndAllAtOnce() {
        Map<String, String> bad = new HashMap<>();
        bad.put("year", "1850");
        bad.put("name", null);
        bad.put("phone", "12");
        bad.put("email", "nope");
        assertThat(validate(bad).errors().keySet()).containsExactly("name", "phone", "email", "year");
    }

    @Test
    void jsonValuesThatAreNotTextAreFieldErrors() {
        QuoteForm form = QuoteForm.of(reference(), Map.of("make", "Please enter text here."));
        assertThat(validator.validate(form).errors()).containsExactly(Map.entry("make", "Please enter text here."));
    }

    @Test
    void optionalFieldsAreTrimmedAndBlankMeansAbsent() {
        ValidQuote quote = validate(Map.of("make", "  Toyota ", "model", "   ", "notes", "")).quote().orElseThrow();
        assertThat(quote.make()).contains("Toyota");
        assertThat(quote.model()).isEqualTo(Optional.empty());
        assertThat(quote.notes()).isEmpty();
    }
}
