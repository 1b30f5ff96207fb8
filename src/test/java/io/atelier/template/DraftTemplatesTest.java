package io.atelier.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.atelier.document.DocumentException;
import io.atelier.referential.ReferentialLoader;
import io.atelier.referential.Referentials;

/**
 * The drafts of lab-templates-brouillons/ are neither loaded by the platform nor proved by the
 * suite, so nothing else notices when a change of the format leaves one behind: each must still
 * load with the shipped schema and referentials, as `./atelier prove` will load it.
 */
class DraftTemplatesTest {

    static final Path SHIPPED = Path.of("lab-templates");
    static final Path DRAFTS = Path.of("lab-templates-brouillons");

    @Test
    void everyDraftLoadsWithTheShippedSchemaAndReferentials() throws DocumentException {
        Referentials referentials = new ReferentialLoader(SHIPPED.resolve("schema")).loadAll(SHIPPED.resolve("referentiels"));
        TemplateLoader loader = new TemplateLoader(SHIPPED.resolve("schema"), referentials);
        List<Path> folders = TemplateLoader.templateFolders(DRAFTS);
        // none between two drafts (every template shipped): nothing to load
        Assumptions.assumeFalse(folders.isEmpty(), "no draft in " + DRAFTS);
        List<String> broken = new ArrayList<>();
        for (Path folder : folders) {
            try {
                LabTemplate t = loader.load(folder);
                assertEquals(folder.getFileName().toString(), t.id(), "a draft's folder is named after its id");
                assertTrue(!t.spec().counterexamples().isEmpty() && !t.spec().alternatives().isEmpty(),
                        t.id() + " ships counterexamples and alternatives for its proof");
            } catch (DocumentException e) {
                broken.add(folder + ": " + e.getMessage());
            }
        }
        assertTrue(broken.isEmpty(), String.join("\n", broken));
    }
}
