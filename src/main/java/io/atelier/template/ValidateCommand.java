package io.atelier.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.atelier.document.DocumentException;
import io.atelier.document.Problem;
import io.atelier.referential.ReferentialLoader;
import io.atelier.referential.Referentials;

/**
 * {@code ./atelier validate [PATH…]}: checks template folders (or folders of templates)
 * the way the server loads them, prints every problem as
 * {@code file:line: path: message}, and exits 0 when all are valid, 1 otherwise.
 *
 * <p>The referentials and schemas come from {@code -Datelier.templates.dir} (default
 * {@code lab-templates}).
 */
public final class ValidateCommand {

    private ValidateCommand() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("atelier.templates.dir", "lab-templates"));
        List<Path> targets = new ArrayList<>();
        for (String arg : args) {
            targets.add(Path.of(arg));
        }
        if (targets.isEmpty()) {
            targets.add(root);
        }
        System.exit(run(root, targets));
    }

    static int run(Path root, List<Path> targets) {
        Referentials referentials;
        try {
            referentials = new ReferentialLoader(root.resolve("schema")).loadAll(root.resolve("referentiels"));
        } catch (DocumentException e) {
            System.out.println("✘ referentials: " + e.problems().size() + " problem(s)");
            e.problems().forEach(p -> System.out.println("  " + p));
            return 1;
        }
        TemplateLoader loader = new TemplateLoader(root.resolve("schema"), referentials);
        int valid = 0;
        int broken = 0;
        for (Path target : targets) {
            if (target.getFileName() != null && target.getFileName().toString().equals(TemplateLoader.TEMPLATE_FILE)) {
                target = target.toAbsolutePath().getParent();
            }
            if (!Files.isDirectory(target)) {
                System.out.println("✘ " + target + ": not found; expected a template folder (holding template.yaml) or a folder of templates");
                broken++;
                continue;
            }
            List<Path> folders = TemplateLoader.templateFolders(target);
            if (folders.isEmpty()) {
                System.out.println("✘ " + target + ": no template.yaml in it nor in its subfolders");
                broken++;
            }
            for (Path folder : folders) {
                try {
                    LabTemplate t = loader.load(folder);
                    System.out.printf("✔ %s  (version %d, %d node(s), %d task(s), %d check(s), %d criteria)%n",
                            TemplateRules.display(folder), t.spec().version(), t.spec().nodes().size(),
                            t.spec().tasks().size(), t.checks().count(), t.criteriaCovered().size());
                    valid++;
                } catch (DocumentException e) {
                    System.out.println("✘ " + TemplateRules.display(folder) + ": " + e.problems().size() + " problem(s)");
                    for (Problem p : e.problems()) {
                        System.out.println("  " + p);
                    }
                    broken++;
                }
            }
        }
        System.out.println(valid + " valid, " + broken + " with problems");
        return broken == 0 ? 0 : 1;
    }
}
