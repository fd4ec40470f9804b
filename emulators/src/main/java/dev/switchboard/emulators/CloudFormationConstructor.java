package dev.switchboard.emulators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML constructor for CloudFormation's short-form tags: each {@code !Name value} becomes the long
 * form ({@code {"Fn::Name": value}}, {@code {"Ref": value}}, {@code {"Condition": value}}), and
 * {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, so that the rest of the code only ever
 * sees the JSON shape of a template. Safe: no arbitrary classes are instantiated.
 */
final class CloudFormationConstructor extends SafeConstructor {

    static final List<String> FUNCTIONS = List.of("And", "Base64", "Cidr", "Equals", "FindInMap", "GetAZs",
            "If", "ImportValue", "Join", "Length", "Not", "Or", "Select", "Split", "Sub", "ToJsonString",
            "Transform");

    CloudFormationConstructor(LoaderOptions options) {
        super(options);
        for (String function : FUNCTIONS) {
            yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
        }
        yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
        yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
        yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
    }

    private Object constructAny(Node node) {
        if (node instanceof ScalarNode scalar) {
            return constructScalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            return constructSequence(sequence);
        }
        return constructMapping((MappingNode) node);
    }

    private final class LongForm extends AbstractConstruct {
        private final String key;

        LongForm(String key) {
            this.key = key;
        }

        @Override
        public Object construct(Node node) {
            Map<String, Object> longForm = new LinkedHashMap<>();
            longForm.put(key, constructAny(node));
            return longForm;
        }
    }

    /** {@code !GetAtt Resource.Attribute} (split at the first dot) or the list form. */
    private final class GetAtt extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            Object value = constructAny(node);
            if (value instanceof String s) {
                int dot = s.indexOf('.');
                if (dot <= 0 || dot == s.length() - 1) {
                    throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got '" + s + "'");
                }
                value = List.of(s.substring(0, dot), s.substring(dot + 1));
            }
            Map<String, Object> longForm = new LinkedHashMap<>();
            longForm.put("Fn::GetAtt", value);
            return longForm;
        }
    }
}
