package dev.reproject.snapshot.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The snapshot job's command of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class SnapshotCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new SnapshotCommand(), new PruneCommand());
    }
}
