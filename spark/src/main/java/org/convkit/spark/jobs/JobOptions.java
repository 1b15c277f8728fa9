package org.convkit.spark.jobs;

import picocli.CommandLine.Option;

/** Options every job takes ({@code @Mixin JobOptions job;}). */
public final class JobOptions {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], local[*], spark://HOST:PORT, yarn... (default: spark-submit's, else local[*]).")
    String master;

    @Option(names = {"-q", "--quiet"}, description = "No summary line.")
    boolean quiet;

    public String master() { return master; }

    public boolean quiet() { return quiet; }
}
