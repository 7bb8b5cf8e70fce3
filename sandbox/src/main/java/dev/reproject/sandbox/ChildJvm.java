package dev.reproject.sandbox;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/** Command lines for server JVMs that run under {@link ParentWatchdog}, so they die with this JVM. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * {@code java OPTIONS -cp OURS:CLASSPATH ParentWatchdog OUR_PID MAIN_CLASS ARGS}, with the same Java as this
     * JVM.
     */
    static List<String> command(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(ownClasspathEntry() + File.pathSeparator + classpath);
        command.add(ParentWatchdog.class.getName());
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The jar or classes directory this sandbox was loaded from: the child needs it for {@link ParentWatchdog}. */
    static Path ownClasspathEntry() {
        CodeSource source = ParentWatchdog.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("Cannot tell where " + ParentWatchdog.class.getName()
                    + " was loaded from: load the sandbox from a jar or a classes directory");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot use " + source.getLocation() + " as a classpath entry", e);
        }
    }
}
