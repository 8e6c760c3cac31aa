package io.ecomlog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in that runs on Node.js from an npm package in {@code tools/standins} (kinesis-local, dynalite): started
 * under a small {@code sh} watchdog that stops node when this JVM dies, even by SIGKILL, with its output in
 * {@code target/<name>-<port>.log}, and ready once its port accepts connections.
 *
 * <p>The package is found under {@code <standins>/node_modules/<package>}, where {@code <standins>} is the system
 * property {@value #STANDINS_DIR_PROPERTY} (set by surefire) or the first {@code tools/standins} found walking up
 * from the working directory; when it is missing, {@code npm install} runs there first.
 */
public final class NodeStandIn {

    /** System property naming the {@code tools/standins} directory. */
    public static final String STANDINS_DIR_PROPERTY = "ecomlog.standins.dir";
    /** System property naming the {@code node} executable (default: {@code node} on the PATH). */
    public static final String NODE_PROPERTY = "ecomlog.node";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Runs its arguments as a command that stops when this JVM does: the shell's stdin is a pipe from this JVM, and
     * its EOF means the JVM is gone. SIGTERM from {@link Process#destroy()} also stops the command.
     */
    static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "child=$!",
            "trap 'kill \"$child\" 2>/dev/null; exit 0' TERM INT HUP",
            "( cat <&3 >/dev/null; kill \"$child\" 2>/dev/null ) &",
            "wait \"$child\"");

    private final String name;
    private final Process process;
    private final Path logFile;

    private NodeStandIn(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code node <package>/<main> args...} with {@code env} added (a null value removes the variable), and waits until {@code port} listens.
     *
     * @param port the port the stand-in was told to listen on (through {@code args} or {@code env})
     */
    public static NodeStandIn start(String packageName, String main, List<String> args, Map<String, String> env,
                                    int port) {
        Path pkg = findPackage(packageName, main);
        Path log = LocalAws.targetDir().resolve(packageName + "-" + port + ".log");
        String node = System.getProperty(NODE_PROPERTY, "node");
        String mainFile = pkg.resolve(main).toString();
        var command = new ArrayList<String>();
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        if (windows) {
            command.add(node);
            command.add(mainFile);
        } else {
            command.addAll(List.of("sh", "-c", WATCHDOG, "sh", node, mainFile));
        }
        command.addAll(args);
        var pb = new ProcessBuilder(command);
        env.forEach((key, value) -> {
            if (value == null) {
                pb.environment().remove(key);
            } else {
                pb.environment().put(key, value);
            }
        });
        pb.directory(LocalAws.targetDir().toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + packageName + ": " + e.getMessage(), e);
        }
        var standIn = new NodeStandIn(packageName, process, log);
        try {
            standIn.awaitListening(port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::stop, packageName + "-stop"));
        return standIn;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the stand-in's output, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops node (SIGTERM, then SIGKILL after 5 s). */
    public void stop() {
        process.destroy();
        try {
            process.getOutputStream().close(); // ends the watchdog's wait for EOF
        } catch (IOException ignored) {
            // already closed
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before listening; output:\n" + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LocalAws.LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not listen on " + port + " within "
                            + START_TIMEOUT + "; output:\n" + tail());
                }
                sleep(50);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The installed package's directory (the one holding {@code main}). */
    public static Path findPackage(String packageName, String main) {
        Path standIns = standInsDir();
        Path pkg = standIns.resolve("node_modules").resolve(packageName);
        if (!Files.isRegularFile(pkg.resolve(main))) {
            install(standIns);
        }
        if (!Files.isRegularFile(pkg.resolve(main))) {
            throw new IllegalStateException(packageName + " is not in " + standIns.resolve("package.json")
                    + ": npm install did not bring " + pkg.resolve(main));
        }
        return pkg;
    }

    /** {@code tools/standins}: the system property, else the first found walking up from the working directory. */
    static Path standInsDir() {
        String configured = System.getProperty(STANDINS_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/standins");
            tried.add(candidate);
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no tools/standins/package.json above the working directory (set -D"
                + STANDINS_DIR_PROPERTY + "); looked in " + tried);
    }

    /**
     * Runs {@code npm install} in the stand-ins' folder, the one place it is declared, so any suite, an IDE run and
     * local mode find the packages whichever module started first. A file lock keeps two JVMs from installing at
     * once; the second finds the packages there when it gets the lock.
     */
    private static void install(Path standIns) {
        Path lockFile = standIns.resolve(".install.lock");
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            Path log = LocalAws.targetDir().resolve("npm-install.log");
            var npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                    "--loglevel=error")
                    .directory(standIns.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!npm.waitFor(10, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install in " + standIns + " took over 10 minutes; see " + log);
            }
            if (npm.exitValue() != 0) {
                throw new IllegalStateException("npm install in " + standIns + " failed (exit " + npm.exitValue()
                        + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm install in " + standIns, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm installed the stand-ins", e);
        }
    }
}
