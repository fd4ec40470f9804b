package dev.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyRequestReaderTest {

    final NotifyRequestReader reader = new NotifyRequestReader("US", "+19045550300"::equals);

    Map<String, String> errors(String json) {
        return reader.read(json).errors();
    }

    @Test
    void readsAFullRequestWithMoneyAsADecimal() {
        NotifyRequest request = reader.read("{\"to\":\"(904) 555-0123\",\"template\":\"job_done\",\"vars\":{\"total\":"
                + "\"1234.5\",\"payment_url\":\"https://pay.example.com/x\"},\"line\":\"+19045550300\","
                + "\"idempotencyKey\":\"job-1\"}").request().orElseThrow();
        assertThat(request.to()).isEqualTo("+19045550123");
        assertThat(request.vars()).containsEntry("total", "$1,234.50");
        assertThat(request.line()).contains("+19045550300");
        // A JSON number is read as a decimal, never through a double.
        assertThat(reader.read("{\"to\":\"+19045550123\",\"template\":\"job_done\",\"vars\":{\"total\":0.1},"
                + "\"idempotencyKey\":\"j\"}").request().orElseThrow().vars()).containsEntry("total", "$0.10");
    }

    @Test
    void collectsEveryErrorByField() {
        assertThat(errors("{\"to\":\"12\",\"template\":\"nope\",\"vars\":{\"total\":\"4.999\",\"colour\":\"red\"},"
                + "\"urgent\":\"yes\",\"extra\":1}")).containsOnlyKeys("to", "template", "vars.total", "vars.colour",
                "urgent", "extra", "idempotencyKey");
        assertThat(errors("{\"to\":\"+19045550123\",\"template\":\"appointment_confirmed\",\"idempotencyKey\":\"k\","
                + "\"appointment\":{\"id\":\"A 1\",\"at\":\"tomorrow\",\"room\":2}}"))
                .containsOnlyKeys("appointment.id", "appointment.at", "appointment.room");
        assertThat(errors("{\"to\":\"+19045550123\",\"template\":\"appointment_confirmed\",\"idempotencyKey\":\"k\"}"))
                .containsOnlyKeys("appointment");
        assertThat(errors("{\"to\":\"+19045550123\",\"template\":\"en_route\",\"idempotencyKey\":\"k\","
                + "\"line\":\"+19045550999\"}")).containsOnlyKeys("line");
    }

    @Test
    void malformedJsonAndWrongShapesAreErrorsNotExceptions() {
        assertThat(errors("{")).containsOnlyKeys("body");
        assertThat(errors("[1,2]")).containsOnlyKeys("body");
        assertThat(errors("{\"to\":\"+19045550123\"} trailing")).containsOnlyKeys("body");
        assertThat(errors("{\"to\":1,\"to\":2}")).containsOnlyKeys("body");
        assertThat(errors("{\"to\":[\"+19045550123\"],\"template\":7,\"vars\":[],\"idempotencyKey\":{}}"))
                .containsOnlyKeys("to", "template", "vars", "idempotencyKey");
        assertThat(errors("")).containsOnlyKeys("body");
    }
}
