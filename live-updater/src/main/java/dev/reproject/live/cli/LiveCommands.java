package dev.reproject.live.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The live updater's command of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class LiveCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new LiveCommand());
    }
}
