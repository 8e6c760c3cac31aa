package io.ecomlog.shipper;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.stream.Collectors;

/** A configuration file that cannot be used; the message names the file and the setting. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code flows[0].format: ...} from Jackson's path, with the first line of its message. */
    static String describe(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String message = e.getOriginalMessage().lines().findFirst().orElse("");
        return (field.isEmpty() ? "" : field + ": ") + message;
    }
}
