package dev.reproject.cli.api;

import java.util.List;

/**
 * Adds subcommands to {@code reproject}: a view module lists its picocli {@code @Command} objects in
 * {@code META-INF/services/dev.reproject.cli.api.CommandPlugin}, and the CLI finds them through
 * {@link java.util.ServiceLoader} without naming the module.
 */
public interface CommandPlugin {

    /** New instances of picocli {@code @Command}-annotated classes. */
    List<Object> commands();
}
