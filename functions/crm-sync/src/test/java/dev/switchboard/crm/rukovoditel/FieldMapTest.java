package dev.switchboard.crm.rukovoditel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.crm.lead.LeadAttribute;
import dev.switchboard.shared.config.ConfigException;
import org.junit.jupiter.api.Test;

class FieldMapTest {

    static final String EXAMPLE = "{\"name\":201,\"phone\":202,\"email\":203,\"vehicle\":204,\"service\":205,"
            + "\"estimate\":206,\"source\":207,\"notes\":208,\"transcript\":209,\"recording\":210,\"called_at\":211}";

    @Test
    void theDocumentedExampleParses() {
        FieldMap map = FieldMap.parse(EXAMPLE);
        assertThat(map.ids()).hasSize(11);
        assertThat(map.fieldId(LeadAttribute.NAME)).contains(201);
        assertThat(map.phoneFieldId()).isEqualTo(202);
        assertThat(map.fieldId(LeadAttribute.CALLED_AT)).contains(211);
        assertThat(map.fieldId(LeadAttribute.URGENCY)).isEmpty();
    }

    @Test
    void idsMayBeWrittenAsTextOrWithTheFieldPrefix() {
        FieldMap map = FieldMap.parse("{\"phone\":\"202\",\"name\":\"field_201\"}");
        assertThat(map.fieldId(LeadAttribute.NAME)).contains(201);
        assertThat(map.phoneFieldId()).isEqualTo(202);
    }

    @Test
    void mistakesFailWithALineNamingTheSetting() {
        assertThatThrownBy(() -> FieldMap.parse("{\"phone\":202,\"nmae\":201}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CRM_FIELD_MAP").hasMessageContaining("'nmae'")
                .hasMessageContaining("called_at");
        assertThatThrownBy(() -> FieldMap.parse("{\"name\":201}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must map \"phone\"");
        assertThatThrownBy(() -> FieldMap.parse("{\"phone\":\"two\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("numeric field id");
        assertThatThrownBy(() -> FieldMap.parse("{\"phone\":0}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> FieldMap.parse("name=201"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FieldMap.parse("[201]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("JSON object");
    }
}
