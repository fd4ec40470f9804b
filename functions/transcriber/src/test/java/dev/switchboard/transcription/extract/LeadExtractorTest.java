package dev.switchboard.transcription.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.shared.pricing.PriceTable;
import dev.switchboard.transcription.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The extractor's rules one at a time; the corpus test measures them together. */
class LeadExtractorTest {

    static final LeadExtractor EXTRACTOR = LeadExtractor.bundled(PriceTable.defaults(), 2026);

    static Extraction caller(String... sentences) {
        List<Utterance> utterances = new ArrayList<>();
        for (String s : sentences) {
            utterances.add(new Utterance(Speaker.CALLER, s));
        }
        return EXTRACTOR.extract(utterances, Optional.of("904"));
    }

    static Optional<String> value(Optional<ExtractedField> field) {
        return field.map(ExtractedField::value);
    }

    @Test
    void callbackNumbersSpokenAsDigitsWordsOrBoth() {
        assertThat(value(caller("Call me at 904-555-0142.").callbackNumber())).contains("+19045550142");
        assertThat(value(caller("My number is (904) 555 0142, thanks.").callbackNumber())).contains("+19045550142");
        assertThat(value(caller("It's nine oh four, five five five, zero one four two.").callbackNumber()))
                .contains("+19045550142");
        assertThat(value(caller("Reach me at 904 five fifty five oh one forty two.").callbackNumber()))
                .contains("+19045550142");
        assertThat(value(caller("Call 904 555 oh one double four.").callbackNumber())).contains("+19045550144");
        assertThat(value(caller("Call me on 1-904-555-0142.").callbackNumber())).contains("+19045550142");
    }

    @Test
    void sevenDigitsAreCompletedWithTheLinesAreaCodeOnlyWhenTheSentenceIsAboutCalling() {
        assertThat(value(caller("Call me at 555-0163.").callbackNumber())).contains("+19045550163");
        assertThat(caller("We drove 555 0163 miles.").callbackNumber()).isEmpty();
    }

    @Test
    void yearsMileageAndPricesAreNotPhoneNumbers() {
        Extraction e = caller("My 2014 Honda Civic has 180,000 miles and the quote was 1,200 dollars.");
        assertThat(e.callbackNumber()).isEmpty();
        assertThat(value(e.vehicleYear())).contains("2014");
    }

    @Test
    void aNumberSplitOverTwoSentencesIsJoined() {
        Extraction e = caller("My number is nine oh four.", "Five five five oh one two two.");
        assertThat(value(e.callbackNumber())).contains("+19045550122");
    }

    @Test
    void theEvidenceIsTheSentenceTheFieldCameFrom() {
        Extraction e = caller("Hi there.", "My name is Dave Miller.", "Call me at 904-555-0142.");
        assertThat(e.name()).contains(new ExtractedField("Dave Miller", "My name is Dave Miller."));
        assertThat(e.callbackNumber()).contains(new ExtractedField("+19045550142", "Call me at 904-555-0142."));
    }

    @Test
    void namesFromTheUsualIntroductions() {
        assertThat(value(caller("Hey, this is Karen.").name())).contains("Karen");
        assertThat(value(caller("Hi, it's Jennifer Walsh calling about my car.").name())).contains("Jennifer Walsh");
        assertThat(value(caller("my name is john smith and my car is dead").name())).contains("John Smith");
        assertThat(value(caller("Name's Earl.").name())).contains("Earl");
        assertThat(value(caller("This is Bobby, Bobby Fields.").name())).contains("Bobby Fields");
        assertThat(value(caller("Dave here, call me back.").name())).contains("Dave");
    }

    @Test
    void phrasesThatLookLikeIntroductionsAreNotNames() {
        assertThat(caller("This is an emergency.").name()).isEmpty();
        assertThat(caller("It's a Honda Civic.").name()).isEmpty();
        assertThat(caller("I'm stranded on the highway.").name()).isEmpty();
        assertThat(caller("This is about my car.").name()).isEmpty();
        assertThat(caller("It's Saturday, can you come?").name()).isEmpty();
    }

    @Test
    void theBusinessIntroducingItselfIsNotTheCaller() {
        Extraction e = EXTRACTOR.extract(List.of(
                new Utterance(Speaker.BUSINESS, "Mechanic St. Augustine, this is Mike."),
                new Utterance(Speaker.CALLER, "Hi, I need an oil change.")), Optional.empty());
        assertThat(e.name()).isEmpty();
        Extraction unknown = EXTRACTOR.extract(List.of(
                new Utterance(Speaker.UNKNOWN, "Thanks for calling Mechanic St. Augustine, this is Mike, how can I help?"),
                new Utterance(Speaker.UNKNOWN, "Hi Mike, this is Heather.")), Optional.empty());
        assertThat(value(unknown.name())).contains("Heather");
    }

