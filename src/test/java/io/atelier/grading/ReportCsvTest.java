package io.atelier.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.atelier.document.Text;
import io.atelier.template.TemplateSpec;

/** The spreadsheet export: one row per trainee × criterion, readable back by a CSV parser, French conventions. */
class ReportCsvTest {

    static Report report(String trainee, Grade grade) {
        return new Report(UUID.randomUUID(), trainee, "modele", new Text("Modèle", null), 3,
                new Report.Ref("ref", new Text("Réf", null)), Instant.parse("2026-11-23T16:05:00Z"), trainee, "abc123",
                true, grade, List.of(), List.of());
    }

    @Test
    void oneRowPerTraineeAndCriterionWithFrenchSpreadsheetConventions() throws Exception {
        Grade graded = Grading.grade(GradingTest.REFERENTIAL, new TemplateSpec.Grading(60.0, null),
                GradingTest.RUN, List.of(new GradeOverride("C1.b", false, false, true, "vu; confirmé \"à l'oral\"", "validateur1",
                        Instant.now())));
        String csv = ReportCsv.write(List.of(report("stagiaire1", graded), report("stagiaire2", graded)));

        assertTrue(csv.startsWith("\uFEFF"), "a byte-order mark so spreadsheets read UTF-8");
        assertTrue(csv.contains("\r\n"));
        List<CSVRecord> rows = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader()
                .setSkipHeaderRecord(true).get().parse(new StringReader(csv.substring(1))).getRecords();
        assertEquals(6, rows.size(), "2 trainees × 3 criteria");
        assertEquals(List.of(ReportCsv.HEADER), rows.get(0).getParser().getHeaderNames());
        CSVRecord a = rows.get(0);
        assertEquals("stagiaire1", a.get("stagiaire"));
        assertEquals("B1", a.get("bloc"));
        assertEquals("C1", a.get("competence"));
        assertEquals("C1.a", a.get("critere"));
        assertEquals("Texte de C1.a", a.get("intitule"));
        assertEquals("2", a.get("points"));
        assertEquals("3", a.get("points_max"));
        assertEquals("60", a.get("seuil_pct"));
        assertEquals("oui", a.get("acquis"));
        assertEquals("2026-11-23 17:05:00", a.get("rendu_le"), "Paris time");
        CSVRecord b = rows.get(1);
        assertEquals("oui", b.get("acquis"));
        assertEquals("non", b.get("acquis_selon_verifications"));
        assertEquals("vu; confirmé \"à l'oral\"", b.get("motif"), "quoting keeps a reason with ; and quotes whole");
        assertEquals("validateur1", b.get("modifie_par"));
        assertEquals("oui", rows.get(2).get("non_verifiable"));
        assertEquals("non", a.get("donne_par_le_formateur"));
        assertEquals("stagiaire2", rows.get(3).get("stagiaire"));
    }

    @Test
    void aCriterionGivenByTheTrainerSaysSoAndIsNotAcquired() throws Exception {
        Grade graded = Grading.grade(GradingTest.REFERENTIAL, new TemplateSpec.Grading(null, null),
                GradingTest.ALL_PASS_BY_TASK, List.of(), java.util.Set.of("t1"));
        List<CSVRecord> rows = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader()
                .setSkipHeaderRecord(true).get().parse(new StringReader(ReportCsv.write(List.of(report("stagiaire1", graded)))
                        .substring(1))).getRecords();
        CSVRecord a = rows.get(0);
        assertEquals("C1.a", a.get("critere"));
        assertEquals("oui", a.get("donne_par_le_formateur"));
        assertEquals("non", a.get("acquis"));
        assertEquals("0", a.get("points"));
        assertEquals("non", rows.get(2).get("donne_par_le_formateur"));
        assertEquals("oui", rows.get(2).get("acquis"));
    }

    @Test
    void numbersUseADecimalComma() {
        assertEquals("1,5", ReportCsv.number(1.5));
        assertEquals("2", ReportCsv.number(2.0));
        assertEquals("0", ReportCsv.number(0));
    }
}
