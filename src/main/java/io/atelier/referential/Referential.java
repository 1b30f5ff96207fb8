package io.atelier.referential;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.atelier.document.Text;

/**
 * A certification framework (référentiel): blocks of competencies, each evaluated
 * through criteria. Lab checks cite criteria by their stable id.
 *
 * @param source the seed document this framework was encoded from
 */
public record Referential(String id, Text title, String certifier, String level, String source, List<Block> blocks) {

    public record Block(String id, Text title, String evaluation, List<Competency> competencies) {
    }

    public record Competency(String id, Text title, List<Criterion> criteria) {
    }

    /** An evaluation criterion; {@code verifiable} when a check on live machines can establish it. */
    public record Criterion(String id, Text text, boolean verifiable) {
    }

    /** A criterion with the competency and block it belongs to. */
    public record PlacedCriterion(Block block, Competency competency, Criterion criterion) {
    }

    public Stream<PlacedCriterion> criteria() {
        return blocks.stream().flatMap(b -> b.competencies().stream()
                .flatMap(c -> c.criteria().stream().map(k -> new PlacedCriterion(b, c, k))));
    }

    public Optional<PlacedCriterion> criterion(String criterionId) {
        return criteria().filter(p -> p.criterion().id().equals(criterionId)).findFirst();
    }

    public long competencyCount() {
        return blocks.stream().mapToLong(b -> b.competencies().size()).sum();
    }
}
