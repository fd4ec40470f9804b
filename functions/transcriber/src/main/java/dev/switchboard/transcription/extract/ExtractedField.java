package dev.switchboard.transcription.extract;

/**
 * One detail found in a transcript.
 *
 * @param value    normalised: a phone number in E.164, a four-digit year, a make or model as the catalog
 *                 spells it, a price table service name
 * @param sentence the sentence it came from, as transcribed, so the owner can judge it
 */
public record ExtractedField(String value, String sentence) {
}
