package io.ecomlog.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecomlog.alert.Alert;
import io.ecomlog.alert.AlertCodec;
import io.ecomlog.backend.lambda.alerts.AlertNotifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Local mode's SNS topic: each message the alerter sends is printed on the console (one line) and appended to a
 * JSON-lines file ({@code subject}, {@code message_id}, and the alert in the alert schema).
 */
final class LocalAlertNotifier implements AlertNotifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream console;
    private final Path file;
    private final AlertCodec codec = new AlertCodec();
    private final List<Alert> sent = new ArrayList<>();

    LocalAlertNotifier(PrintStream console, Path file) {
        this.console = console;
        this.file = file;
    }

    @Override
    public synchronized String send(Alert alert, String subject, String message) {
        String id = "local-" + UUID.randomUUID();
        var line = new LinkedHashMap<String, Object>();
        line.put("subject", subject);
        line.put("message_id", id);
        try {
            line.put("alert", JSON.readTree(codec.encodeToString(alert)));
            Files.createDirectories(file.getParent());
            Files.write(file, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the alerter retries the record, as after an SNS failure
        }
        if (console != null) {
            console.println("ALERT  " + subject);
        }
        sent.add(alert);
        return id;
    }

    /** The alerts sent so far, in order. */
    synchronized List<Alert> sent() {
        return List.copyOf(sent);
    }
}
