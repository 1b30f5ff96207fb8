package io.atelier.grading;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.atelier.check.CheckResult;
import io.quarkus.qute.TemplateExtension;

/** How the printable grid ({@code templates/grille.html}) writes times, numbers and verdicts, in French. */
@TemplateExtension
public final class GridFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm:ss")
            .withZone(ZoneId.of("Europe/Paris"));

    private GridFormat() {
    }

    static String paris(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    static String pts(Double value) {
        return value == null ? "" : ReportCsv.number(value);
    }

    static String fr(CheckResult.Verdict verdict) {
        return switch (verdict) {
            case PASS -> "Réussie";
            case FAIL -> "Échouée";
            case ERROR -> "Non vérifiable";
        };
    }

    /** {@code ssh} → SSH, {@code guest-agent} → agent invité QEMU, {@code host} → the examiner on the platform's host. */
    static String transportName(String transport) {
        if (transport == null) return "aucun (non exécutée)";
        return switch (transport) {
            case "guest-agent" -> "agent invité QEMU (SSH injoignable)";
            case "host" -> "examinateur (hôte de la plateforme)";
            default -> transport.toUpperCase();
        };
    }

    static String seconds(Long millis) {
        return millis == null ? "" : ReportCsv.number(Math.round(millis / 100.0) / 10.0) + " s";
    }
}
