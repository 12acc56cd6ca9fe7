package exercise11.grader.report;

import exercise11.grader.result.CheckResult;
import exercise11.grader.score.Rubric;
import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.harness.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Function;

/**
 * The HTML pages of a grading run: {@code index.html}, the cohort at a glance (charts, figures per TODO, the checks
 * that cost the most, every student), and one page per student with the same content as {@code feedback.md}.
 * Each page is one self-contained file: its style, its charts (SVG, drawn when written) and its one small script
 * (sorting the students' table) are inline, so it opens from the file system with no network.
 */
final class Pages {

    private static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #1a202c; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #cbd5e0; }
            table { border-collapse: collapse; margin: .6em 0; } th, td { padding: .25em .7em; border-bottom: 1px solid #e2e8f0; text-align: left; vertical-align: top; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            table.sortable th button { font: inherit; font-weight: bold; color: inherit; background: none; border: 0; padding: 0; margin: 0;
              text-align: inherit; cursor: pointer; text-decoration: underline dotted #4a5568; text-underline-offset: .2em; }
            table.sortable th[aria-sort=ascending] button::after { content: " \\25B2" / ""; }
            table.sortable th[aria-sort=descending] button::after { content: " \\25BC" / ""; }
            a:focus-visible, button:focus-visible, summary:focus-visible, [tabindex]:focus-visible { outline: 3px solid #2b6cb0; outline-offset: 2px; }
            .charts { display: flex; flex-wrap: wrap; gap: 1em; } figure.chart { margin: 0; } figure.chart svg { max-width: 100%; height: auto; }
            figure.chart details { margin: .2em 0; } figure.chart summary { cursor: pointer; color: #2c5282; }
            pre { background: #f7fafc; padding: .5em .8em; white-space: pre-wrap; overflow-wrap: anywhere; margin: .3em 0 .8em; }
            .passed { color: #276749; } .failed, .error { color: #c53030; } .pending, .not-run, .skipped { color: #4a5568; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; } dl.facts dt { color: #4a5568; }
            .score { font-size: 1.3em; font-weight: 600; } tr.total th, tr.total td { font-weight: bold; }
            .wide { max-width: 100%; } table.students { width: 100%; table-layout: auto; font-size: .92em; }
            table.students th, table.students td { padding: .2em .45em; } table.students small { font-weight: normal; color: #4a5568; white-space: nowrap; }
            table.students td.reason { max-width: 22em; overflow-wrap: anywhere; } table.students td:first-child { overflow-wrap: anywhere; }
            .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; } .sides section { min-width: 0; }
            pre.code { white-space: pre; overflow-x: auto; font-size: .85em; line-height: 1.35; } .ln, .mn { color: #4a5568; }
            mark { color: inherit; } mark.m0 { background: #fefcbf; } mark.m1 { background: #c6f6d5; } mark.m2 { background: #bee3f8; }
            mark.m3 { background: #fed7e2; } mark.m4 { background: #e9d8fd; } mark.m5 { background: #feebc8; }
            .tag { background: #2d3748; color: #fff; padding: 0 .3em; border-radius: .2em; font-size: .85em; }
            """;

    /**
     * Sorts the students' table by a column when the button in its head is pressed (numbers by their data-value; again for
     * the reverse order), saying so in the head's {@code aria-sort}; marks the page once it has loaded.
     */
    private static final String SCRIPT = """
            window.addEventListener('error', e => {
              document.body.dataset.errors = (document.body.dataset.errors || '') + e.message + ';';
            });
            document.querySelectorAll('table.sortable').forEach(table => {
              const heads = Array.from(table.tHead.rows[0].cells);
              heads.forEach((th, column) => th.querySelector('button').addEventListener('click', () => {
                const ascending = th.getAttribute('aria-sort') !== 'ascending';
                heads.forEach(other => other.removeAttribute('aria-sort'));
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                const key = row => {
                  const cell = row.cells[column];
                  return cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent.trim().toLowerCase();
                };
                const rows = Array.from(table.tBodies[0].rows);
                rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1));
                rows.forEach(row => table.tBodies[0].appendChild(row));
              }));
            });
            window.addEventListener('load', () => {
              const charts = document.querySelectorAll('figure.chart');
              let drawn = 0;
              charts.forEach(figure => {
                const svg = figure.querySelector('svg');
                if (svg && svg.getBBox().width > 0 && svg.querySelectorAll('rect, path').length > 0) {
                  drawn++;
                }
              });
              document.body.dataset.charts = String(charts.length);
              document.body.dataset.width = String(document.documentElement.scrollWidth);
              document.body.dataset.chartsDrawn = String(drawn);
            });
            """;

    private Pages() {
    }

    /** The cohort's page; {@code folderOf} gives the folder under {@code students/} that holds a student's reports. */
    static String cohort(List<StudentResult> results, Reports.Run run, Function<String, String> folderOf,
                         java.util.Optional<SimilarityReport> similarity, java.util.Optional<String> imports) {
        StringBuilder html = head("Exercise 11: cohort report");
        List<Double> scores = results.stream().map(StudentResult::score).toList();
        html.append("<h1>Exercise 11: cohort report</h1>\n<dl class=\"facts\">\n");
        fact(html, "submissions", Integer.toString(results.size()));
        fact(html, "mean score", String.format(Locale.ROOT, "%s / %s", Figures.round(Figures.mean(scores)), Reports.points(run.maxScore())));
        fact(html, "median score", String.format(Locale.ROOT, "%s / %s", Figures.round(Figures.median(scores)), Reports.points(run.maxScore())));
        fact(html, "not graded normally", Long.toString(results.stream().filter(r -> r.status() != Status.GRADED).count()));
        fact(html, "kit", run.kitVersion());
        fact(html, "JDK", run.jdk());
        fact(html, "property seed", Long.toString(run.seed()));
        fact(html, "shard", run.shard());
        fact(html, "started", run.started());
        fact(html, "checks ran", run.checksRan());
        fact(html, "rubric", run.rubricFacts());
        if (!run.regraded().isEmpty()) {
            fact(html, "regraded", run.regraded());
        }
        if (!run.deadline().isEmpty()) {
            fact(html, "deadline", run.deadline() + " (git submissions graded at their last commit at or before it)");
        }
        if (!run.ignored().isEmpty()) {
            fact(html, "ignored", String.join(", ", run.ignored()) + " (operating-system litter and hidden entries)");
        }
        imports.ifPresent(said -> html.append("<dt>gradebook imports</dt><dd><a href=\"canvas.csv\">canvas.csv</a> and"
                + " <a href=\"moodle.csv\">moodle.csv</a>: ").append(escape(said))
                .append("; <a href=\"roster.md\">roster.md</a> lists who is not in them</dd>\n"));
        html.append("</dl>\n");
        Map<String, String> notGraded = Reports.notGraded(results, run);
        if (!notGraded.isEmpty()) {
            html.append("<h2 id=\"not-graded\">Not graded</h2>\n<table>\n<thead><tr><th>entry</th><th>why</th></tr></thead>\n<tbody>\n");
            notGraded.forEach((entry, why) -> html.append("<tr><td>").append(escape(entry)).append("</td><td>").append(escape(why))
                    .append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }

        List<Figures.TodoFigure> todos = Figures.cohortTodos(results);
        List<Figures.CheckFigure> costliest = Figures.costliest(results);
        html.append("<nav aria-label=\"on this page\"><p>On this page: <a href=\"#students\">students</a> ·"
                + (similarity.isPresent() ? " <a href=\"#similarity\">similarity</a> ·" : "") + " <a href=\"#per-todo\">per TODO</a> ·"
                + " <a href=\"#charts\">charts</a> · <a href=\"#costliest\">checks that cost the most</a> ·"
                + " <a href=\"#unscored\">0-point checks</a></p></nav>\n");

        // The students first: what a teacher opens the page for. Each TODO column is the points charged to that TODO.
        SortedSet<Integer> todoNumbers = Figures.todos(results);
        Map<Integer, Double> worth = new java.util.HashMap<>();
        todos.forEach(t -> worth.put(t.todo(), t.worth()));
        html.append("<h2 id=\"students\">Students</h2>\n<p>Each TODO column shows the points lost that are charged to that"
                + " TODO (the one whose code is at fault), out of what the TODO is worth; a blank cell lost nothing. Each"
                + " column's head is a button that sorts the table by that column; pressed again, it reverses the order.</p>\n"
                + "<div class=\"wide\"><table class=\"sortable students\" aria-labelledby=\"students\">\n"
                + "<thead><tr>").append(sortHead("", "", "student")).append(sortHead("", "", "status"))
                .append(sortHead("n", "", "score (of " + Reports.points(run.maxScore()) + ")"))
                .append(sortHead("n", "score in percent of the points", "%"));
        todoNumbers.forEach(t -> html.append(sortHead("n", "points charged to " + Figures.label(t) + ", of the "
                + Reports.points(worth.getOrDefault(t, 0.0)) + " it is worth", (t == Figures.NO_TODO ? "programs" : "T" + t)
                + "<br><small>of " + Reports.points(worth.getOrDefault(t, 0.0)) + "</small>")));
        html.append(sortHead("n", "seconds the grading took", "s")).append(sortHead("reason", "", "reason"))
                .append("</tr></thead>\n<tbody>\n");
        for (StudentResult r : results) {
            html.append("<tr><td><a href=\"students/").append(escape(urlPart(folderOf.apply(r.student())))).append("/index.html\">")
                    .append(escape(r.student())).append("</a></td><td>").append(escape(r.status().word())).append("</td>");
            numberCell(html, r.score(), Reports.points(r.score()));
            double percent = Reports.percent(r.score(), run.maxScore());
            numberCell(html, percent, String.format(Locale.ROOT, "%.0f", percent));
            Figures.perTodo(r, todoNumbers).values().forEach(p -> numberCell(html, p.lost(), p.done() ? "" : "−" + Reports.points(p.lost())));
            numberCell(html, r.seconds(), String.format(Locale.ROOT, "%.1f", r.seconds()));
            String reason = r.reason().lines().findFirst().orElse("");
            html.append("<td class=\"reason\" title=\"").append(escape(shorten(reason, 600))).append("\">")
                    .append(escape(shorten(reason, 120))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");

        similarity.ifPresent(report -> report.section(html, folderOf));
        html.append("<h2 id=\"per-todo\">Per TODO</h2>\n<p>").append(escape(Reports.CHARGE_RULE)).append("</p>\n<table>\n"
                + "<thead><tr><th>TODO</th><th class=\"n\">worth</th><th class=\"n\">mean points lost</th>"
                + "<th class=\"n\">students it cost nothing</th></tr></thead>\n<tbody>\n");
        for (Figures.TodoFigure t : todos) {
            html.append("<tr><td>").append(Figures.label(t.todo())).append("</td><td class=\"n\">").append(Reports.points(t.worth()))
                    .append("</td><td class=\"n\">").append(Figures.round(t.meanLost())).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.0f %%", 100 * t.shareDone())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");

        html.append("<h2 id=\"charts\">Charts</h2>\n<div class=\"charts\">\n");
        Map<String, Double> distribution = Charts.ordered();
        int[] buckets = Reports.buckets(results, run);
        for (int b = 0; b <= 10; b++) {
            distribution.put(b == 10 ? "100" : b * 10 + "–" + (b * 10 + 9), (double) buckets[b]);
        }
        chart(html, "scores", "How the cohort scored (percent of the points)", distribution, "score (% of the points)", "students",
                () -> Charts.bars("scores", "Score distribution", "percent", "students", distribution, false, true, 0, 560, 320));
        Map<String, Double> done = Charts.ordered();
        todos.forEach(t -> done.put(Figures.label(t.todo()), 100 * t.shareDone()));
        chart(html, "todos", "The share of students each TODO cost nothing (no point lost is charged to it)", done, "TODO",
                "% of students", () -> Charts.bars("todos", "TODOs right", "", "% of students", done, false, false, 100, 560, 320));
        Map<String, Double> lost = Charts.ordered();
        costliest.stream().limit(10).forEach(c -> lost.put(shorten(c.name(), 70), c.pointsLost()));
        chart(html, "costliest", "The scored checks that cost the cohort the most points (0-point checks are listed apart below)",
                lost, "check", "points lost", () -> Charts.bars("costliest", "Points lost, by check", "", "points lost", lost, true,
                        false, 0, 1000, Math.max(200, 60 + 34 * lost.size())));
        html.append("</div>\n");

        html.append("<h2 id=\"costliest\">Checks that cost the most points</h2>\n");
        checkTable(html, costliest, true);
        html.append("<h2 id=\"unscored\">0-point checks not passed</h2>\n<p>The given code's checks and the lesson's demonstrations earn no"
                + " points; a failure here shows a changed given method or a program that behaves unlike the lesson's.</p>\n");
        checkTable(html, Figures.unscoredNotPassed(results), false);
        return tail(html);
    }

    /** A student's page: what {@code feedback.md} says, in the same order. */
    static String student(StudentResult result, Reports.Run run) {
        StringBuilder html = head("Exercise 11: " + result.student());
        html.append("<h1>Exercise 11 feedback: ").append(escape(result.student())).append("</h1>\n");
        html.append("<p class=\"score\">Score: ").append(Reports.points(result.score())).append(" / ").append(Reports.points(run.maxScore()))
                .append(String.format(Locale.ROOT, " (%.0f %%)", Reports.percent(result.score(), run.maxScore()))).append("</p>\n");
        if (run.maxScore() != 100) {
            html.append("<p>The rubric (").append(escape(run.rubric())).append(") totals ").append(Reports.points(run.maxScore()))
                    .append(" points: ").append(escape(run.notOutOf100())).append(".</p>\n");
        }
        html.append("<p>Status: ").append(escape(result.status().word())).append("</p>\n<pre>").append(escape(result.reason())).append("</pre>\n");
        if (!result.graded().isEmpty()) {
            html.append("<p class=\"graded\">Graded: ").append(escape(result.graded())).append("</p>\n");
        }
        if (!result.late().isEmpty()) {
            html.append("<p class=\"late\">Late: ").append(escape(result.late())).append("</p>\n");
        }
        SortedSet<Integer> todos = Figures.todos(List.of(result));
        html.append("<table>\n<caption>Points per TODO</caption>\n<thead><tr><th>TODO</th><th class=\"n\">worth</th><th class=\"n\">lost</th>"
                + "<th>done</th></tr></thead>\n<tbody>\n");
        Figures.perTodo(result, todos).forEach((todo, p) -> html.append("<tr><td>").append(Figures.label(todo))
                .append("</td><td class=\"n\">").append(Reports.points(p.worth())).append("</td><td class=\"n\">")
                .append(Reports.points(p.lost())).append("</td><td>").append(p.done() ? "done" : "").append("</td></tr>\n"));
        html.append("<tr class=\"total\"><th scope=\"row\">total</th><td class=\"n\">").append(Reports.points(run.maxScore()))
                .append("</td><td class=\"n\">").append(Reports.points(run.maxScore() - result.score())).append("</td><td></td></tr>\n"
                        + "</tbody>\n</table>\n");
        if (Figures.nothingStarted(result)) {
            html.append("<p>").append(escape(Reports.NOTHING_STARTED)).append("</p>\n<ul>\n");
            Figures.stubs(result).forEach(stub -> html.append("<li>").append(escape(stub)).append("</li>\n"));
            html.append("</ul>\n");
            html.append("<p>Kit ").append(escape(run.kitVersion())).append(", JDK ").append(escape(run.jdk()))
                    .append(", property seed ").append(run.seed()).append(".</p>\n");
            return tail(html);
        }
        html.append("<p>").append(escape(Reports.CHARGE_RULE)).append("</p>\n");
        Map<Rubric.Scored, exercise11.harness.Blame.Charge> charges = Figures.charges(result);
        for (Map.Entry<Integer, List<Rubric.Scored>> section : Figures.byChargedTodo(result).entrySet()) {
            html.append("<h2>").append(Figures.label(section.getKey())).append("</h2>\n<ul>\n");
            section.getValue().forEach(s -> item(html, s, run, true, Figures.chargeNote(charges.get(s), s)));
            html.append("</ul>\n");
        }
        List<Rubric.Scored> unscored = result.checks().stream().filter(s -> !Figures.scored(s)).toList();
        if (!unscored.isEmpty()) {
            html.append("<h2>").append(escape(Reports.UNSCORED_TITLE)).append("</h2>\n<p>")
                    .append(escape(Reports.unscoredSummary(unscored))).append("</p>\n<ul>\n");
            unscored.stream().filter(s -> s.check().status() != Outcome.PASSED).forEach(s -> item(html, s, run, false, ""));
            html.append("</ul>\n");
        }
        html.append("<p>Kit ").append(escape(run.kitVersion())).append(", JDK ").append(escape(run.jdk()))
                .append(", property seed ").append(run.seed()).append(".</p>\n");
        html.append("<p>Rubric ").append(escape(run.rubricFacts())).append(run.graded().isEmpty() ? "" : ". Graded "
                + escape(run.graded())).append(".</p>\n");
        return tail(html);
    }

    private static void item(StringBuilder html, Rubric.Scored s, Reports.Run run, boolean points, String chargeNote) {
        boolean hide = s.hidden() && !run.showHidden();
        CheckResult c = s.check();
        String css = c.status().word().replace(' ', '-');
        html.append("<li><span class=\"").append(css).append("\">").append(c.status().word()).append("</span> ")
                .append(escape(hide ? "hidden check" : c.name()));
        if (points) {
            html.append(" (").append(Reports.points(s.earned())).append(" / ").append(Reports.points(s.max())).append(')');
        }
        if (!chargeNote.isEmpty()) {
            html.append("<br><em>").append(escape(chargeNote)).append("</em>");
        }
        if (!hide && !c.message().isEmpty() && c.status() != Outcome.PASSED) {
            html.append("\n<pre>").append(escape(Reports.shownMessage(c.message()))).append("</pre>");
        }
        html.append("</li>\n");
    }

    private static void checkTable(StringBuilder html, List<Figures.CheckFigure> checks, boolean points) {
        if (checks.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th>check</th><th>TODO</th>").append(points ? "<th class=\"n\">points lost</th>" : "")
                .append("<th class=\"n\">students</th></tr></thead>\n<tbody>\n");
        for (Figures.CheckFigure c : checks.subList(0, Math.min(20, checks.size()))) {
            html.append("<tr><td>").append(escape(c.name())).append("</td><td>").append(Figures.label(c.todo())).append("</td>");
            if (points) {
                html.append("<td class=\"n\">").append(Figures.round(c.pointsLost())).append("</td>");
            }
            html.append("<td class=\"n\">").append(c.students()).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (checks.size() > 20) {
            html.append("<p>(and ").append(checks.size() - 20).append(" more)</p>\n");
        }
    }

    /**
     * A chart of {@code figures} as a figure: the SVG that {@code svg} draws, named by the caption for a screen reader
     * (which reads it as one image), then the same figures as a table, its text equivalent, in a {@code <details>} of the
     * figure (open to anyone, and the whole of it when the chart could not be drawn).
     *
     * @param category the head of the figures' first column (what a bar stands for)
     * @param value the head of their second column (what a bar's length measures)
     */
    static void chart(StringBuilder html, String id, String caption, Map<String, Double> figures, String category, String value,
                      java.util.function.Supplier<String> svg) {
        String captionId = "chart-" + id + "-caption";
        html.append("<figure class=\"chart\" id=\"chart-").append(id).append("\">\n");
        boolean drawn = false;
        try {
            String drawing = svg.get();
            if (!drawing.startsWith("<svg")) {
                throw new IllegalStateException("not an SVG element: " + shorten(drawing, 40));
            }
            html.append("<svg role=\"img\" aria-labelledby=\"").append(captionId).append('"')
                    .append(drawing, "<svg".length(), drawing.length()).append('\n');
            drawn = true;
        } catch (RuntimeException | Error e) {
            // no fonts or no AWT on this machine: the figures below still say it all
            html.append("<p>This chart could not be drawn here: ").append(escape(String.valueOf(e))).append("</p>\n");
        }
        html.append("<figcaption id=\"").append(captionId).append("\">").append(escape(caption)).append("</figcaption>\n")
                .append(drawn ? "<details>" : "<details open>").append("<summary>The chart's figures</summary>\n<table id=\"chart-")
                .append(id).append("-figures\" aria-labelledby=\"").append(captionId).append("\">\n<thead><tr><th>")
                .append(escape(category)).append("</th><th class=\"n\">").append(escape(value)).append("</th></tr></thead>\n<tbody>\n");
        figures.forEach((name, figure) -> html.append("<tr><td>").append(escape(name)).append("</td><td class=\"n\">")
                .append(Figures.round(figure)).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n</details>\n</figure>\n");
    }

    /** A sortable column's head: its content (HTML) is a button, which the page's script makes sort by the column. */
    private static String sortHead(String css, String title, String content) {
        return "<th" + (css.isEmpty() ? "" : " class=\"" + css + "\"") + "><button type=\"button\""
                + (title.isEmpty() ? "" : " title=\"" + escape(title) + "\"") + ">" + content + "</button></th>";
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>").append(escape(name)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static void numberCell(StringBuilder html, double value, String shown) {
        html.append("<td class=\"n\" data-value=\"").append(String.format(Locale.ROOT, "%.4f", value)).append("\">").append(shown).append("</td>");
    }

    static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    }

    static String tail(StringBuilder html) {
        return html.append("</main>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n").toString();
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static String urlPart(String folder) {
        return java.net.URLEncoder.encode(folder, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Text made safe inside HTML elements and double-quoted attributes. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
