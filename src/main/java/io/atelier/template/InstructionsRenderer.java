package io.atelier.template;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A task's Markdown instructions as HTML (CommonMark). Raw HTML in the file is escaped and
 * link targets other than http(s), mailto and relative ones are dropped, so the page that
 * shows the result runs nothing the file or a filled-in parameter carries.
 */
public final class InstructionsRenderer {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private InstructionsRenderer() {
    }

    public static String html(String markdown) {
        return RENDERER.render(PARSER.parse(markdown));
    }
}
