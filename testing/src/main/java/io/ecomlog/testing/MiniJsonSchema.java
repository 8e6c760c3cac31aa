package io.ecomlog.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small JSON Schema validator for the keywords our generator emits ($ref to local $defs, type, properties,
 * required, additionalProperties, items, enum, const, pattern, minimum, allOf, anyOf, if/then). Enough to prove
 * that what the codec writes is what the schema describes, without a validator library.
 */
public final class MiniJsonSchema {

    private final JsonNode root;

    public MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    public String timestampPattern() {
        return root.get("$defs").get("timestamp").get("pattern").asText();
    }

    /** The violations of {@code instance}, each with its JSON path; empty when valid. */
    public List<String> validate(JsonNode instance) {
        var errors = new ArrayList<String>();
        check(root, instance, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            JsonNode target = root.get("$defs").get(ref.substring("#/$defs/".length()));
            if (target == null) {
                throw new IllegalArgumentException("dangling $ref " + ref);
            }
            check(target, value, path, errors);
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            errors.add(path + ": expected " + schema.get("type").asText() + ", was " + value);
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const"));
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                errors.add(path + ": not in enum: " + value);
            }
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": \"" + value.asText() + "\" does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": below minimum");
        }
        if (value.isObject()) {
            checkObject(schema, value, path, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode sub : schema.get("allOf")) {
                check(sub, value, path, errors);
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode sub : schema.get("anyOf")) {
                any |= validAgainst(sub, value, path);
            }
            if (!any) {
                errors.add(path + ": matches none of anyOf " + schema.get("anyOf"));
            }
        }
        if (schema.has("if") && validAgainst(schema.get("if"), value, path) && schema.has("then")) {
            check(schema.get("then"), value, path, errors);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("required")) {
            for (JsonNode name : schema.get("required")) {
                if (!value.has(name.asText())) {
                    errors.add(path + ": missing required " + name.asText());
                }
            }
        }
        JsonNode properties = schema.get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var field = it.next();
            if (properties != null && properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), path + "." + field.getKey(), errors);
            } else if (schema.has("additionalProperties")) {
                check(schema.get("additionalProperties"), field.getValue(), path + "." + field.getKey(), errors);
            }
        }
    }

    private boolean validAgainst(JsonNode schema, JsonNode value, String path) {
        var errors = new ArrayList<String>();
        check(schema, value, path, errors);
        return errors.isEmpty();
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("unsupported type " + type);
        };
    }
}
