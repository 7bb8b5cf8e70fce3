package dev.reproject.orderhistory.cli;

import dev.reproject.cli.api.CommandPlugin;

import java.util.List;

/** The order-history commands of {@code reproject}, found through {@link java.util.ServiceLoader}. */
public final class OrderHistoryCommands implements CommandPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new GenerateCommand(), new QueryCommand(), new ServeCommand());
    }
}