    @Test
    void aNameGivenAsTheAnswerToTheQuestion() {
        Extraction e = EXTRACTOR.extract(List.of(
                new Utterance(Speaker.BUSINESS, "And who am I speaking with?"),
                new Utterance(Speaker.CALLER, "Marcus Bell.")), Optional.empty());
        assertThat(value(e.name())).contains("Marcus Bell");
    }

    @Test
    void vehiclesByMakeModelAliasOrModelAlone() {
        Extraction civic = caller("I've got a 2014 Honda Civic.");
        assertThat(value(civic.vehicleMake())).contains("Honda");
        assertThat(value(civic.vehicleModel())).contains("Civic");
        assertThat(value(caller("My Chevy Silverado needs work.").vehicleMake())).contains("Chevrolet");
        Extraction camry = caller("My Camry needs brakes.");
        assertThat(value(camry.vehicleMake())).contains("Toyota");
        assertThat(value(camry.vehicleModel())).contains("Camry");
        assertThat(value(caller("It's a Ford F-150, 2008.").vehicleModel())).contains("F-150");
        assertThat(value(caller("It's an F150.").vehicleModel())).contains("F-150");
        assertThat(value(caller("a 2021 Toyota rav four").vehicleModel())).contains("RAV4");
    }

    @Test
    void everydayWordsAreModelsOnlyNextToTheirMakeOrCapitalised() {
        assertThat(caller("I need to focus on getting this fixed.").vehicleModel()).isEmpty();
        assertThat(value(caller("It's a 2014 Ford Focus.").vehicleModel())).contains("Focus");
        assertThat(caller("My Lexus is making a noise.").vehicleModel()).isEmpty();
        assertThat(value(caller("My Lexus RX 350 is making a noise.").vehicleModel())).contains("RX");
    }

    @Test
    void yearsInWordsAndShortForms() {
        assertThat(value(caller("I have a twenty eighteen Kia Sorento.").vehicleYear())).contains("2018");
        assertThat(value(caller("a two thousand and eight nissan frontier").vehicleYear())).contains("2008");
        assertThat(value(caller("It's an oh nine Dodge Ram.").vehicleYear())).contains("2009");
        assertThat(value(caller("It's a '98 Camry.").vehicleYear())).contains("1998");
        assertThat(value(caller("nineteen ninety nine ford ranger").vehicleYear())).contains("1999");
        assertThat(caller("I waited ten minutes for my Camry.").vehicleYear()).isEmpty();
    }

    @Test
    void theYearAnsweringTheQuestion() {
        Extraction e = EXTRACTOR.extract(List.of(
                new Utterance(Speaker.CALLER, "A Honda Accord."),
                new Utterance(Speaker.BUSINESS, "What year?"),
                new Utterance(Speaker.CALLER, "Twenty ten.")), Optional.empty());
        assertThat(value(e.vehicleYear())).contains("2010");
    }

    @Test
    void servicesMapOntoThePriceTable() {
        assertThat(value(caller("How much for an oil change?").service())).contains("oil change");
        assertThat(value(caller("I think I need a new battery.").service())).contains("battery replacement");
        assertThat(value(caller("The check engine light is on.").service())).contains("diagnostic");
        assertThat(value(caller("The AC is blowing warm.").service())).contains("ac recharge");
        assertThat(value(caller("I need new brake pads and rotors.").service())).contains("brake pads and rotors");
        assertThat(value(caller("Can you do a tune up?").service())).contains("spark plugs");
    }

    @Test
    void theServiceAskedForWinsOverOneRuledOut() {
        assertThat(value(caller("I had the battery tested and it's fine, I think it's the starter.").service()))
                .contains("starter replacement");
        assertThat(value(caller("My battery's dead, I just need a jump start.").service())).contains("jump start");
        assertThat(caller("The battery light is on and it has glow plugs.").service()).isEmpty();
    }

    @Test
    void urgencyWordsUnlessNegated() {
        assertThat(caller("My car broke down on I-95 and I need a tow as soon as possible.").urgencyTerms())
                .containsExactly("broke down", "tow", "asap");
        assertThat(caller("It won't start, I'm stuck at work.").urgencyTerms()).containsExactly("stranded", "won't start");
        assertThat(caller("It's not an emergency and I don't need a tow.").urgencyTerms()).isEmpty();
    }

    @Test
    void nothingUsefulGivesNothing() {
        Extraction e = caller("Oh, sorry, wrong number.");
        assertThat(e.asMap()).isEmpty();
        assertThat(EXTRACTOR.extract(List.of(), Optional.empty()).asMap()).isEmpty();
    }
}
