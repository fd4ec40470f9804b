package dev.switchboard.transcription;

import java.util.List;

/**
 * The readable transcript: one line per turn, labelled "Caller:" or "Business:" (consecutive sentences of
 * one speaker are one turn); sentences whose speaker is unknown stand on their own lines, unlabelled. And
 * the excerpt shown in listings: the start of that text on one line, cut at a word.
 */
public final class TranscriptRenderer {

    public static final int EXCERPT_CHARS = 300;

    private TranscriptRenderer() {
    }

    public static String text(List<TranscriptSentence> sentences) {
        StringBuilder out = new StringBuilder();
        Speaker current = null;
        for (TranscriptSentence s : sentences) {
            if (s.text().isEmpty()) {
                continue;
            }
            boolean continuesTurn = current != null && s.speaker() == current && s.speaker() != Speaker.UNKNOWN;
            if (continuesTurn) {
                out.append(' ').append(s.text());
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            if (s.speaker().label() != null) {
                out.append(s.speaker().label()).append(": ");
            }
            out.append(s.text());
            current = s.speaker();
        }
        return out.length() == 0 ? "" : out.append('\n').toString();
    }

    /** The first {@link #EXCERPT_CHARS} characters of {@code text} on one line, cut at a word, with "…". */
    public static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        if (line.length() <= EXCERPT_CHARS) {
            return line;
        }
        int cut = line.lastIndexOf(' ', EXCERPT_CHARS - 1);
        if (cut < EXCERPT_CHARS / 2) {
            cut = EXCERPT_CHARS - 1;
        }
        return line.substring(0, cut).trim() + "…";
    }
}
