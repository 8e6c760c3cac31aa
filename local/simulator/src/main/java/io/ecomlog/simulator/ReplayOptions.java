package io.ecomlog.simulator;

import io.ecomlog.publicdata.PublicData;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The replay's command-line options, shared by the simulator and local mode (a picocli mixin). */
public final class ReplayOptions {

    @Option(names = "--data", description = "the folder of the public samples (default: the repository's data folder)")
    Path data;

    @Option(names = "--rees46", description = "a REES46 file to replay instead of the sample (.csv or .csv.gz)")
    Path rees46;

    @Option(names = "--online-retail", description = "an Online Retail CSV to replay instead of the sample")
    Path onlineRetail;

    @Option(names = "--access-log", description = "an Apache/Nginx access log to replay instead of the sample")
    Path accessLog;

    @Option(names = "--replay-rows", description = "at most this many rows of each file (0: all; default ${DEFAULT-VALUE})")
    long replayRows = 100_000;

    @Option(names = "--keep-time", description = "backfill: replay the files only, in time order, each event at its"
            + " original time (no synthetic shoppers, no injected anomalies)")
    boolean keepTime;

    /** The files: each one given, else the sample of that kind in {@code --data}. */
    public SimulationSettings.ReplayFiles files() {
        var samples = SimulationSettings.ReplayFiles.samples(data != null ? data : PublicData.findDataDir());
        return new SimulationSettings.ReplayFiles(rees46 != null ? rees46 : samples.rees46(),
                onlineRetail != null ? onlineRetail : samples.onlineRetail(),
                accessLog != null ? accessLog : samples.accessLog());
    }

    public long replayRows() {
        return replayRows;
    }

    public boolean keepTime() {
        return keepTime;
    }
}
