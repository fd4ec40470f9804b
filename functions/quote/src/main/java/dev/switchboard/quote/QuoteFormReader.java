package dev.switchboard.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.shared.http.FormParameters;
import dev.switchboard.shared.http.HttpProblem;
import dev.switchboard.shared.http.HttpRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the quote form from {@code application/json} (an object) or
 * {@code application/x-www-form-urlencoded} (an HTML form); any other content type is refused with 415,
 * a body that is not a JSON object with 400.
 */
public final class QuoteFormReader {

    public static final String JSON_TYPE = "application/json";
    public static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private QuoteFormReader() {
    }

    public static QuoteForm read(HttpRequest request) {
        String type = request.mediaType();
        if (type.equals(JSON_TYPE)) {
            return fromJson(request.bodyText());
        }
        if (type.equals(FORM_TYPE)) {
            return fromForm(request.bodyText());
        }
        throw new HttpProblem(415, "Send the quote as " + JSON_TYPE + " or " + FORM_TYPE
                + (type.isEmpty() ? " (no Content-Type was given)" : ", not " + type));
    }

    static QuoteForm fromJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("The request body is not valid JSON");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw HttpProblem.badRequest("The request body must be a JSON object of form fields");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> notText = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                notText.put(field.getKey(), "Please enter text here.");
            } else {
                values.put(field.getKey(), value.asText());
            }
        }
        return QuoteForm.of(values, notText);
    }

    static QuoteForm fromForm(String body) {
        FormParameters form = FormParameters.parse(body);
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : form.names()) {
            List<String> all = form.all(name);
            if (!all.isEmpty()) {
                values.put(name, all.get(0));
            }
        }
        return QuoteForm.of(values);
    }
}
