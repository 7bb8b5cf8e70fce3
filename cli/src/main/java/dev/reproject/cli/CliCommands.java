package dev.reproject.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The commands of the CLI itself: the local servers, the demo and the view's status, found through {@link java.util.ServiceLoader}. */
public final class CliCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new SandboxCommand(), new DemoCommand(), new StatusCommand());
    }
}
