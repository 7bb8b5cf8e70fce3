package dev.reproject.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the {@code Implementation-Version} of the CLI jar's manifest, "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {

    static final String UNPACKAGED = "dev";

    @Override
    public String[] getVersion() {
        return new String[]{
                "reproject " + version(VersionProvider.class.getPackage()),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }

    static String version(Package fromPackage) {
        String version = fromPackage == null ? null : fromPackage.getImplementationVersion();
        return version == null || version.isBlank() ? UNPACKAGED : version;
    }
}
