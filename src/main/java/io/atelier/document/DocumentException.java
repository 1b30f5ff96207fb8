package io.atelier.document;

import java.util.List;
import java.util.stream.Collectors;

/** A document (template, referential) that cannot be used, with every problem found in it. */
public class DocumentException extends Exception {

    private final List<Problem> problems;

    public DocumentException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
