package dev.switchboard.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void xmlDropsWhatXml10ForbidsAndKeepsEverythingElse() {
        assertThat(SafeText.xml("A\u0000B\u0001C\u001FD\u000BE\u000CF")).isEqualTo("ABCDEF");
        assertThat(SafeText.xml("tab\tnew\nline\rok")).isEqualTo("tab\tnew\nline\rok");
        assertThat(SafeText.xml("x\uFFFEy\uFFFFz")).isEqualTo("xyz");
        // Lone surrogates (high without low, low alone) go; a real pair (an emoji) stays.
        assertThat(SafeText.xml("a\uD800b\uDC00c\uD83D\uDE97d\uD83D")).isEqualTo("abc\uD83D\uDE97d");
        assertThat(SafeText.xml("Ünïcødé € \u00A0 \uFFFD")).isEqualTo("Ünïcødé € \u00A0 \uFFFD");
        assertThat(SafeText.xml(null)).isNull();
        String clean = "nothing to do";
        assertThat(SafeText.xml(clean)).isSameAs(clean);
    }

    @Test
    void boundedCutsWithAnEllipsisWithoutSplittingAPair() {
        assertThat(SafeText.bounded("abcdef", 6)).isEqualTo("abcdef");
        assertThat(SafeText.bounded("abcdefg", 6)).isEqualTo("abcde\u2026");
        assertThat(SafeText.bounded("abcd\uD83D\uDE97xyz", 6)).isEqualTo("abcd\u2026");
        assertThat(SafeText.bounded("abc", 0)).isEmpty();
        assertThat(SafeText.bounded("abc", -5)).isEmpty();
        assertThat(SafeText.bounded("abc", 1)).isEqualTo("\u2026");
    }

    @Test
    void callerValuesAreCleanAndShort() {
        assertThat(SafeText.caller("+19045550123")).isEqualTo("+19045550123");
        assertThat(SafeText.caller("A\u0000B")).isEqualTo("AB");
        assertThat(SafeText.caller("9".repeat(5000))).hasSize(SafeText.MAX_CALLER_CHARS).endsWith("\u2026");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralised() {
        // OWASP CSV injection: = + - @ tab and carriage return at the start.
        assertThat(SafeText.cell("=HYPERLINK(\"http://x\",\"click\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"click\")");
        assertThat(SafeText.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(SafeText.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(SafeText.cell("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(SafeText.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(SafeText.cell("\r=1")).isEqualTo("'\r=1");
        assertThat(SafeText.cell("\u0000=1")).isEqualTo("'=1");
        // Ordinary text and E.164 numbers stay as they are.
        assertThat(SafeText.cell("Jane Doe")).isEqualTo("Jane Doe");
        assertThat(SafeText.cell("a=b")).isEqualTo("a=b");
        assertThat(SafeText.cell("+19045550123")).isEqualTo("+19045550123");
        assertThat(SafeText.cell("")).isEmpty();
        assertThat(SafeText.cell(null)).isNull();
    }

    @Test
    void threeByteUtf8ReplacesOnlyCharactersOutsideTheBmp() {
        assertThat(SafeText.threeByteUtf8("Brakes \uD83D\uDE97 squeal \uD83D\uDD25!")).isEqualTo("Brakes \uFFFD squeal \uFFFD!");
        assertThat(SafeText.threeByteUtf8("Müller €5 日本")).isEqualTo("Müller €5 日本");
        assertThat(SafeText.threeByteUtf8(null)).isNull();
    }
}
