package io.atelier.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.atelier.TestFiles;
import io.atelier.lab.LabPlan;
import io.atelier.referential.ReferentialLoader;
import io.atelier.referential.Referentials;

/** The template revision a lab keeps in its plan: whole, unchanged by the JSON it is stored as, and by later edits. */
class TemplateSnapshotTest {

    static final Path TEMPLATES = Path.of("lab-templates");

    /** As the platform's mapper (Quarkus's defaults): unknown properties ignored, modules found. */
    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @TempDir
    Path work;

    static TemplateLoader loader() throws Exception {
        Referentials referentials = new ReferentialLoader(TEMPLATES.resolve("schema")).loadAll(TEMPLATES.resolve("referentiels"));
        return new TemplateLoader(TEMPLATES.resolve("schema"), referentials);
    }

    @Test
    void everyShippedTemplateReadsBackFromTheStoredPlanAsItWasTaken() throws Exception {
        TemplateLoader loader = loader();
        List<Path> folders = TemplateLoader.templateFolders(TEMPLATES);
        assertTrue(folders.size() >= 2, "the shipped templates: " + folders);
        for (Path folder : folders) {
            TemplateSnapshot snapshot = TemplateSnapshot.of(loader.load(folder));
            LabPlan plan = new LabPlan(List.of(), List.of(), List.of(), snapshot);
            LabPlan back = JSON.readValue(JSON.writeValueAsString(plan), LabPlan.class);
            assertEquals(snapshot, back.template(), folder.toString());
            for (TemplateSpec.Task task : snapshot.spec().tasks()) {
                for (String file : task.instructions().files()) {
                    assertEquals(Files.readString(folder.resolve(file)), back.template().file(file), folder + ": " + file);
                }
                if (task.solution() != null) {
                    assertEquals(Files.readString(folder.resolve(task.solution().script())),
                            back.template().file(task.solution().script()));
                }
            }
        }
    }

    @Test
    void editsOfTheFolderAfterTheSnapshotChangeNothingInIt() throws Exception {
        Path folder = work.resolve("pare-feu-nftables");
        TestFiles.copyTree(TEMPLATES.resolve("pare-feu-nftables"), folder);
        TemplateSnapshot snapshot = TemplateSnapshot.of(loader().load(folder));
        String instructions = snapshot.file("instructions/activer-routage.fr.md");
        Files.writeString(folder.resolve("instructions/activer-routage.fr.md"), "Consignes réécrites.");
        Files.writeString(folder.resolve("template.yaml"),
                Files.readString(folder.resolve("template.yaml")).replace("points: 2", "points: 20"));
        assertEquals(instructions, snapshot.file("instructions/activer-routage.fr.md"));
        assertEquals(2.0, snapshot.spec().tasks().get(0).checks().get(0).pointsOrDefault());
        assertEquals(20.0, loader().load(folder).spec().tasks().get(0).checks().get(0).pointsOrDefault(), "the test edits what it should");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> snapshot.file("setup/web.sh"));
        assertTrue(missing.getMessage().contains("kept no file setup/web.sh"), missing.getMessage());
    }

    @Test
    void aPlanStoredBeforeRevisionsWereKeptReadsWithoutOne() throws Exception {
        LabPlan old = JSON.readValue("{\"networks\": [], \"nodes\": [], \"faults\": []}", LabPlan.class);
        assertEquals(null, old.template());
    }
}
