package io.atelier.referential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.document.DocumentException;
import io.atelier.document.Problem;
import io.atelier.document.SchemaValidator;
import io.atelier.document.YamlDocument;

/**
 * Reads {@code lab-templates/referentiels/*.yaml}: each file is checked against
 * {@code lab-templates/schema/referential.schema.json}, then for what the schema cannot
 * say (the id equals the file name, ids are unique, a criterion id starts with its
 * competency id). Every problem of every file is reported at once.
 */
public final class ReferentialLoader {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final SchemaValidator schema;

    public ReferentialLoader(Path schemaDir) {
        this.schema = SchemaValidator.load(schemaDir.resolve("referential.schema.json"));
    }

    public Referentials loadAll(Path referentialsDir) throws DocumentException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(referentialsDir)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new DocumentException(List.of(new Problem(referentialsDir.toString(), 0, "$",
                    "cannot list the referentials folder: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        List<Referential> loaded = new ArrayList<>();
        for (Path file : files) {
            try {
                loaded.add(load(file));
            } catch (DocumentException e) {
                problems.addAll(e.problems());
            }
        }
        if (files.isEmpty()) {
            problems.add(new Problem(referentialsDir.toString(), 0, "$", "no referential found; expected at least one <id>.yaml"));
        }
        if (!problems.isEmpty()) {
            throw new DocumentException(problems);
        }
        return new Referentials(loaded);
    }

    public Referential load(Path file) throws DocumentException {
        YamlDocument doc = YamlDocument.read(file, file.toString());
        List<Problem> problems = new ArrayList<>(schema.validate(doc));
        problems.addAll(rules(doc, file));
        if (!problems.isEmpty()) {
            throw new DocumentException(problems);
        }
        try {
            return MAPPER.treeToValue(doc.tree(), Referential.class);
        } catch (IOException e) {
            throw new DocumentException(List.of(doc.problem("$", "cannot be read as a referential: " + e.getMessage())));
        }
    }

    private static List<Problem> rules(YamlDocument doc, Path file) {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = doc.tree();
        String expectedId = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (root.path("id").isTextual() && !root.path("id").asText().equals(expectedId)) {
            problems.add(doc.problem("$.id", "id '" + root.path("id").asText() + "' differs from the file name; expected '" + expectedId + "'"));
        }
        Map<String, String> seen = new HashMap<>();
        JsonNode blocks = root.path("blocks");
        for (int b = 0; b < blocks.size(); b++) {
            String blockPath = "$.blocks[" + b + "]";
            unique(doc, seen, "block", blocks.get(b).path("id"), blockPath + ".id", problems);
            JsonNode competencies = blocks.get(b).path("competencies");
            for (int c = 0; c < competencies.size(); c++) {
                String competencyPath = blockPath + ".competencies[" + c + "]";
                JsonNode competencyId = competencies.get(c).path("id");
                unique(doc, seen, "competency", competencyId, competencyPath + ".id", problems);
                JsonNode criteria = competencies.get(c).path("criteria");
                for (int k = 0; k < criteria.size(); k++) {
                    String criterionPath = competencyPath + ".criteria[" + k + "].id";
                    JsonNode criterionId = criteria.get(k).path("id");
                    unique(doc, seen, "criterion", criterionId, criterionPath, problems);
                    if (criterionId.isTextual() && competencyId.isTextual()
                            && !criterionId.asText().startsWith(competencyId.asText() + ".")) {
                        problems.add(doc.problem(criterionPath, "criterion '" + criterionId.asText()
                                + "' does not start with its competency id; expected '" + competencyId.asText() + ".<slug>'"));
                    }
                }
            }
        }
        return problems;
    }

    private static void unique(YamlDocument doc, Map<String, String> seen, String kind, JsonNode id, String path, List<Problem> problems) {
        if (!id.isTextual()) {
            return;
        }
        String key = kind + ":" + id.asText();
        String first = seen.putIfAbsent(key, path);
        if (first != null) {
            problems.add(doc.problem(path, "duplicate " + kind + " id '" + id.asText() + "'; already used at " + first
                    + " (line " + doc.lineOf(first) + "); expected ids unique in the referential"));
        }
    }
}
