package dev.reproject.cli.api;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Locale;
import java.util.Map;

/**
 * Takes an option's default from {@code REPROJECT_<OPTION>}: {@code --dynamodb-endpoint} reads
 * {@code REPROJECT_DYNAMODB_ENDPOINT}. An option given on the command line wins.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static String variableFor(String longOptionName) {
        String bare = longOptionName.replaceFirst("^-+", "");
        return "REPROJECT_" + bare.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        // --help and --version never come from the environment (think of an unrelated REPROJECT_VERSION)
        if (argSpec instanceof OptionSpec option && option.longestName().startsWith("--")
                && !option.usageHelp() && !option.versionHelp()) {
            String value = environment.get(variableFor(option.longestName()));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
