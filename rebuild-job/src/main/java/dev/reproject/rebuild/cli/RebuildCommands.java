package dev.reproject.rebuild.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The rebuild job's command of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class RebuildCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new RebuildCommand());
    }
}
