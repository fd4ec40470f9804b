package dev.switchboard.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cfn-lint template.yaml} reports nothing: no error (CloudFormation would roll the stack back) and no
 * warning. Skipped, saying so, where cfn-lint is not installed ({@code pip install cfn-lint}); .ci/run runs
 * it too.
 */
class CfnLintIT {

    @Test
    void theTemplateHasNoErrorsOrWarnings() {
        PythonTools.Run version = PythonTools.run(List.of("cfn-lint", "--version"), DeployedTemplate.FILE.getParent(), "");
        assumeTrue(version != null && version.exitCode() == 0,
                "cfn-lint is not installed here (pip install cfn-lint): the template was NOT linted");

        PythonTools.Run lint = PythonTools.run(List.of("cfn-lint", "--", DeployedTemplate.FILE.toString()),
                DeployedTemplate.FILE.getParent(), "");

        assertThat(lint.stdout() + lint.stderr()).as(version.stdout().strip() + " findings").isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code (2 = errors, 4 = warnings)").isZero();
    }
}
