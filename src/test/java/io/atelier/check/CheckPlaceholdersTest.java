package io.atelier.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import io.atelier.document.Text;
import io.atelier.referential.ReferentialLoader;
import io.atelier.template.TemplateLoader;
import io.atelier.template.TemplateSpec;
import io.atelier.template.TemplateSpec.Check;
import io.atelier.template.TemplateSpec.Expect;
import io.atelier.template.TemplateSpec.FileCheck;
import io.atelier.template.TemplateSpec.HttpCheck;
import io.atelier.template.TemplateSpec.JsonMatch;
import io.atelier.template.TemplateSpec.Matcher;

/** A check is made concrete for one lab: its texts get the lab's parameter values. */
class CheckPlaceholdersTest {

    @Test
    void everyTextOfACheckIsFilledAndTheRestKept() {
        Check template = new Check("c", List.of("X.y"), 2.0, "poste", new Text("Le site {{site}}", null),
                new Text("Bloquez {{site}} pour {{trainee}}", "Block {{site}}"), "30s", "curl -s http://{{site}}/",
                new Expect(new TextNode("nonzero"), new Matcher(null, "{{site}}", null, null, null),
                        new Matcher(null, null, null, new JsonMatch("/a", new TextNode("{{site}}")), null)),
                new FileCheck("/home/{{trainee}}/rapport", true, null, null, "{{trainee}}"), null, null,
                new HttpCheck("http://{{site}}/", null, false, null), null, "reboot");
        Check filled = CheckPlaceholders.fill(template, Map.of("site", "jeux.example", "trainee", "stagiaire1"));
        assertEquals("curl -s http://jeux.example/", filled.run());
        assertEquals("Le site jeux.example", filled.description().fr());
        assertEquals("Bloquez jeux.example pour stagiaire1", filled.feedback().fr());
        assertEquals("Block jeux.example", filled.feedback().en());
        assertEquals("jeux.example", filled.expect().stdout().contains());
        assertEquals("jeux.example", filled.expect().stderr().json().equals().asText());
        assertEquals("nonzero", filled.expect().exit().asText());
        assertEquals("/home/stagiaire1/rapport", filled.file().path());
        assertEquals("stagiaire1", filled.file().owner());
        assertEquals("http://jeux.example/", filled.http().url());
        assertEquals(false, filled.http().reachable());
        assertEquals("30s", filled.timeout());
        assertEquals(2.0, filled.points());
        assertTrue(filled.afterReboot(), "graded after the platform's reboot, as in the template");
    }

    @Test
    void aCheckOfAStartedTaskGetsTheStartThePlatformRecordedAndNothingBeforeIt() throws Exception {
        Path templates = Path.of("lab-templates");
        TemplateSpec spec = new TemplateLoader(templates.resolve("schema"),
                new ReferentialLoader(templates.resolve("schema")).loadAll(templates.resolve("referentiels")))
                .load(Path.of("src/test/lab-templates/rattrapage")).spec();
        Map<String, String> values = Map.of("mot", "alpha", "trainee", "stagiaire1");
        List<CheckPlaceholders.Filled> started = CheckPlaceholders.fillAll(spec, c -> true, values,
                Map.of("copier", Instant.parse("2026-12-01T08:30:15.750Z")));
        assertEquals(List.of("ecrire", "copier", "copier", "finir"), started.stream().map(CheckPlaceholders.Filled::task).toList());
        assertTrue(started.get(2).check().run().startsWith("debut='1796113815'\n"), started.get(2).check().run());
        assertEquals("grep -qx alpha /etc/atelier-mot", started.get(0).check().run());
        List<CheckPlaceholders.Filled> notYet = CheckPlaceholders.fillAll(spec, c -> c.id().equals("copie-apres-debut"), values,
                Map.of());
        assertEquals(1, notYet.size());
        assertTrue(notYet.get(0).check().run().startsWith("debut=''\n"), notYet.get(0).check().run());
    }
}
