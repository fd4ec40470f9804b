package dev.switchboard.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar tools/target/switchboard-tools.jar <command> ...}: commands that act on real accounts. */
@Command(name = "switchboard-tools", mixinStandardHelpOptions = true, version = "switchboard-tools",
        description = "Switchboard deployment tools: commands that change real accounts (Twilio, AWS).",
        subcommands = {ConfigureNumberCommand.class, BackfillActivityCommand.class, CommandLine.HelpCommand.class})
public final class Tools {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Tools()).execute(args));
    }
}
