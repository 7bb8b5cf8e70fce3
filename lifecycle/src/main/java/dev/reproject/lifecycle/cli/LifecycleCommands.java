package dev.reproject.lifecycle.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The commands that move a view's alias and retire its tables, found through {@link java.util.ServiceLoader}. */
public final class LifecycleCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new PromoteCommand(), new RollbackCommand(), new RetireCommand());
    }
}
