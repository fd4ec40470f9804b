package dev.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    final Redactor redactor = new Redactor(Arrays.asList("XgDXF+sTb/N&k", "p@ss \"word\"", null, ""));

    @Test
    void everyFormOfACredentialIsRemoved() {
        String echoed = "key=XgDXF%2BsTb%2FN%26k&password=p%40ss+%22word%22 raw XgDXF+sTb/N&k json \"p@ss \\\"word\\\"\""
                + " rfc3986 p%40ss%20%22word%22";
        String cleaned = redactor.clean(echoed);
        assertThat(cleaned).doesNotContain("XgDXF").doesNotContain("p@ss").doesNotContain("p%40ss").contains(Redactor.REDACTED);
    }

    @Test
    void phoneNumbersAreMaskedAsAnywhereElseInTheLogs() {
        assertThat(redactor.clean("caller +19045550123 and filters%5B202%5D%5Bvalue%5D=%2B19045550124"))
                .isEqualTo("caller +1******0123 and filters%5B202%5D%5Bvalue%5D=+1******0124");
    }

    @Test
    void anExcerptIsOneShortLine() {
        assertThat(redactor.excerpt("<html>\n  <body>\n\tdown\n</body></html>")).isEqualTo("<html> <body> down </body></html>");
        assertThat(redactor.excerpt("x".repeat(1000))).hasSize(401);
        assertThat(redactor.excerpt(null)).isEqualTo("(empty body)");
        assertThat(new Redactor(List.of()).clean("nothing to hide")).isEqualTo("nothing to hide");
    }
}
