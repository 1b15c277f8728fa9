package org.convkit.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code convkit --version}: the jar's Implementation-Version and the Java that runs it. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "convkit " + (v == null ? "(development build)" : v),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"
        };
    }
}
