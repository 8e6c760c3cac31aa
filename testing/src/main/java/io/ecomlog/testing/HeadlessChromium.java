package io.ecomlog.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven headless by Debian's chromedriver, with a new empty profile. When either is missing, the
 * first browser of a JVM installs them with {@code tools/install-chromium.sh} (apt, distribution packages only), the one
 * place that is declared; both paths are set, so Selenium Manager never runs and nothing is downloaded. The flags keep
 * Chromium off the network, which this machine's closed network would refuse anyway.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final Path profile;
    private final ChromeDriver browser;

    public HeadlessChromium() {
        ensureInstalled();
        try {
            profile = Files.createTempDirectory("dashboard-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1520", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        browser = new ChromeDriver(service, options);
    }

    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
            return;
        }
        Path script = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && script == null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/install-chromium.sh");
            script = Files.isRegularFile(candidate) ? candidate : null;
        }
        if (script == null) {
            throw new IllegalStateException("no " + CHROMIUM + " or " + CHROMEDRIVER + ", and no"
                    + " tools/install-chromium.sh above " + Path.of("").toAbsolutePath() + " to install them");
        }
        Path log = LocalAws.targetDir().resolve("install-chromium.log");
        try {
            var install = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            if (!install.waitFor(15, TimeUnit.MINUTES) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("installing Chromium failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Chromium", e);
        }
    }

    public ChromeDriver browser() {
        return browser;
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
