package io.atelier.document;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML file read as a JSON tree, remembering where each value sits so that a problem
 * found at a JSON path can be reported with its line.
 *
 * <p>Jackson gives the tree (what JSON Schema validates); SnakeYAML's node graph, which
 * keeps source marks, answers {@link #lineOf(String)}. Duplicate keys are an error.
 */
public final class YamlDocument {

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Pattern SEGMENT = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['([^']*)']");

    private final String file;
    private final JsonNode tree;
    private final Node marks;

    private YamlDocument(String file, JsonNode tree, Node marks) {
        this.file = file;
        this.tree = tree;
        this.marks = marks;
    }

    /**
     * Reads a YAML file.
     *
     * @param path        the file
     * @param displayName how the file is named in problems
     * @throws DocumentException when the file cannot be read, is not YAML, or is empty
     */
    public static YamlDocument read(Path path, String displayName) throws DocumentException {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new DocumentException(List.of(new Problem(displayName, 0, "$", "cannot read the file: " + e.getMessage())));
        }
        return parse(text, displayName);
    }

    /** Parses YAML text; see {@link #read(Path, String)}. */
    public static YamlDocument parse(String text, String displayName) throws DocumentException {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DocumentException(List.of(new Problem(displayName, Math.max(line, 0), "$",
                    "not valid YAML: " + e.getOriginalMessage())));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new DocumentException(List.of(new Problem(displayName, 0, "$", "the file is empty; expected a YAML mapping")));
        }
        LoaderOptions options = new LoaderOptions();
        Node marks = new Yaml(options).compose(new StringReader(text));
        return new YamlDocument(displayName, tree, marks);
    }

    public String file() {
        return file;
    }

    public JsonNode tree() {
        return tree;
    }

    /** A problem at a JSON path of this document, with its line when the path exists. */
    public Problem problem(String path, String message) {
        return new Problem(file, lineOf(path), path, message);
    }

    /**
     * The 1-based line of the value at a JSON path such as {@code $.tasks[0].checks[2].on},
     * or of its nearest existing ancestor; 0 when unknown.
     */
    public int lineOf(String path) {
        Node node = marks;
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        Matcher m = SEGMENT.matcher(path.startsWith("$") ? path.substring(1) : path);
        while (node != null && m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(3);
            Node next = null;
            if (key != null && node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        next = tuple.getValueNode();
                        line = tuple.getKeyNode().getStartMark().getLine() + 1;
                        break;
                    }
                }
            } else if (m.group(2) != null && node instanceof SequenceNode seq) {
                int index = Integer.parseInt(m.group(2));
                if (index < seq.getValue().size()) {
                    next = seq.getValue().get(index);
                    line = next.getStartMark().getLine() + 1;
                }
            }
            node = next;
        }
        return line;
    }

    /** Every scalar string of the document with its JSON path, in document order. */
    public List<StringAt> strings() {
        List<StringAt> out = new ArrayList<>();
        collect(tree, "$", out);
        return out;
    }

    private static void collect(JsonNode node, String path, List<StringAt> out) {
        if (node.isTextual()) {
            out.add(new StringAt(path, node.textValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), child(path, e.getKey()), out));
        }
    }

    /** The JSON path of a named child: {@code $.a.b}, or {@code $.a['odd key']}. */
    public static String child(String path, String key) {
        return key.matches("[A-Za-z_][A-Za-z0-9_-]*") ? path + "." + key : path + "['" + key + "']";
    }

    /** A string value of the document and where it is. */
    public record StringAt(String path, String value) {
    }
}
