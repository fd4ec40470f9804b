package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.VMOption;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LambdaJitTest {

    static final Function<String, VMOption.Origin> UNSET = option -> VMOption.Origin.DEFAULT;

    @Test
    void runningTheStackRelaunchesItWithLambdasJit() {
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(), UNSET)).isTrue();
        assertThat(LambdaJit.relaunchWanted(new String[] {"run", "--in-memory"}, Map.of(), UNSET)).isTrue();
        assertThat(LambdaJit.relaunchWanted(new String[] {"--port", "3000"}, Map.of(), UNSET)).isTrue();
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(), option -> VMOption.Origin.ERGONOMIC)).isTrue();
    }

    @Test
    void commandsWithoutAStackAndUsageRunInThisJvm() {
        for (String command : List.of("invoke", "simulate", "redrive", "help", "--help", "-h")) {
            assertThat(LambdaJit.relaunchWanted(new String[] {command, "x"}, Map.of(), UNSET)).as(command).isFalse();
        }
        assertThat(LambdaJit.relaunchWanted(new String[] {"run", "--help"}, Map.of(), UNSET)).isFalse();
    }

    @Test
    void aJitSetByHandTheOptOutAndTheChildItselfAreLeftAlone() {
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(),
                option -> option.equals("TieredStopAtLevel") ? VMOption.Origin.VM_CREATION : VMOption.Origin.DEFAULT))
                .isFalse();
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(),
                option -> option.equals("TieredCompilation") ? VMOption.Origin.ENVIRON_VAR : VMOption.Origin.DEFAULT))
                .isFalse();
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(LambdaJit.JIT_ENV, "default"), UNSET)).isFalse();
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(LambdaJit.JIT_ENV, "lambda"), UNSET)).isTrue();
        assertThat(LambdaJit.relaunchWanted(new String[0], Map.of(LambdaJit.CHILD_ENV, "1"), UNSET)).isFalse();
    }

    @Test
    void theChildIsTheSameCommandWithTheFlag() {
        List<String> command = LambdaJit.childCommand("/opt/jdk", List.of("-Xmx512m", "-Dx=y"), false, "local.jar",
                new String[] {"--in-memory", "--port", "3000"});

        assertThat(command).containsExactly("/opt/jdk/bin/java", "-Xmx512m", "-Dx=y", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", "local.jar", "dev.switchboard.local.Main", "--in-memory", "--port", "3000");
    }

    @Test
    void aCollectorChosenByHandIsKept() {
        List<String> command = LambdaJit.childCommand("/opt/jdk", List.of("-XX:+UseZGC"), true, "local.jar", new String[0]);

        assertThat(command).contains("-XX:+UseZGC", "-XX:TieredStopAtLevel=1").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void aCollectorIsChosenByHandOnTheCommandLineOrInTheEnvironmentNotByErgonomics() {
        assertThat(LambdaJit.setByHand(LambdaJit.COLLECTOR_OPTIONS,
                option -> option.equals("UseG1GC") ? VMOption.Origin.ERGONOMIC : VMOption.Origin.DEFAULT)).isFalse();
        assertThat(LambdaJit.setByHand(LambdaJit.COLLECTOR_OPTIONS,
                option -> option.equals("UseZGC") ? VMOption.Origin.VM_CREATION : VMOption.Origin.DEFAULT)).isTrue();
        // JAVA_TOOL_OPTIONS reaches the child through its environment, not its command line: still chosen.
        assertThat(LambdaJit.setByHand(LambdaJit.COLLECTOR_OPTIONS,
                option -> option.equals("UseG1GC") ? VMOption.Origin.ENVIRON_VAR : VMOption.Origin.DEFAULT)).isTrue();
        assertThat(LambdaJit.setByHand(LambdaJit.COLLECTOR_OPTIONS, option -> null)).isFalse();
    }

    @Test
    void thisJvmsOwnOriginIsReadable() {
        assertThat(LambdaJit.origin("TieredStopAtLevel")).isNotNull();
        assertThat(LambdaJit.origin("NoSuchOptionAnywhere")).isNull();
    }
}
