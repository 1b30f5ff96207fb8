package io.atelier.referential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.atelier.document.DocumentException;
import io.atelier.document.Problem;
import io.atelier.template.LabTemplate;
import io.atelier.template.TemplateLoader;

/**
 * The referential files shipped in lab-templates/referentiels: all five frameworks of the
 * seeds load, criterion ids are unique, and every criterion a template cites exists and
 * can be established by a check.
 */
class ReferentialFilesTest {

    static final Path TEMPLATES = Path.of("lab-templates");
    static Referentials referentials;

    @TempDir
    Path work;

    @BeforeAll
    static void load() throws DocumentException {
        referentials = new ReferentialLoader(TEMPLATES.resolve("schema")).loadAll(TEMPLATES.resolve("referentiels"));
    }

    @Test
    void theFiveFrameworksOfTheSeedsAreEncoded() {
        assertEquals(List.of("admin-infra-igs", "bts-sio-b1", "gmsi", "tai", "tssr"),
                referentials.all().stream().map(Referential::id).toList());
        Set<String> sources = new HashSet<>();
        for (Referential r : referentials.all()) {
            assertTrue(sources.add(r.source()), "one referential per seed file: " + r.source());
            assertTrue(r.criteria().count() > 0, r.id() + " has criteria");
            assertTrue(r.criteria().anyMatch(p -> p.criterion().verifiable()), r.id() + " has criteria a lab can verify");
        }
    }

    @Test
    void everyCriterionIdIsUniqueInItsReferential() {
        for (Referential r : referentials.all()) {
            List<String> ids = r.criteria().map(p -> p.criterion().id()).toList();
            assertEquals(ids.size(), new HashSet<>(ids).size(), r.id() + " repeats a criterion id");
            r.criteria().forEach(p -> assertTrue(p.criterion().id().startsWith(p.competency().id() + "."),
                    p.criterion().id() + " is named after its competency"));
            r.criteria().forEach(p -> assertFalse(p.criterion().text().fr().isBlank(), p.criterion().id() + " has a French text"));
        }
    }

    @Test
    void everyCriterionCitedByATemplateResolvesAndIsVerifiable() throws DocumentException {
        TemplateLoader loader = new TemplateLoader(TEMPLATES.resolve("schema"), referentials);
        List<Path> folders = TemplateLoader.templateFolders(TEMPLATES);
        assertFalse(folders.isEmpty());
        for (Path folder : folders) {
            LabTemplate t = loader.load(folder);
            Referential r = referentials.find(t.spec().referential()).orElseThrow();
            for (String id : t.criteriaCovered()) {
                var criterion = r.criterion(id);
                assertTrue(criterion.isPresent(), t.id() + " cites " + id + " which " + r.id() + " lacks");
                assertTrue(criterion.get().criterion().verifiable(), t.id() + " checks " + id + ", which is not verifiable on machines");
            }
        }
    }

    @Test
    void aDuplicateCriterionIdIsReportedWhereItIs() throws Exception {
        String tai = Files.readString(TEMPLATES.resolve("referentiels/tai.yaml"));
        Path broken = work.resolve("tai.yaml");
        Files.writeString(broken, tai.replace("id: C17.tests-exploitabilite", "id: C17.bloquer-sites"));
        DocumentException e = assertThrows(DocumentException.class,
                () -> new ReferentialLoader(TEMPLATES.resolve("schema")).load(broken));
        assertEquals(1, e.problems().size(), e::getMessage);
        Problem p = e.problems().get(0);
        assertTrue(p.message().startsWith("duplicate criterion id 'C17.bloquer-sites'; already used at $.blocks["), p::toString);
        assertTrue(p.path().endsWith(".id") && p.line() > 0, p::toString);
    }

    @Test
    void aCriterionOutsideItsCompetencyIsReported() throws Exception {
        String tai = Files.readString(TEMPLATES.resolve("referentiels/tai.yaml"));
        Path broken = work.resolve("tai.yaml");
        Files.writeString(broken, tai.replace("id: C17.bloquer-sites", "id: C18.bloquer-sites"));
        DocumentException e = assertThrows(DocumentException.class,
                () -> new ReferentialLoader(TEMPLATES.resolve("schema")).load(broken));
        assertEquals(1, e.problems().size(), e::getMessage);
        assertTrue(e.problems().get(0).message().contains("does not start with its competency id; expected 'C17.<slug>'"),
                e::getMessage);
    }
}
