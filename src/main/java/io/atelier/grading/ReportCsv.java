package io.atelier.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Evaluation grids as a spreadsheet: one row per trainee × criterion, in the form a French
 * spreadsheet opens directly (UTF-8 with a byte-order mark, {@code ;} between fields,
 * decimal comma, CRLF line ends). The same rows serve one lab or a whole session.
 */
public final class ReportCsv {

    public static final String MEDIA_TYPE = "text/csv";

    static final String[] HEADER = { "stagiaire", "atelier", "modele", "version_modele", "referentiel", "bloc",
            "competence", "critere", "intitule", "points", "points_max", "seuil_pct", "acquis", "acquis_selon_verifications",
            "non_verifiable", "donne_par_le_formateur", "modifie_par", "motif", "rendu_le", "empreinte", "resultats_intacts" };

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    private ReportCsv() {
    }

    public static String write(List<Report> reports) {
        StringBuilder out = new StringBuilder("\uFEFF");
        CSVFormat format = CSVFormat.Builder.create(CSVFormat.EXCEL).setDelimiter(';').setHeader(HEADER).get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (Report r : reports) {
                for (Grade.BlockGrade block : r.grade().blocks()) {
                    for (Grade.CompetencyGrade competency : block.competencies()) {
                        for (Grade.CriterionGrade c : competency.criteria()) {
                            csv.printRecord(r.trainee(), r.labId(), r.templateId(), r.templateVersion(), r.referential().id(),
                                    block.id(), competency.id(), c.id(), c.text().fr(), number(c.points()),
                                    number(c.maxPoints()), number(c.threshold()), yesNo(c.acquired()), yesNo(c.computed()),
                                    yesNo(c.unverified()), yesNo(c.given()), c.override() == null ? "" : c.override().actor(),
                                    c.override() == null ? "" : c.override().reason(), TIME.format(r.submittedAt()),
                                    r.hash(), yesNo(r.intact()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** 2 → "2", 1.5 → "1,5". */
    static String number(double value) {
        if (value == Math.rint(value)) return Long.toString((long) value);
        return Double.toString(value).replace('.', ',');
    }

    private static String yesNo(boolean value) {
        return value ? "oui" : "non";
    }
}
