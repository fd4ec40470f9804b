package dev.switchboard.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Short-form tags become the long form, and the resolver evaluates them. */
class IntrinsicResolverTest {

    private static final SamTemplate TEMPLATE = SamTemplate.parse("""
            Parameters:
              Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
              Days: {Type: Number, Default: 0}
              Names: {Type: CommaDelimitedList, Default: 'a,b,c'}
              NoDefault: {Type: String}
            Mappings:
              Sizes:
                dev: {Memory: 512}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
              IsDev: !Not [!Equals [!Ref Stage, prod]]
              HasDays: !Not [!Equals [!Ref Days, 0]]
              Both: !And [!Condition IsDev, !Not [!Condition HasDays]]
              Either: !Or [!Condition IsProd, !Condition HasDays]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Named:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub '${AWS::StackName}-${Stage}-named'
              Table:
                Type: AWS::DynamoDB::Table
              Bucket:
                Type: AWS::S3::Bucket
              Api:
                Type: AWS::Serverless::HttpApi
              Only:
                Type: AWS::S3::Bucket
                Condition: IsProd
            Outputs:
              Ref: {Value: !Ref Stage}
              SubScalar: {Value: !Sub 'https://${Api}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${!Literal}'}
              SubList: {Value: !Sub ['${Base}/x/${Queue.QueueName}', {Base: !Ref Bucket}]}
              GetAttScalar: {Value: !GetAtt Queue.Arn}
              GetAttList: {Value: !GetAtt [Table, Arn]}
              BucketArn: {Value: !GetAtt Bucket.Arn}
              If: {Value: !If [IsProd, big, !Ref 'AWS::NoValue']}
              IfDev: {Value: !If [IsDev, small, big]}
              Join: {Value: !Join ['-', [a, !Ref Stage, !Select [1, !Ref Names]]]}
              Split: {Value: !Select [2, !Split [',', 'x,y,z']]}
              FindInMap: {Value: !FindInMap [Sizes, !Ref Stage, Memory]}
              Base64: {Value: !Base64 hi}
              GetAZs: {Value: !Select [0, !GetAZs '']}
              ImportValue: {Value: !ImportValue other-stack-export}
              NoDefault: {Value: !Ref NoDefault}
              Account: {Value: !Sub '${AWS::AccountId}'}
              QueueUrl: {Value: !Ref Queue}
              Named: {Value: !GetAtt Named.QueueName}
              Select: {Value: !Select [0, [described, !Ref Stage]]}
            """);

    private Object output(IntrinsicResolver resolver, String name) {
        Map<?, ?> outputs = (Map<?, ?>) TEMPLATE.document().get("Outputs");
        return resolver.resolve(((Map<?, ?>) outputs.get(name)).get("Value"));
    }

