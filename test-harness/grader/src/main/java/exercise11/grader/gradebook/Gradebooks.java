package exercise11.grader.gradebook;

import exercise11.grader.score.Status;
import exercise11.grader.score.StudentResult;
import exercise11.grader.spreadsheet.Csv;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The grader's scores as the files a course's learning platform imports, with the students named as its roster names
 * them: {@code canvas.csv} (Canvas's gradebook import), {@code moodle.csv} (Moodle's grade import from a CSV file) and
 * {@code roster.md}, which lists what could not be matched or imported. Nothing is dropped without being listed.
 */
public final class Gradebooks {

    /** Canvas's columns that identify a student, in the order of its gradebook export. */
    public static final List<String> CANVAS_COLUMNS = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
    /** The Canvas column the roster's identifier goes into ({@code --canvas-match}). */
    public static final List<String> CANVAS_MATCHES = List.of("sis-login-id", "sis-user-id");
    /** The files written, beside {@code gradebook.csv}. */
    public static final List<String> FILES = List.of("canvas.csv", "moodle.csv", "roster.md");

    private Gradebooks() {
    }

    /**
     * What the teacher asked for.
     *
     * @param roster the roster ({@code --roster})
     * @param pointsPossible what a full score is worth in the platform ({@code --points-possible}); empty for the rubric's
     *                       total
     * @param assignment the assignment's column ({@code --assignment}): a new name makes Canvas create the assignment,
     *                   {@code Name (12345)} names an existing one
     * @param canvasMatch which Canvas column holds the roster's identifier: {@code sis-login-id} or {@code sis-user-id}
     */
    public record Settings(Path roster, Optional<Double> pointsPossible, String assignment, String canvasMatch) {
    }

    /**
     * What was written.
     *
     * @param imported the students in the import files
     * @param points what a full score is worth in them
     * @param matching which submissions were whose
     * @param notImported the matched submissions left out of the imports, each with why (not graded, the grader failed)
     */
    public record Written(int imported, double points, Roster.Matching matching, Map<String, String> notImported) {

        /** What the imports hold and leave out, in words, for the cohort's page. */
        public String inWords() {
            return String.format(Locale.ROOT, "%d student(s), scores out of %s; %d submission(s) without a roster line,"
                    + " %d roster line(s) without a submission, %d not imported", imported, two(points),
                    matching.withoutRosterLine().size() + matching.ambiguous().size(), matching.withoutSubmission().size(),
                    notImported.size());
        }

        /** One line for the grader's standard error. */
        public String summary() {
            return "gradebook imports: canvas.csv and moodle.csv hold " + inWords() + " (roster.md lists them)";
        }
    }

    /** Read the roster now, so that a mistake in it stops the run before anyone is graded. */
    public static Roster roster(Settings settings) {
        return Roster.read(settings.roster());
    }

    /**
     * Write the import files for {@code results} (scores out of {@code maxScore}) into {@code out}.
     */
    public static Written write(List<StudentResult> results, double maxScore, Roster roster, Settings settings, Path out)
            throws IOException {
        double points = settings.pointsPossible().orElse(maxScore);
        Map<String, StudentResult> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.student(), r));
        Roster.Matching matching = roster.match(List.copyOf(byName.keySet()));
        boolean userId = settings.canvasMatch().equals("sis-user-id");
        Csv canvas = new Csv(with(CANVAS_COLUMNS, settings.assignment()));
        canvas.row(List.of("Points Possible", "", "", "", "", two(points)));
        Csv moodle = new Csv(List.of("ID number", "Email address", "Full name", settings.assignment()));
        Map<String, String> notImported = new LinkedHashMap<>();
        int imported = 0;
        for (Map.Entry<String, Roster.Student> match : matching.matched().entrySet()) {
            StudentResult result = byName.get(match.getKey());
            Optional<String> why = notImportable(result);
            if (why.isPresent()) {
                notImported.put(match.getKey(), why.get());
                continue;
            }
            Roster.Student student = match.getValue();
            String score = two(maxScore == 0 ? 0 : result.score() / maxScore * points);
            String name = student.name().isEmpty() ? match.getKey() : student.name();
            canvas.row(List.of(name, "", userId ? student.identifier() : "", userId ? "" : student.identifier(), student.section(),
                    score));
            moodle.row(List.of(student.identifier(), student.email(), name, score));
            imported++;
        }
        Files.writeString(out.resolve("canvas.csv"), canvas.toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("moodle.csv"), moodle.toString(), StandardCharsets.UTF_8);
        Written written = new Written(imported, points, matching, notImported);
        Files.writeString(out.resolve("roster.md"), listing(roster, settings, written), StandardCharsets.UTF_8);
        return written;
    }

    /** Why a matched submission's score must not go to the platform, if it must not. */
    private static Optional<String> notImportable(StudentResult result) {
        if (result.status() == Status.NOT_GRADED) {
            return Optional.of("not graded: " + result.reason().lines().findFirst().orElse(""));
        }
        if (result.isGraderFailure()) {
            return Optional.of(result.reason().lines().findFirst().orElse("")); // the grader's fault, not a score of 0
        }
        return Optional.empty();
    }

    private static String listing(Roster roster, Settings settings, Written written) {
        Roster.Matching m = written.matching();
        StringBuilder md = new StringBuilder("# Exercise 11: the roster and the gradebook imports\n\n");
        md.append("Roster ").append(roster.file().getFileName()).append(" (").append(roster.format()).append(", ")
                .append(roster.students().size()).append(" lines). `canvas.csv` and `moodle.csv` hold ").append(written.imported())
                .append(" student(s) in the column '").append(settings.assignment()).append("', scores out of ")
                .append(two(written.points())).append(" with two decimals; Canvas matches them on its ")
                .append(settings.canvasMatch().equals("sis-user-id") ? "SIS User ID" : "SIS Login ID")
                .append(", Moodle on the ID number or the e-mail address, as chosen in its import form.\n\n");
        section(md, "Submissions without a roster line (not imported)", m.withoutRosterLine().stream()
                .map(s -> s + ": no roster line names it").toList());
        section(md, "Submissions that share a roster line (not imported)", m.ambiguous().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().shown() + " also names another submission").toList());
        section(md, "Roster lines without a submission (no score imported)", m.withoutSubmission().stream()
                .map(Roster.Student::shown).toList());
        section(md, "Matched but not imported", written.notImported().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList());
        return md.toString();
    }

    private static void section(StringBuilder md, String title, List<String> items) {
        md.append("## ").append(title).append(": ").append(items.size()).append("\n\n");
        items.forEach(i -> md.append("- ").append(i.replaceAll("\\p{Cntrl}", "?")).append('\n'));
        md.append(items.isEmpty() ? "None.\n\n" : "\n");
    }

    private static List<String> with(List<String> columns, String last) {
        List<String> all = new ArrayList<>(columns);
        all.add(last);
        return all;
    }

    /** {@code value} with two decimals, halves rounded up. */
    static String two(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
