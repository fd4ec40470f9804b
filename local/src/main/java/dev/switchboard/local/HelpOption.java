package dev.switchboard.local;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command (there is no version to show). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
