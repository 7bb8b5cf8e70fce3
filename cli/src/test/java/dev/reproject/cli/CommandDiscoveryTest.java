package dev.reproject.cli;

import dev.reproject.cli.api.CommandPlugin;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandDiscoveryTest {

    @Command(name = "generate", aliases = "gen")
    static final class Generate implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "gen")
    static final class Gen implements Runnable {
        @Override
        public void run() {
        }
    }

    static final class First implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new Generate());
        }
    }

    static final class Second implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new Gen());
        }
    }

    static final class Help implements CommandPlugin {
        @Override
        public List<Object> commands() {
            return List.of(new HelpClash());
        }
    }

    @Command(name = "help")
    static final class HelpClash implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void pluginCommandsAreAdded() {
        var commandLine = Reproject.commandLine(Map.of(), List.of(new First()));

        assertThat(commandLine.getSubcommands()).containsKeys("help", "generate", "gen");
    }

    @Test
    void aDuplicateNameOrAliasNamesBothCommands() {
        assertThatThrownBy(() -> Reproject.commandLine(Map.of(), List.of(new First(), new Second())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("command 'gen' is defined twice: by plug-in " + First.class.getName()
                        + " (" + Generate.class.getName() + ") and by plug-in " + Second.class.getName()
                        + " (" + Gen.class.getName() + ")");
    }

    @Test
    void aPluginCannotReplaceABuiltInCommand() {
        assertThatThrownBy(() -> Reproject.commandLine(Map.of(), List.of(new Help())))
                .hasMessageStartingWith("command 'help' is defined twice: by the reproject CLI")
                .hasMessageContaining(HelpClash.class.getName());
    }

    @Test
    void pluginsOnTheClassPathAreFound() {
        CliRun run = CliRun.run("test-echo");

        assertThat(run.exitCode()).isZero();
    }
}
