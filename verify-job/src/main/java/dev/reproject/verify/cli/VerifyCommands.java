package dev.reproject.verify.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The verify job's command of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class VerifyCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new VerifyCommand());
    }
}