    @Test
    void shortFormsBecomeLongForms() {
        Map<?, ?> outputs = (Map<?, ?>) TEMPLATE.document().get("Outputs");
        assertThat(((Map<?, ?>) outputs.get("Ref")).get("Value")).isEqualTo(Map.of("Ref", "Stage"));
        assertThat(((Map<?, ?>) outputs.get("GetAttScalar")).get("Value")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(((Map<?, ?>) outputs.get("GetAttList")).get("Value")).isEqualTo(Map.of("Fn::GetAtt", List.of("Table", "Arn")));
        assertThat(((Map<?, ?>) outputs.get("ImportValue")).get("Value")).isEqualTo(Map.of("Fn::ImportValue", "other-stack-export"));
        assertThat(((Map<?, ?>) outputs.get("GetAZs")).get("Value")).isEqualTo(
                Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))));
        assertThat(TEMPLATE.conditions().get("Both")).isEqualTo(Map.of("Fn::And", List.of(Map.of("Condition", "IsDev"),
                Map.of("Fn::Not", List.of(Map.of("Condition", "HasDays"))))));
    }

    @Test
    void resolvesWithDefaults() {
        IntrinsicResolver r = new IntrinsicResolver(TEMPLATE);
        assertThat(output(r, "Ref")).isEqualTo("dev");
        assertThat(output(r, "SubScalar")).isEqualTo("https://local.execute-api.us-east-1.amazonaws.com/${Literal}");
        assertThat(output(r, "SubList")).isEqualTo("bucket/x/Queue");
        assertThat(output(r, "GetAttScalar")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:Queue");
        assertThat(output(r, "GetAttList")).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Table");
        assertThat(output(r, "BucketArn")).isEqualTo("arn:aws:s3:::bucket");
        assertThat(output(r, "If")).isSameAs(IntrinsicResolver.NO_VALUE);
        assertThat(output(r, "IfDev")).isEqualTo("small");
        assertThat(output(r, "NoDefault")).isEqualTo("");
        assertThat(output(r, "Account")).isEqualTo("000000000000");
        assertThat(output(r, "Named")).isEqualTo("switchboard-local-dev-named");
        assertThat(output(r, "Select")).isEqualTo("described");
        assertThat(r.condition("IsProd")).isFalse();
        assertThat(r.condition("IsDev")).isTrue();
        assertThat(r.condition("HasDays")).isFalse();
        assertThat(r.isCreated("Only")).isFalse();
        assertThat(r.physicalName("Table")).isEqualTo("Table");
        assertThat(r.physicalName("Bucket")).isEqualTo("bucket");
        assertThatThrownBy(() -> output(r, "QueueUrl")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resolvesWithOverridesAndResources() {
        IntrinsicResolver r = new IntrinsicResolver(TEMPLATE, Map.of("Stage", "prod", "Days", "7"))
                .withResources(new LocalResources(Map.of(), Map.of("Queue", new LocalResources.Queue("Queue", "Queue",
                        "http://localhost:9324/000000000000/Queue", "arn:aws:sqs:us-east-1:000000000000:Queue")), Map.of()));
        assertThat(output(r, "If")).isEqualTo("big");
        assertThat(output(r, "QueueUrl")).isEqualTo("http://localhost:9324/000000000000/Queue");
        assertThat(r.condition("HasDays")).isTrue();
        assertThat(r.isCreated("Only")).isTrue();
        assertThatThrownBy(() -> new IntrinsicResolver(TEMPLATE, Map.of("Stage", "qa")))
                .hasMessageContaining("must be one of [dev, prod]");
    }

    @Test
    void intrinsicsTheTemplateDoesNotUseAreRefusedByName() {
        IntrinsicResolver r = new IntrinsicResolver(TEMPLATE);
        for (String output : List.of("Join", "Split", "FindInMap", "Base64", "GetAZs", "ImportValue")) {
            String function = "Fn::" + output;
            assertThatThrownBy(() -> output(r, output)).as(output).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessage(function + " is not supported by the local stack, which evaluates only what"
                            + " template.yaml uses: Ref, Fn::GetAtt, Fn::Sub, Fn::If, Fn::Equals, Fn::Not, Fn::Select");
        }
        assertThatThrownBy(() -> r.condition("Both")).hasMessageStartingWith("Fn::And is not supported");
        assertThatThrownBy(() -> r.condition("Either")).hasMessageStartingWith("Fn::Or is not supported");
    }

    @Test
    void everyIntrinsicTheRealTemplateUsesIsSupported() {
        SamTemplate real = SamTemplate.load(java.nio.file.Path.of("..", "template.yaml"));
        java.util.Set<String> used = new java.util.TreeSet<>();
        collectFunctions(real.document(), used);
        assertThat(IntrinsicResolver.SUPPORTED).containsAll(used);
    }

    private static void collectFunctions(Object value, java.util.Set<String> found) {
        if (value instanceof Map<?, ?> map) {
            if (SamTemplate.isIntrinsic(map) && !(map.containsKey("Condition") && !(map.get("Condition") instanceof String))) {
                found.add(map.keySet().iterator().next().toString());
            }
            map.values().forEach(v -> collectFunctions(v, found));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectFunctions(v, found));
        }
    }

    @Test
    void bucketNamesAreDnsSafe() {
        assertThat(IntrinsicResolver.dnsSafeBucketName("RecordingsBucket")).isEqualTo("recordingsbucket");
        assertThat(IntrinsicResolver.dnsSafeBucketName("My_Bucket")).isEqualTo("my-bucket");
        assertThat(IntrinsicResolver.dnsSafeBucketName("B")).isEqualTo("b00");
    }
}
