package exercise11.grader.report;

import exercise11.grader.similarity.Similarity;
import exercise11.grader.spreadsheet.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the similarity stage found, for the teacher: {@code similarity.csv} (every pair it kept), a page per pair worth
 * a look ({@code similarity/NN.html}: both students' code side by side, the matched lines marked) and the cohort
 * page's section (the most similar pairs, and how the highest similarity per student is spread). Nothing of it goes
 * into a student's own reports.
 */
public final class SimilarityReport {

    /** The folder of the pair pages, beside {@code index.html}. */
    public static final String PAGES = "similarity";
    /** Pairs that get a page, whether marked or not, so that the teacher sees what lies just below the threshold. */
    private static final int TOP = 10;
    /** Pairs the cohort page lists (every marked one, and at least the {@value #TOP} highest). */
    private static final int MAX_LISTED = 50;
    private static final int COLOURS = 6;
    /** At most this many pair pages, the most similar first: beyond, a cohort with that many copies needs another talk. */
    private static final int MAX_PAGES = 200;

    private final Similarity.Comparison comparison;
    private final double threshold;
    private final Map<Similarity.Pair, String> pages = new LinkedHashMap<>();

    private SimilarityReport(Similarity.Comparison comparison, double threshold) {
        this.comparison = comparison;
        this.threshold = threshold;
        List<Similarity.Pair> pairs = comparison.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            if (pages.size() < MAX_PAGES && (i < TOP && pairs.get(i).similarity() > 0 || pairs.get(i).similarity() >= threshold)) {
                pages.put(pairs.get(i), String.format(Locale.ROOT, "%s/%03d.html", PAGES, i + 1));
            }
        }
    }

    /** The report of {@code comparison}, pairs at or above {@code threshold} marked. */
    public static SimilarityReport of(Similarity.Comparison comparison, double threshold) {
        return new SimilarityReport(comparison, threshold);
    }

    /** How many pairs reach the threshold. */
    public long marked() {
        return comparison.pairsAtLeast(threshold);
    }

    /** Write {@code similarity.csv} and the pair pages into {@code out}, whose {@code students/} keeps each one's code. */
    public void write(Path out, Function<String, String> folderOf) throws IOException {
        Csv csv = new Csv(List.of("student_a", "student_b", "similarity", "max_similarity", "matched_tokens", "marked", "page"));
        for (Similarity.Pair p : comparison.pairs()) {
            csv.row(List.of(p.a(), p.b(), String.format(Locale.ROOT, "%.3f", p.similarity()),
                    String.format(Locale.ROOT, "%.3f", p.maxSimilarity()), Integer.toString(p.matchedTokens()),
                    p.similarity() >= threshold ? "yes" : "no", pages.getOrDefault(p, "")));
        }
        Files.writeString(out.resolve("similarity.csv"), csv.toString(), StandardCharsets.UTF_8);
        Path folder = Files.createDirectories(out.resolve(PAGES));
        for (Map.Entry<Similarity.Pair, String> page : pages.entrySet()) {
            Files.writeString(out.resolve(page.getValue()), pairPage(page.getKey(), out.resolve("students"), folderOf),
                    StandardCharsets.UTF_8);
        }
        try (var old = Files.list(folder)) {
            for (Path stale : old.filter(p -> !pages.containsValue(PAGES + "/" + p.getFileName())).toList()) {
                Files.delete(stale); // a regrade's pages replace the run's before
            }
        }
    }

    /** The cohort page's section. */
    void section(StringBuilder html, Function<String, String> folderOf) {
        html.append("<h2 id=\"similarity\">Similarity</h2>\n<p>").append(Pages.escape(MEASURES)).append("</p>\n");
        if (!comparison.note().isEmpty()) {
            html.append("<p>").append(Pages.escape(comparison.note())).append("</p>\n");
        }
        html.append(String.format(Locale.ROOT, "<p>%d submissions compared (%d pairs) in %.1f s; %d pair%s at or above the"
                        + " threshold of %.0f %% marked. <a href=\"similarity.csv\">similarity.csv</a> holds each student's five most"
                        + " similar pairs.</p>%n",
                comparison.highest().size(), comparison.pairsCompared(), comparison.seconds(), marked(), marked() == 1 ? "" : "s",
                100 * threshold));
        if (!comparison.notCompared().isEmpty()) {
            html.append("<p>Not compared: ");
            List<String> left = new ArrayList<>();
            comparison.notCompared().forEach((student, why) -> left.add(Pages.escape(student) + " (" + Pages.escape(why) + ")"));
            html.append(String.join("; ", left)).append(".</p>\n");
        }
        List<Similarity.Pair> listed = comparison.pairs().stream()
                .filter(p -> pages.containsKey(p)).limit(MAX_LISTED).toList();
        if (!listed.isEmpty()) {
            html.append("<table>\n<caption>The most similar pairs</caption>\n<thead><tr><th class=\"n\">rank</th><th>students</th>"
                    + "<th class=\"n\">similarity</th><th class=\"n\">of the one with less code</th><th class=\"n\">matched tokens</th>"
                    + "<th>marked</th><th>code side by side</th></tr></thead>\n<tbody>\n");
            for (int i = 0; i < listed.size(); i++) {
                Similarity.Pair p = listed.get(i);
                boolean marked = p.similarity() >= threshold;
                html.append("<tr><td class=\"n\">").append(i + 1).append("</td><td>").append(Pages.escape(p.a())).append(" and ")
                        .append(Pages.escape(p.b())).append("</td><td class=\"n\">").append(percent(p.similarity()))
                        .append("</td><td class=\"n\">").append(percent(p.maxSimilarity())).append("</td><td class=\"n\">")
                        .append(p.matchedTokens()).append("</td><td>").append(marked ? "<strong>marked: look</strong>" : "no")
                        .append("</td><td><a href=\"").append(pages.get(p)).append("\">").append(Pages.escape(p.a())).append(" and ")
                        .append(Pages.escape(p.b())).append(", side by side</a></td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        if (!comparison.highest().isEmpty()) {
            Map<String, Double> spread = Charts.ordered();
            for (int b = 0; b < 10; b++) {
                spread.put(b * 10 + "–" + (b * 10 + 9) + (b == 9 ? "+" : ""), 0.0);
            }
            comparison.highest().values().forEach(v -> {
                int b = Math.min(9, (int) Math.floor(v * 10));
                spread.merge(b * 10 + "–" + (b * 10 + 9) + (b == 9 ? "+" : ""), 1.0, Double::sum);
            });
            html.append("<div class=\"charts\">\n");
            Pages.chart(html, "similarity", "Each student's highest similarity to anyone, in percent: one who copied stands apart"
                            + " from the crowd that wrote the same few lines", spread, "highest similarity (%)", "students",
                    () -> Charts.bars("similarity", "Highest similarity per student", "percent", "students", spread, false, true, 0,
                            560, 320));
            html.append("</div>\n");
        }
    }

    private static final String MEASURES = "What this measures: the share of the students' own code that two submissions"
            + " have in common, as JPlag matches it, with the starter's given code left out. Runs of at least 9 tokens of"
            + " the Java parse are matched, so names, comments, whitespace and the order of methods do not hide a copy."
            + " 'Similarity' is the matched share of both submissions together; the next column is the share of the one"
            + " with less code. Nine short TODOs leave little room to differ: students who worked alone look alike in"
            + " places. A high share is a reason to look at the pair side by side, not a verdict.";

    /** One pair's page: the facts, the matches, and both students' code side by side with the matched lines marked. */
    private String pairPage(Similarity.Pair p, Path students, Function<String, String> folderOf) {
        String title = "Similarity: " + p.a() + " and " + p.b();
        StringBuilder html = Pages.head(title);
        html.append("<p><a href=\"../index.html#similarity\">Back to the cohort report</a></p>\n<h1>")
                .append(Pages.escape(title)).append("</h1>\n<p>").append(percent(p.similarity())).append(" similar (")
                .append(percent(p.maxSimilarity())).append(" of the one with less code), ").append(p.matchedTokens())
                .append(" tokens in ").append(p.regions().size()).append(" matched region").append(p.regions().size() == 1 ? "" : "s")
                .append(p.similarity() >= threshold ? "; at or above the threshold: marked" : "; below the threshold")
                .append(". ").append(Pages.escape(MEASURES)).append("</p>\n");
        html.append("<table>\n<caption>Matched regions</caption>\n<thead><tr><th>match</th><th>").append(Pages.escape(p.a()))
                .append("</th><th>").append(Pages.escape(p.b())).append("</th><th class=\"n\">tokens</th></tr></thead>\n<tbody>\n");
        for (int i = 0; i < p.regions().size(); i++) {
            Similarity.Region r = p.regions().get(i);
            html.append("<tr><td><a href=\"#a-m").append(i + 1).append("\">match ").append(i + 1).append("</a></td><td>")
                    .append(Pages.escape(r.fileA())).append(" lines ").append(r.fromA()).append("–").append(r.toA()).append("</td><td>")
                    .append(Pages.escape(r.fileB())).append(" lines ").append(r.fromB()).append("–").append(r.toB())
                    .append("</td><td class=\"n\">").append(r.tokens()).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<p>Below, each line of a match is marked and shows the match's number after its line"
                + " number; the first line of match N is labelled \"match N\".</p>\n<div class=\"sides\">\n");
        side(html, "a", p.a(), students, folderOf.apply(p.a()), p.regions(), true);
        side(html, "b", p.b(), students, folderOf.apply(p.b()), p.regions(), false);
        html.append("</div>\n");
        return Pages.tail(html);
    }

    /**
     * One student's files, each line numbered, the lines of match k marked, labelled "match k" where it starts and
     * numbered k beside the line number on every line of it (so that colour is not all that tells the matches apart).
     * Each file's code is a region of its own that the keyboard can reach and scroll, named by the student and the file.
     */
    private static void side(StringBuilder html, String id, String student, Path students, String folder,
                             List<Similarity.Region> regions, boolean first) {
        html.append("<section aria-labelledby=\"side-").append(id).append("\">\n<h2 id=\"side-").append(id).append("\">")
                .append(Pages.escape(student)).append("</h2>\n");
        TreeSet<String> files = new TreeSet<>();
        regions.forEach(r -> files.add(first ? r.fileA() : r.fileB()));
        int fileNumber = 0;
        for (String file : files) {
            String fileId = id + "-file-" + ++fileNumber;
            html.append("<h3 id=\"").append(fileId).append("\">").append(Pages.escape(file)).append("</h3>\n<pre class=\"code\" tabindex=\"0\""
                    + " role=\"region\" aria-labelledby=\"side-").append(id).append(' ').append(fileId).append("\">");
            List<String> lines = Similarity.lines(students, folder, file);
            for (int n = 1; n <= lines.size(); n++) {
                int match = -1;
                boolean starts = false;
                for (int i = 0; i < regions.size(); i++) {
                    Similarity.Region r = regions.get(i);
                    String f = first ? r.fileA() : r.fileB();
                    int from = first ? r.fromA() : r.fromB();
                    int to = first ? r.toA() : r.toB();
                    if (f.equals(file) && n >= from && n <= to) {
                        match = i;
                        starts = n == from;
                        break;
                    }
                }
                html.append(String.format(Locale.ROOT, "<span class=\"ln\">%4d</span> ", n))
                        .append(match < 0 ? "   " : String.format(Locale.ROOT, "<span class=\"mn\">%2d</span> ", match + 1));
                String text = Pages.escape(lines.get(n - 1));
                if (match < 0) {
                    html.append(text);
                } else {
                    if (starts) {
                        html.append("<strong class=\"tag\" id=\"").append(id).append("-m").append(match + 1).append("\">match ")
                                .append(match + 1).append("</strong> ");
                    }
                    html.append("<mark class=\"m").append(match % COLOURS).append("\">").append(text).append("</mark>");
                }
                html.append('\n');
            }
            html.append("</pre>\n");
        }
        html.append("</section>\n");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }
}
