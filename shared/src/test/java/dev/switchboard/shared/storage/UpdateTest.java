package dev.switchboard.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The expressions the builder writes; what they do to an item is the item owners' tests' (DynamoDB Local). */
class UpdateTest {

    @Test
    void everyNameAndValueIsAPlaceholderAndEachNameHasOne() {
        UpdateItemRequest request = Update.item("CALL#CA1", "CALL")
                .set("status", "completed")
                .keep("createdAt", Item.time(Instant.parse("2026-11-22T20:00:00Z")))
                .add("count", 1)
                .remove("lease")
                .onlyIf(Condition.absent("status").or(Condition.lessThan("statusSequence", Item.n(3))))
                .request("table").build();
        assertThat(request.tableName()).isEqualTo("table");
        assertThat(request.key()).isEqualTo(Table.key("CALL#CA1", "CALL"));
        assertThat(request.updateExpression())
                .isEqualTo("SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1) ADD #n2 :v2 REMOVE #n3");
        assertThat(request.conditionExpression())
                .isEqualTo("(attribute_not_exists(#n0) OR #n4 < :v3)");
        assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#n0", "status", "#n1", "createdAt",
                "#n2", "count", "#n3", "lease", "#n4", "statusSequence"));
        assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":v0", Item.s("completed"),
                ":v1", Item.s("2026-11-22T20:00:00Z"), ":v2", Item.n(1), ":v3", Item.n(3)));
    }

    @Test
    void severalConditionsMustAllHold() {
        UpdateItemRequest request = Update.item("pk", "sk").set("a", 1)
                .onlyIf(Condition.exists("a"))
                .onlyIf(Condition.not(Condition.in("b", Item.s("x"), Item.s("y"))))
                .request("t").build();
        assertThat(request.conditionExpression()).isEqualTo("(attribute_exists(#n0) AND (NOT #n1 IN (:v1, :v2)))");
    }

    @Test
    void anUnconditionalUpdateHasNoConditionAndReservedWordsAreSafe() {
        UpdateItemRequest request = Update.item("pk", "sk").set("count", 1).set("status", true)
                .expiresAt(Instant.ofEpochSecond(1000)).request("t").build();
        assertThat(request.conditionExpression()).isNull();
        assertThat(request.expressionAttributeNames()).containsValues("count", "status", Table.TTL);
        assertThat(request.expressionAttributeValues()).containsValue(AttributeValue.fromN("1000"));
    }

    @Test
    void anUpdateThatChangesNothingIsAMistake() {
        assertThatThrownBy(() -> Update.item("pk", "sk").request("t")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRequestCanBeBuiltTwiceWithTheSameExpressions() {
        Update update = Update.item("pk", "sk").set("a", "x").onlyIf(Condition.absent("a"));
        assertThat(update.request("t").build()).isEqualTo(update.request("t").build());
    }
}
