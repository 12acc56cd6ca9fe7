package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of the grader checked by axe-core (Deque's engine, the {@code axe.min.js} that its Java bindings bundle) in
 * headless Chromium, against the rules of WCAG 2.1 A and AA. No WebDriver: axe and a small runner go into a copy of
 * the page ({@link HeadlessBrowser#evaluate}), and what axe found comes back through the DOM that the browser dumps.
 */
final class Accessibility {

    /** The rule tags checked: WCAG 2.0 and 2.1, levels A and AA. */
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** The axe that com.deque.html.axe-core:selenium bundles (the root pom's axe-core.version). */
    static final String VERSION = "4.11.1";
    /** Run axe on the page; what a test needs of its answer, the elements' markup and axe's summary of each shortened. */
    private static final String RUNNER = """
            async () => {
              const brief = rule => ({id: rule.id, impact: rule.impact, help: rule.help, count: rule.nodes.length,
                svgText: rule.nodes.every(node => node.html.startsWith('<text ')), nodes: rule.nodes.slice(0, 12).map(node => ({
                  target: node.target.join(' '), html: node.html.slice(0, 240), summary: (node.failureSummary || '').slice(0, 400)}))});
              const r = await axe.run(document, {runOnly: {type: 'tag', values: TAGS}, resultTypes: ['violations', 'incomplete']});
              return {version: axe.version, passes: r.passes.map(p => p.id), inapplicable: r.inapplicable.length,
                violations: r.violations.map(brief), incomplete: r.incomplete.map(brief)};
            }""";
    private static String axe;

    private Accessibility() {
    }

    /**
     * One rule that a page broke, or that axe could not decide, with the elements concerned (the first 12 of
     * {@code count}); {@code svgText} when every one of them is an SVG {@code <text>} (a chart's).
     */
    record Finding(String rule, String impact, String help, int count, boolean svgText, List<Element> elements) {

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(rule + " (" + impact + "): " + help + ", " + count + " element(s)");
            elements.forEach(e -> text.append("\n      ").append(e));
            return text.toString();
        }
    }

    /** An element that a finding concerns: its CSS selector, its markup (shortened), and what axe says to do about it. */
    record Element(String target, String html, String summary) {

        @Override
        public String toString() {
            return target + "  " + html + (summary.isEmpty() ? "" : "\n        " + summary.replace("\n", "\n        "));
        }
    }

    /**
     * What axe found on one page.
     *
     * @param passed the rules that the page passed
     * @param inapplicable how many of the rules found nothing to check
     * @param violations the rules the page broke
     * @param incomplete the rules axe could not decide by itself (for a person to look at)
     */
    record Audit(String page, String version, List<String> passed, int inapplicable, List<Finding> violations, List<Finding> incomplete) {

        /** How many rules axe ran. */
        int rulesRun() {
            return passed.size() + inapplicable + violations.size() + incomplete.size();
        }

        /** {@code findings}, one paragraph each, for a test's failure message. */
        String describe(List<Finding> findings, String what) {
            StringBuilder text = new StringBuilder(page + ": " + findings.size() + " axe " + version + " " + what + " of "
                    + String.join(", ", TAGS) + ":");
            findings.forEach(v -> text.append("\n  - ").append(v));
            return text.toString();
        }
    }

    /**
     * Check each of {@code pages} with axe in one headless Chromium (its profile under {@code work}); fail with every
     * page's violations, if any, and with whatever axe could not decide by itself but the contrast of a chart's SVG text
     * (to axe an image, whose background it cannot see: CohortReportTests reckons that contrast itself). Fails too if
     * axe did not report on a page, reported an error, or passed no rule there (it cannot have seen the page). Skipped
     * where no Chromium is installed, failed instead where CI requires one ({@link HeadlessBrowser#start}).
     *
     * @return what axe found on each page, in order
     */
    static List<Audit> assertNoViolations(Path work, List<Path> pages) throws Exception {
        assertFalse(pages.isEmpty(), "no page to check");
        HeadlessBrowser browser = HeadlessBrowser.start(work);
        List<Audit> audits = new ArrayList<>();
        try {
            List<String> failures = new ArrayList<>();
            for (Path page : pages) {
                Audit audit = audit(browser, page);
                audits.add(audit);
                if (!audit.violations().isEmpty()) {
                    failures.add(audit.describe(audit.violations(), "violation(s)"));
                }
                List<Finding> undecided = audit.incomplete().stream()
                        .filter(f -> !(f.rule().equals("color-contrast") && f.svgText())).toList();
                if (!undecided.isEmpty()) {
                    failures.add(audit.describe(undecided, "rule(s) it could not decide"));
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n\n", failures));
        } finally {
            browser.close();
        }
        return audits;
    }

    private static Audit audit(HeadlessBrowser browser, Path page) throws Exception {
        String runner = RUNNER.replace("TAGS", "['" + String.join("', '", TAGS) + "']");
        JsonNode report = new ObjectMapper().readTree(browser.evaluate(page, List.of(axeScript()), runner, 60_000));
        List<String> passed = new ArrayList<>();
        report.get("passes").forEach(id -> passed.add(id.asText()));
        Audit audit = new Audit(page.toString(), report.get("version").asText(), passed, report.get("inapplicable").asInt(),
                findings(report.get("violations")), findings(report.get("incomplete")));
        assertEquals(VERSION, audit.version(), "the axe that Deque's jar bundles");
        assertFalse(passed.isEmpty(), () -> "axe passed no rule on " + page + ": it cannot have seen the page");
        return audit;
    }

    private static List<Finding> findings(JsonNode rules) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode rule : rules) {
            List<Element> elements = new ArrayList<>();
            rule.get("nodes").forEach(node -> elements.add(new Element(node.get("target").asText(), node.get("html").asText(),
                    node.get("summary").asText())));
            findings.add(new Finding(rule.get("id").asText(), rule.get("impact").asText(), rule.get("help").asText(),
                    rule.get("count").asInt(), rule.get("svgText").asBoolean(), elements));
        }
        return findings;
    }

    /** axe.min.js as Deque's jar bundles it, read once. */
    private static synchronized String axeScript() throws IOException {
        if (axe == null) {
            try (InputStream in = Accessibility.class.getResourceAsStream("/axe.min.js")) {
                assertNotNull(in, "no axe.min.js on the test classpath (com.deque.html.axe-core:selenium)");
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                axe = text;
            }
        }
        return axe;
    }
}
