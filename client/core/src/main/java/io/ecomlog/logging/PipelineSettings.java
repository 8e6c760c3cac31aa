package io.ecomlog.logging;

import io.ecomlog.event.App;
import io.ecomlog.metrics.DeliveryListener;
import io.ecomlog.pipeline.ClientSettings;
import io.ecomlog.pipeline.EcomlogClient;
import io.ecomlog.pipeline.PiiRedactor;
import io.ecomlog.settings.Durations;
import io.ecomlog.settings.Setting;
import io.ecomlog.settings.Sizes;
import io.ecomlog.spool.SpoolLocation;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an appender's configuration file may say, as plain text values (so Logback's Joran and Log4j2's plugin
 * builder can set them the same way), checked by {@link #problems()} without any I/O and turned into a running
 * {@link Pipeline} by {@link #open(DeliveryListener)}.
 *
 * <p>Credentials come only from the SDK's default chain or a named {@code profile}: there is deliberately no setting
 * for keys. Durations and sizes are read in the one grammar of {@link Durations} and {@link Sizes}; the client's
 * settings are those of {@link ClientSettings}, reachable by name through {@link #set(String, String)}. Not thread-safe: set it up, check it, then open it.
 */
public final class PipelineSettings {

    /** Loggers whose events the appenders ignore by default: ecomlog itself and the AWS SDK and its HTTP client. */
    public static final String DEFAULT_IGNORED_LOGGERS = "io.ecomlog,software.amazon.awssdk,org.apache.http";

    private String kinesisStream;
    private String firehoseStream;
    private String localLakeDirectory;
    private String s3BackupBucket;
    private String s3BackupPrefix = "backup";
    private String spoolDirectory;
    private String applicationName;
    private String applicationVersion;
    private String environment;
    private String region;
    private String endpoint;
    private String kinesisEndpoint;
    private String firehoseEndpoint;
    private String s3Endpoint;
    private String profile;
    private boolean redactCards = true;
    private boolean redactEmails;
    private boolean truncateIps;
    private String ignoredLoggers = DEFAULT_IGNORED_LOGGERS;
    /** The client's settings as the file wrote them, by their one description ({@link ClientSettings}). */
    private final Map<Setting<?>, String> clientSettings = new LinkedHashMap<>();
    private final List<String> settingProblems = new ArrayList<>();

    // mapping
    private String userIdMdcKey = "user_id";
    private String sessionIdMdcKey = "session_id";
    private String anonymousIdMdcKey = "anonymous_id";
    private String requestIdMdcKey = "request_id";
    private boolean includeMdc = true;
    private boolean errorsAsAppError = true;
    private int maxStackFrames = LogEventMapper.Settings.DEFAULT.maxStackFrames();
    private int maxStackBytes = LogEventMapper.Settings.DEFAULT.maxStackBytes();

    /**
     * What is wrong with these settings, one message per problem (empty when they can be used). Makes no network call
     * and touches no file.
     */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        if (blank(kinesisStream) && blank(firehoseStream) && blank(localLakeDirectory)) {
            problems.add("no destination: set kinesisStream and/or firehoseStream (or localLakeDirectory)");
        }
        check(problems, () -> uri(endpoint, "endpoint"));
        check(problems, () -> uri(kinesisEndpoint, "kinesisEndpoint"));
        check(problems, () -> uri(firehoseEndpoint, "firehoseEndpoint"));
        check(problems, () -> uri(s3Endpoint, "s3Endpoint"));
        problems.addAll(settingProblems);
        clientSettings.forEach((setting, text) -> check(problems, () -> setting.parse(text)));
        if (maxStackFrames <= 0 || maxStackBytes <= 0) {
            problems.add("maxStackFrames and maxStackBytes must be positive");
        }
        if (!blank(region)) {
            check(problems, () -> Region.of(region.trim()));
        }
        return problems;
    }

    /**
     * The mapping settings (MDC keys, stack bounds) and the application stamped on every event: {@code applicationName}
     * (default: the main class or jar name), {@code applicationVersion}, {@code environment} and this host's name.
     */
    public LogEventMapper.Settings mapperSettings() {
        return new LogEventMapper.Settings(userIdMdcKey, sessionIdMdcKey, anonymousIdMdcKey, requestIdMdcKey,
                includeMdc, errorsAsAppError, maxStackFrames, maxStackBytes, app());
    }

    private App app() {
        return App.builder().name(applicationName())
                .version(blank(applicationVersion) ? null : applicationVersion.trim())
                .environment(blank(environment) ? null : environment.trim()).host(SpoolLocation.hostName()).build();
    }

    private String applicationName() {
        return blank(applicationName) ? SpoolLocation.defaultApplicationName() : applicationName.trim();
    }

    /** Thread names the core client gives its own threads (dispatcher, senders, shutdown). */
    public static final String OWN_THREAD_PREFIX = "ecomlog-";

    /**
     * Whether an appender ignores an event: one logged on the client's own threads (whatever library logged it: the
     * SDK, its HTTP client, Resilience4j, Jackson), or by a logger under one of the ignored prefixes.
     */
    public static boolean ignores(List<String> ignoredPrefixes, String logger, String thread) {
        if (thread != null && thread.startsWith(OWN_THREAD_PREFIX)) {
            return true;
        }
        if (logger == null) {
            return false;
        }
        for (String prefix : ignoredPrefixes) {
            if (logger.startsWith(prefix)
                    && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** The logger-name prefixes whose events are ignored. */
    public List<String> ignoredLoggerPrefixes() {
        if (blank(ignoredLoggers)) {
            return List.of();
        }
        return Arrays.stream(ignoredLoggers.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Values of {@code spoolDirectory} that switch the spool off. */
    private static final List<String> NO_SPOOL = List.of("none", "off", "false", "disabled");

    /**
     * The spool folder: {@code spoolDirectory} when set, none when it is {@code none} (or off, false, disabled), else
     * the default {@link SpoolLocation#defaultFor} of {@code applicationName} (default: the main class or jar name)
     * and {@code producerId} (default: the host name), so that a normal exit loses nothing and the next start replays.
     */
    public Path spoolPath() {
        if (!blank(spoolDirectory)) {
            String dir = spoolDirectory.trim();
            return NO_SPOOL.contains(dir.toLowerCase(Locale.ROOT)) ? null : Path.of(dir);
        }
        String producerId = clientSettings.get(ClientSettings.PRODUCER_ID);
        return SpoolLocation.defaultFor(applicationName(), blank(producerId) ? null : producerId.trim());
    }

    /** The configured close timeout ({@link ClientSettings#CLOSE_TIMEOUT}). */
    public Duration closeTimeoutDuration() {
        Duration d = ClientSettings.CLOSE_TIMEOUT.parse(clientSettings.get(ClientSettings.CLOSE_TIMEOUT));
        return d == null ? ClientSettings.CLOSE_TIMEOUT.defaultValue() : d;
    }

    /**
     * Builds the SDK clients and the ecomlog client. Building makes no network call (the SDK resolves credentials on
     * first use; a region left unset is looked up through the SDK's default chain). On failure, whatever was built
     * is closed again.
     *
     * @throws IllegalArgumentException when {@link #problems()} is not empty, or the core client refuses a value
     */
    public Pipeline open(DeliveryListener listener) {
        var problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        var sdkClients = new ArrayList<SdkAutoCloseable>();
        try {
            var b = EcomlogClient.builder().listener(listener);
            clientSettings.forEach((setting, text) -> setParsed(b, setting, text));
            if (!blank(kinesisStream)) {
                var kinesis = configure(KinesisClient.builder(), first(kinesisEndpoint, endpoint)).build();
                sdkClients.add(kinesis);
                b.kinesis(kinesis, kinesisStream.trim());
            }
            if (!blank(firehoseStream)) {
                var firehose = configure(FirehoseClient.builder(), first(firehoseEndpoint, endpoint)).build();
                sdkClients.add(firehose);
                b.firehose(firehose, firehoseStream.trim());
            }
            if (!blank(localLakeDirectory)) {
                b.localLake(Path.of(localLakeDirectory.trim()));
            }
            if (!blank(s3BackupBucket)) {
                String s3Uri = first(s3Endpoint, endpoint);
                var s3Builder = configure(S3Client.builder(), s3Uri);
                if (s3Uri != null) {
                    s3Builder.forcePathStyle(true); // local stand-ins answer path-style requests
                }
                var s3 = s3Builder.build();
                sdkClients.add(s3);
                b.s3Backup(s3, s3BackupBucket.trim(), s3BackupPrefix == null ? "" : s3BackupPrefix.trim());
            }
            Path spool = spoolPath();
            if (spool != null) {
                b.spoolDirectory(spool);
            }
            b.redaction(PiiRedactor.of(redactCards, redactEmails, truncateIps));
            return new Pipeline(b.build(), sdkClients);
        } catch (RuntimeException e) {
            sdkClients.forEach(c -> {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // already failing
                }
            });
            throw e;
        }
    }

    private <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String endpointUri) {
        if (endpointUri != null) {
            builder.endpointOverride(URI.create(endpointUri.trim()));
        }
        if (!blank(region)) {
            builder.region(Region.of(region.trim()));
        }
        builder.credentialsProvider(credentials());
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            // name the HTTP client, so that another one on the class path cannot make the SDK's discovery ambiguous
            sync.httpClientBuilder(ApacheHttpClient.builder());
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (!blank(profile)) {
            return ProfileCredentialsProvider.builder().profileName(profile.trim()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    // ------------------------------------------------------------------ parsing

    /** A duration in the one grammar of {@link Durations}; null for blank text. */
    public static Duration duration(String text, String what) {
        return Durations.parse(text, what);
    }

    /** A positive size in the one grammar of {@link Sizes}; -1 for blank text. */
    public static long size(String text, String what) {
        long bytes = Sizes.parse(text, what);
        if (bytes == 0 || bytes < -1) {
            throw new IllegalArgumentException(what + " must be positive, was \"" + text + "\"");
        }
        return bytes;
    }

    private static <T> void setParsed(EcomlogClient.Builder b, Setting<T> setting, String text) {
        T value = setting.parse(text);
        if (value != null) {
            b.set(setting, value);
        }
    }


    private static URI uri(String text, String what) {
        if (blank(text)) {
            return null;
        }
        try {
            var uri = URI.create(text.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(what + " must be an absolute URL such as http://127.0.0.1:4567,"
                        + " was \"" + text + "\"");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith(what) ? e.getMessage()
                    : what + " is not a URL: \"" + text + "\"");
        }
    }

    private static void check(List<String> problems, Runnable parse) {
        try {
            parse.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static String first(String a, String b) {
        return !blank(a) ? a : !blank(b) ? b : null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ------------------------------------------------------------------ setters (the configuration file's names)

    public void setKinesisStream(String v) { kinesisStream = v; }
    public void setFirehoseStream(String v) { firehoseStream = v; }
    public void setLocalLakeDirectory(String v) { localLakeDirectory = v; }
    public void setS3BackupBucket(String v) { s3BackupBucket = v; }
    public void setS3BackupPrefix(String v) { s3BackupPrefix = v; }
    public void setSpoolDirectory(String v) { spoolDirectory = v; }
    public void setApplicationName(String v) { applicationName = v; }
    public void setApplicationVersion(String v) { applicationVersion = v; }
    public void setEnvironment(String v) { environment = v; }
    public void setSpoolMaxBytes(String v) { set(ClientSettings.SPOOL_MAX_BYTES, v); }
    public void setRegion(String v) { region = v; }
    public void setEndpoint(String v) { endpoint = v; }
    public void setKinesisEndpoint(String v) { kinesisEndpoint = v; }
    public void setFirehoseEndpoint(String v) { firehoseEndpoint = v; }
    public void setS3Endpoint(String v) { s3Endpoint = v; }
    public void setProfile(String v) { profile = v; }
    public void setPartitionKey(String v) { set(ClientSettings.PARTITION_KEY, v); }
    public void setKeyBuckets(Integer v) { set(ClientSettings.KEY_BUCKETS, v == null ? null : v.toString()); }
    public void setLinger(String v) { set(ClientSettings.LINGER, v); }
    public void setBatchBytes(String v) { set(ClientSettings.BATCH_BYTES, v); }
    public void setGzip(Boolean v) { set(ClientSettings.GZIP, v == null ? null : v.toString()); }
    public void setQueueCapacity(Integer v) { set(ClientSettings.QUEUE_CAPACITY, v == null ? null : v.toString()); }
    public void setQueueMaxBytes(String v) { set(ClientSettings.QUEUE_MAX_BYTES, v); }
    public void setOverflowPolicy(String v) { set(ClientSettings.OVERFLOW_POLICY, v); }
    public void setBlockTimeout(String v) { set(ClientSettings.BLOCK_TIMEOUT, v); }
    public void setRecordTtl(String v) { set(ClientSettings.RECORD_TTL, v); }
    public void setCloseTimeout(String v) { set(ClientSettings.CLOSE_TIMEOUT, v); }
    public void setProducerId(String v) { set(ClientSettings.PRODUCER_ID, v); }
    public void setRedactCards(boolean v) { redactCards = v; }
    public void setRedactEmails(boolean v) { redactEmails = v; }
    public void setTruncateIps(boolean v) { truncateIps = v; }
    public void setShutdownHook(boolean v) { set(ClientSettings.SHUTDOWN_HOOK, Boolean.toString(v)); }
    public void setIgnoredLoggers(String v) { ignoredLoggers = v; }
    public void setUserIdMdcKey(String v) { userIdMdcKey = v; }
    public void setSessionIdMdcKey(String v) { sessionIdMdcKey = v; }
    public void setAnonymousIdMdcKey(String v) { anonymousIdMdcKey = v; }
    public void setRequestIdMdcKey(String v) { requestIdMdcKey = v; }
    public void setIncludeMdc(boolean v) { includeMdc = v; }
    public void setErrorsAsAppError(boolean v) { errorsAsAppError = v; }
    public void setMaxStackFrames(int v) { maxStackFrames = v; }
    public void setMaxStackBytes(int v) { maxStackBytes = v; }

    /**
     * Any client setting by its name in {@link ClientSettings} (the builder's camelCase name), as text: how a
     * configuration file reaches every setting, including those without a setter of their own here. A blank value
     * unsets it (the default applies). Checked by {@link #problems()}.
     */
    public void set(String name, String value) {
        set(ClientSettings.named(name), value);
    }

    /**
     * Several client settings in one text, {@code name=value} pairs separated by commas, semicolons or line breaks
     * ({@code replaySharePercent=30, retryMaxBackoff=10s}): the one attribute through which an appender's file
     * reaches every setting of {@link ClientSettings}. An unknown name or a pair without {@code =} is reported by
     * {@link #problems()}.
     */
    public void setSettings(String pairs) {
        if (blank(pairs)) {
            return;
        }
        for (String pair : pairs.split("[,;\\n]")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                settingProblems.add("settings: \"" + pair.strip() + "\" is not name=value");
                continue;
            }
            String name = pair.substring(0, eq).strip();
            try {
                set(name, pair.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                settingProblems.add("settings: " + e.getMessage() + " (the names are ClientSettings')");
            }
        }
    }

    private void set(Setting<?> setting, String value) {
        if (blank(value)) {
            clientSettings.remove(setting);
        } else {
            clientSettings.put(setting, value.trim());
        }
    }

    public String getKinesisStream() { return kinesisStream; }
    public String getFirehoseStream() { return firehoseStream; }
    public String getRegion() { return region; }
    public String getEndpoint() { return endpoint; }
    public String getProfile() { return profile; }
}
