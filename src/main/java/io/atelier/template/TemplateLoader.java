package io.atelier.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.atelier.document.DocumentException;
import io.atelier.document.Problem;
import io.atelier.document.SchemaValidator;
import io.atelier.document.YamlDocument;
import io.atelier.referential.Referentials;

/**
 * Reads lab templates: {@code <folder>/template.yaml} is checked against
 * {@code template.schema.json}, then against {@link TemplateRules}; every problem is
 * reported with its file, line, path and expectation. Plain Java, so that
 * {@code ./atelier validate} uses exactly what the server uses.
 */
public final class TemplateLoader {

    public static final String TEMPLATE_FILE = "template.yaml";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final SchemaValidator schema;
    private final Referentials referentials;

    public TemplateLoader(Path schemaDir, Referentials referentials) {
        this.schema = SchemaValidator.load(schemaDir.resolve("template.schema.json"));
        this.referentials = referentials;
    }

    /** The template folders under a directory: its subfolders holding a template.yaml, sorted. */
    public static List<Path> templateFolders(Path dir) {
        if (Files.isRegularFile(dir.resolve(TEMPLATE_FILE))) {
            return List.of(dir);
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(TEMPLATE_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /** Loads one template folder; throws with every problem found. */
    public LabTemplate load(Path folder) throws DocumentException {
        Path file = folder.resolve(TEMPLATE_FILE);
        YamlDocument doc = YamlDocument.read(file, TemplateRules.display(file));
        List<Problem> problems = new ArrayList<>(schema.validate(doc));
        problems.addAll(TemplateRules.check(doc, folder, referentials));
        if (!problems.isEmpty()) {
            throw new DocumentException(problems.stream().distinct()
                    .sorted(java.util.Comparator.comparing(Problem::file).thenComparingInt(Problem::line)).toList());
        }
        try {
            TemplateSpec spec = MAPPER.treeToValue(doc.tree(), TemplateSpec.class);
            return new LabTemplate(spec, folder.toAbsolutePath().normalize(), hashOf(folder));
        } catch (IOException e) {
            throw new DocumentException(List.of(doc.problem("$", "cannot be read as a template: " + e.getMessage())));
        }
    }

    /** SHA-256 over every file of the folder (relative path and content), in path order. */
    static String hashOf(Path folder) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            digest.update(folder.relativize(f).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(f));
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
