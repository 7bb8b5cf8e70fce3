package dev.reproject.archiver.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The archiver's commands of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class ArchiverCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new ArchiveCommand());
    }
}
