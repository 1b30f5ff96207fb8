package io.atelier.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks a {@link YamlDocument} against a JSON Schema (draft 2020-12) and words each
 * violation for the author: the exact path, and what was expected, taken from the
 * schema's own {@code description}s so the schema stays the single reference.
 */
public final class SchemaValidator {

    private final JsonNode schemaTree;
    private final JsonSchema schema;

    private SchemaValidator(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree, config);
    }

    /** Loads a schema file, such as {@code lab-templates/schema/template.schema.json}. */
    public static SchemaValidator load(Path schemaFile) {
        try (InputStream in = Files.newInputStream(schemaFile)) {
            return new SchemaValidator(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the JSON Schema " + schemaFile + ": " + e.getMessage(), e);
        }
    }

    /** Every violation of the schema, in document order; empty when the document conforms. */
    public List<Problem> validate(YamlDocument document) {
        Set<ValidationMessage> messages = schema.validate(document.tree());
        // A failed oneOf already says what was expected; the failures of each alternative are noise.
        Set<String> oneOfFailures = new TreeSet<>();
        for (ValidationMessage m : messages) {
            if ("oneOf".equals(m.getType())) {
                oneOfFailures.add(m.getInstanceLocation().toString());
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (ValidationMessage m : messages) {
            String at = m.getInstanceLocation().toString();
            if (!"oneOf".equals(m.getType()) && insideOneOf(m) && coveredBy(at, oneOfFailures)) {
                continue;
            }
            problems.add(describe(document, m));
        }
        problems.sort(Comparator.comparingInt(Problem::line).thenComparing(Problem::path));
        return problems.stream().distinct().toList();
    }

    private static boolean insideOneOf(ValidationMessage m) {
        return m.getEvaluationPath().toString().contains("oneOf");
    }

    private static boolean coveredBy(String at, Set<String> oneOfFailures) {
        return oneOfFailures.stream().anyMatch(f -> at.equals(f) || at.startsWith(f + ".") || at.startsWith(f + "["));
    }

    private Problem describe(YamlDocument document, ValidationMessage m) {
        String at = m.getInstanceLocation().toString();
        String pointer = pointerOf(m);
        JsonNode owner = schemaTree.at(parentPointer(pointer));
        return switch (m.getType()) {
            case "required" -> {
                JsonNode property = owner.path("properties").path(m.getProperty());
                yield document.problem(at, "missing property '" + m.getProperty() + "'" + expected(property));
            }
            case "additionalProperties" -> {
                List<String> allowed = new ArrayList<>();
                owner.path("properties").fieldNames().forEachRemaining(allowed::add);
                yield document.problem(YamlDocument.child(at, m.getProperty()),
                        "unknown property '" + m.getProperty() + "'; expected one of: " + String.join(", ", allowed));
            }
            case "propertyNames" -> document.problem(at, plain(m) + expected(owner));
            case "oneOf" -> document.problem(at, "does not have one of the allowed forms" + expected(owner));
            default -> document.problem(at, valueOf(m) + plain(m) + expected(owner));
        };
    }

    /** networknt's message without its leading "$.path: ". */
    private static String plain(ValidationMessage m) {
        String text = m.getMessage();
        String prefix = m.getInstanceLocation() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String valueOf(ValidationMessage m) {
        JsonNode value = m.getInstanceNode();
        if (value == null || !value.isValueNode()) {
            return "";
        }
        return "value " + value + " ";
    }

    private static String expected(JsonNode schemaNode) {
        String description = schemaNode.path("description").asText("");
        return description.isEmpty() ? "" : "; expected: " + description;
    }

    private static String pointerOf(ValidationMessage m) {
        String location = m.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        return hash < 0 ? "" : location.substring(hash + 1);
    }

    private static String parentPointer(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }
}
