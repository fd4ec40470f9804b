package dev.switchboard.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code cfn-lint template.yaml} reports nothing: no error (CloudFormation would roll the stack back) and no
 * warning. Skipped, saying so, where cfn-lint is not installed ({@code pip install cfn-lint}); .ci/run runs
 * it too.
 */
class CfnLintIT {

    @Test
    void theTemplateHasNoErrorsOrWarnings() {
        ExternalCommand.Run version = ExternalCommand.run(List.of("cfn-lint", "--version"),
                DeployedTemplate.FILE.getParent(), Map.of(), "");
        assumeTrue(version != null && version.exitCode() == 0,
                "cfn-lint is not installed here (pip install cfn-lint): the template was NOT linted");

        ExternalCommand.Run lint = ExternalCommand.run(List.of("cfn-lint", "--", DeployedTemplate.FILE.toString()),
                DeployedTemplate.FILE.getParent(), Map.of(), "");

        assertThat(lint.stdout() + lint.stderr()).as(version.stdout().strip() + " findings").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code (2 = errors, 4 = warnings)").isZero();
    }
}
