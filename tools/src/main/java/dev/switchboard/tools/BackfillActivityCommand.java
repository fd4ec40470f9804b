package dev.switchboard.tools;

import dev.switchboard.shared.activity.ActivityBackfill;
import dev.switchboard.shared.config.AwsSettings;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.storage.DynamoDbClients;
import dev.switchboard.shared.storage.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Files the calls, texts and quotes stored before the activity index in it ({@link ActivityBackfill}). */
@Command(name = "backfill-activity", mixinStandardHelpOptions = true,
        header = "File the calls, texts and quotes stored before the activity index in it (run once).",
        description = "Scans the table for call, text and quote items without activity fields and files each in the"
                + " owner's feed and the customer's timeline, as the functions do now; nothing old is marked as"
                + " waiting for a reply. Safe to run again. AWS credentials and region from your environment;"
                + " AWS_ENDPOINT_URL_DYNAMODB for the local stack's DynamoDB.",
        version = "switchboard-tools backfill-activity")
final class BackfillActivityCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "The stack's table (the SwitchboardTable resource's physical name).")
    private String tableName;

    @Option(names = "--dry-run", description = "Count what would be filed and change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table(DynamoDbClients.create(new AwsSettings(Env.of(System.getenv())), Duration.ofSeconds(30)),
                tableName);
        ActivityBackfill.Result result = new ActivityBackfill(table).run(dryRun, line -> out.println("  " + line));
        out.printf("%s %d of %d items (%d are not customer events)%n", dryRun ? "Would file" : "Filed",
                result.filed(), result.scanned(), result.skipped());
        out.flush();
        return 0;
    }
}
