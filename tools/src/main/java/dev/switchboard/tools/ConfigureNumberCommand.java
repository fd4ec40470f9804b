package dev.switchboard.tools;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.switchboard.shared.config.ConfigException;
import dev.switchboard.shared.config.Env;
import dev.switchboard.shared.config.Settings;
import dev.switchboard.shared.twilio.TwilioRestClients;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Points a Twilio phone number at a deployed stack ({@link TwilioNumberSetup}); exit 0, 1 (refused) or 2 (usage). */
@Command(name = "configure-number", mixinStandardHelpOptions = true,
        header = "Point a Twilio phone number at a deployed stack.",
        description = "Through Twilio's IncomingPhoneNumbers API: \"A call comes in\" -> /twilio/voice, \"Call status"
                + " changes\" -> /twilio/voice/status, \"A message comes in\" -> /twilio/sms, all POST (a TwiML App on"
                + " the number is detached, since Twilio would ignore the URLs). Credentials: TWILIO_ACCOUNT_SID and"
                + " TWILIO_AUTH_TOKEN (or TWILIO_AUTH_TOKEN_PARAMETER, an SSM parameter read with your AWS profile, or"
                + " TWILIO_API_KEY_SID/TWILIO_API_KEY_SECRET); TWILIO_API_BASE_URL for SignalWire.",
        version = "switchboard-tools configure-number")
final class ConfigureNumberCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NUMBER", description = "The Twilio number, e.g. +19045550200.")
    private String number;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The stack's API base URL, e.g. https://abc123.execute-api.us-east-1.amazonaws.com.")
    private String baseUrl;

    @Option(names = "--stack", paramLabel = "NAME", description = "Read the base URL from the stack's ApiBaseUrl output.")
    private String stack;

    @Option(names = "--region", paramLabel = "REGION",
            description = "The stack's region (default: AWS_REGION or your profile's).")
    private String region;

    @Option(names = "--dry-run", description = "Print what would change and change nothing.")
    private boolean dryRun;

    /** Where {@code --stack} finds the base URL: the stack's {@code ApiBaseUrl} output. */
    @FunctionalInterface
    interface StackBaseUrl {
        String of(String stackName, String region);
    }

    private final Supplier<Settings> settings;
    private final StackBaseUrl stackBaseUrl;

    /** This process's environment; SSM and CloudFormation with the developer's AWS configuration. */
    ConfigureNumberCommand() {
        this(() -> new Settings(Env.of(System.getenv()), new DeveloperParameterStore()), (stackName, region) -> {
            try (StackOutputs outputs = StackOutputs.forRegion(region)) {
                return outputs.value(stackName, "ApiBaseUrl");
            }
        });
    }

    ConfigureNumberCommand(Supplier<Settings> settings, StackBaseUrl stackBaseUrl) {
        this.settings = settings;
        this.stackBaseUrl = stackBaseUrl;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String e164;
        try {
            e164 = Settings.requireE164("NUMBER", number);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if ((baseUrl == null) == (stack == null)) {
            throw new ParameterException(spec.commandLine(), "give either --base-url URL or --stack NAME");
        }
        String base;
        try {
            base = TwilioNumberSetup.normalizeBaseUrl(baseUrl != null ? baseUrl : stackBaseUrl.of(stack, region));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        TwilioNumberSetup setup;
        TwilioNumberSetup.Plan plan;
        try {
            setup = new TwilioNumberSetup(TwilioRestClients.create(settings.get()));
            plan = setup.plan(e164, base);
        } catch (IllegalStateException | ApiConnectionException | ConfigException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.println(plan.phoneNumber() + " (" + plan.numberSid()
                + (plan.friendlyName() == null ? "" : ", " + plan.friendlyName()) + ")");
        for (TwilioNumberSetup.Change change : plan.settings()) {
            String current = change.current() == null || change.current().isEmpty() ? "(none)" : change.current();
            String wanted = change.wanted().isEmpty() ? "(none)" : change.wanted();
            out.printf("  %-21s %s%n", change.field(), change.needed() ? current + " -> " + wanted : current + " (unchanged)");
        }
        plan.warnings().forEach(w -> err.println("warning: " + w));
        if (plan.changes().isEmpty()) {
            out.println("Already pointed at " + plan.baseUrl() + "; nothing to change.");
            return 0;
        }
        if (dryRun) {
            out.println("Dry run: " + plan.changes().size() + " setting(s) would change; nothing was changed.");
            return 0;
        }
        try {
            setup.apply(plan);
        } catch (ApiException e) {
            err.println("error: Twilio refused the update: HTTP " + e.getStatusCode() + " " + e.getMessage());
            return 1;
        } catch (ApiConnectionException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        out.println("Updated " + plan.changes().size() + " setting(s).");
        return 0;
    }
}
