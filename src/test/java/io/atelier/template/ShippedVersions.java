package io.atelier.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a shipped template's {@code template.yaml} declares, read from the file, so the
 * tests that edit a template or read its revisions follow its author's bumps.
 */
public final class ShippedVersions {

    private static final Pattern VERSION = Pattern.compile("^version: (\\d+)$", Pattern.MULTILINE);

    private ShippedVersions() {
    }

    /** The top-level {@code version:} of {@code lab-templates/<id>/template.yaml}. */
    public static int of(String templateId) {
        Path yaml = Path.of("lab-templates", templateId, "template.yaml");
        try {
            Matcher m = VERSION.matcher(Files.readString(yaml));
            if (!m.find()) throw new IllegalStateException(yaml + " has no top-level 'version:' line");
            return Integer.parseInt(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
