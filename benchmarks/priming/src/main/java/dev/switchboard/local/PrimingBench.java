package dev.switchboard.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.switchboard.emulators.FunctionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SnapStart priming, measured per function in whole processes ({@code benchmarks/priming/priming.sh}). Starts the
 * local stack's emulators in this JVM (in memory, off the usual ports); then for each function and each round,
 * interleaved, two fresh JVMs with Lambda's flags and the function's environment, whose classpath is the
 * function's jar and the runner: one answers its sample event right after init, the other first runs
 * {@code Priming.runBeforeCheckpoint()} and the restore hooks (what Lambda does around a SnapStart snapshot).
 * Both then answer {@code WARM} more requests; prints a Markdown table of medians over the rounds.
 *
 * <p>Arguments: {@code <project root> <cold-start-runner.jar> <rounds> <warm requests> [function logical ids...]}.
 */
public final class PrimingBench {

    private static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");

    /** The sample each function is measured on (the one it primes with, events/). */
    private static final Map<String, String> SAMPLES = new LinkedHashMap<>();

    static {
        SAMPLES.put("IncomingCallFunction", "incoming-call.json");
        SAMPLES.put("DialStatusFunction", "dial-status-completed.json");
        SAMPLES.put("CallScreeningFunction", "call-screening-screen.json");
        SAMPLES.put("CallStatusFunction", "call-status-completed.json");
        SAMPLES.put("RecordingStatusFunction", "recording-status-completed.json");
        SAMPLES.put("RecordingsApiFunction", "recordings-api-list.json");
        SAMPLES.put("SmsIncomingFunction", "sms-incoming-message.json");
        SAMPLES.put("SmsStatusFunction", "sms-status-delivered.json");
        SAMPLES.put("QuoteFunction", "quote-reference-example.json");
        SAMPLES.put("IntelligenceWebhookFunction", "intelligence-webhook.json");
        SAMPLES.put("HealthFunction", "health.json");
        SAMPLES.put("SmsSenderFunction", "sms-sender-job.json");
        SAMPLES.put("CrmSyncFunction", "crm-sync-call.json");
        SAMPLES.put("TranscriberFunction", "transcriber-transcribe.json");
        SAMPLES.put("RecordingArchiverFunction", "recording-archiver-job.json");
        SAMPLES.put("NotifyFunction", "notify-appointment-confirmed.json");
        SAMPLES.put("NotifySweeperFunction", "notify-sweeper-schedule.json");
        SAMPLES.put("OwnerAlertsFunction", "owner-alerts-text.json");
        SAMPLES.put("DailySummaryFunction", "daily-summary-schedule.json");
        SAMPLES.put("InboxFunction", "inbox-api-activity.json");
        SAMPLES.put("OutboundCallFunction", "outbound-call.json");
    }

    private PrimingBench() {
    }

    public static void main(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.initialize("switchboard-local", PrimingBench.class.getClassLoader(),
                "classpath:log4j2-local.xml");
        Path root = Path.of(args[0]).toAbsolutePath();
        String runner = Path.of(args[1]).toAbsolutePath().toString();
        int rounds = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        List<String> only = Arrays.asList(args).subList(4, args.length);
        Path dir = Files.createTempDirectory("priming-bench");
        StringBuilder table = new StringBuilder();
        table.append("| function (").append(rounds).append(" rounds, ").append(warm)
                .append(" warm requests each) | init ms | first request, not primed ms | priming ms |"
                        + " first request, primed ms | warm median ms | primed first / warm median | peak RSS MB |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        try (LocalStack stack = LocalStack.builder().template(root.resolve("template.yaml")).inheritProcessEnvironment(false)
                .environment("ALLOWED_ORIGINS", "http://localhost:3000").port(3988).dynamoDbPort(8766).sqsPort(9766).s3Port(0)
                .inMemory(true).pollQueues(false).printFunctionLogs(false).start()) {
            for (Map.Entry<String, String> sample : SAMPLES.entrySet()) {
                String id = sample.getKey();
                if (!only.isEmpty() && !only.contains(id)) {
                    continue;
                }
                FunctionDefinition function = stack.template().function(id).orElseThrow();
                Map<String, String> environment = stack.environment(id);
                Path event = dir.resolve(sample.getValue());
                Path source = root.resolve("events").resolve(sample.getValue());
                if (function.isHttpFunction()) {
                    APIGatewayV2HTTPEvent http = EventJson.read(source, APIGatewayV2HTTPEvent.class);
                    LocalCredentials.of(environment).apply(http);
                    Files.writeString(event, EventJson.write(http));
                } else if (sample.getValue().endsWith("-schedule.json")) {
                    Files.copy(source, event); // a schedule's Input, read by the handler as it is
                } else {
                    Files.writeString(event, EventJson.write(EventJson.read(source, SQSEvent.class)));
                }
                String jar = FunctionCode.of(function, root).path().toString();
                List<long[]> plain = new ArrayList<>();
                List<long[]> primed = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    plain.add(run(runner, jar, function.handlerClass(), event, "no-prime", warm, environment));
                    primed.add(run(runner, jar, function.handlerClass(), event, "prime", warm, environment));
                }
                double init = median(plain, 0);
                double first = median(plain, 2) / 1000.0;
                double priming = median(primed, 1);
                double primedFirst = median(primed, 2) / 1000.0;
                double warmMedian = (median(primed, 3) + median(plain, 3)) / 2 / 1000.0;
                double rss = Math.max(median(primed, 5), median(plain, 5));
                String row = String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.0f | %.2f | %.3f | %.1f× | %.0f |%n", id,
                        init, first, priming, primedFirst, warmMedian, primedFirst / warmMedian, rss);
                System.err.print(row);
                table.append(row);
            }
        }
        System.out.println(table);
    }

    private static double median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
    }

    /** {@code init_ms prime_ms first_us warm_median_us warm_p90_us peak_rss_mb} from one process. */
    private static long[] run(String runner, String jar, String handler, Path event, String mode, int warm,
            Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", runner + ":" + jar, "dev.switchboard.bench.coldstart.PrimingRunner", handler,
                event.toString(), mode, Integer.toString(warm)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(handler + " " + mode + " failed:\n" + output);
        }
        String result = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(handler + " " + mode + " printed no result:\n" + output));
        String response = output.lines().filter(l -> l.startsWith("RESPONSE ")).findFirst().orElse("");
        if (response.contains("\"statusCode\":5") || response.contains("\"statusCode\":403")
                || response.contains("\"statusCode\":401")) {
            throw new IllegalStateException(handler + " " + mode + " answered " + response);
        }
        return Arrays.stream(result.substring("RESULT ".length()).trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
