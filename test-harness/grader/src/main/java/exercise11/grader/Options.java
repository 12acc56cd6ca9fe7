package exercise11.grader;

import exercise11.grader.gradebook.Gradebooks;
import exercise11.grader.intake.Cohort;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The grader's command-line options, read by picocli and checked as they are read. */
public record Options(Path cohort, List<Path> merge, Path out, int jobs, String shard, Optional<Long> seed,
                      Duration timeLimit, Duration checkTimeout, int heapMegabytes, Duration totalTimeLimit,
                      boolean showHidden, boolean keepWork, Optional<Path> kit, boolean containers, boolean sandbox,
                      Optional<String> runAs, Duration compileLimit, boolean help, List<String> only, boolean force,
                      Optional<Path> rubric, Optional<String> prefer,
                      Optional<OffsetDateTime> deadline, boolean similarity, double similarityThreshold,
                      String classSharing, Optional<Gradebooks.Settings> gradebooks) {

    /**
     * The default share of code two submissions must have in common to be marked (docs/grading.md, Similarity: honest
     * pairs of this exercise measured up to 60 %, disguised copies from 66 %).
     */
    public static final double SIMILARITY_THRESHOLD = 0.65;

    /** When the checks' JVMs share an archive of the kit's classes ({@code --class-sharing}). */
    public static final List<String> CLASS_SHARING = List.of("auto", "on", "off");

    /** The ways {@code --prefer} can pick the result of a student found in more than one output of a merge. */
    public static final List<String> PREFERENCES = List.of("newest", "first", "last");

    /** What picocli fills in from the command line; {@link #parse} checks it and makes the record. */
    @Command(name = "grade", sortOptions = false, usageHelpWidth = 120, synopsisHeading = "",
            customSynopsis = {
                "usage: grade COHORT_FOLDER [options]                 grade every submission (a folder, a zip or a git repository)",
                "       grade COHORT_FOLDER --out DIR --only NAME...  regrade these students into the output in DIR",
                "       grade --merge OUT_FOLDER... --out DIR         join the outputs of several shards"},
            optionListHeading = "options (--name VALUE or --name=VALUE):%n",
            footer = {"%nexit codes: 0 reports written, 1 nothing could be graded, 2 a mistake on the command line,",
                "            3 this machine cannot grade (its loopback lacks what some checks rest on; the line says what)"})
    static final class Line {
        @Parameters(arity = "0..*", paramLabel = "FOLDER", hidden = true)
        List<Path> folders = new ArrayList<>();
        @Option(names = "--out", paramLabel = "DIR", description = "where the reports go (default: grades)")
        Path out = Path.of("grades");
        @Option(names = "--jobs", paramLabel = "N", description = "submissions graded at once (default: the number of cores)")
        int jobs = Runtime.getRuntime().availableProcessors();
        @Option(names = "--shard", paramLabel = "I/N", description = "grade only the I-th of N equal shares of the cohort (1-based)")
        String shard = "1/1";
        @Option(names = "--seed", paramLabel = "N", description = "seed of the property checks (default: random, recorded in the reports)")
        Long seed;
        @Option(names = "--time-limit", paramLabel = "S", description = "wall time for one submission's checks (default: 120)")
        int timeLimit = 120;
        @Option(names = "--check-timeout", paramLabel = "S", description = "time for one check (default: 20)")
        int checkTimeout = 20;
        @Option(names = "--compile-limit", paramLabel = "S", description = "time for one compile of a submission (default: 60)")
        int compileLimit = 60;
        @Option(names = "--heap", paramLabel = "MB", description = "heap of one submission's JVM (default: 256)")
        int heap = 256;
        @Option(names = "--total-time-limit", paramLabel = "S",
                description = "stop starting submissions after S seconds, report the rest (default: 3600)")
        int totalTimeLimit = 3600;
        @Option(names = "--deadline", paramLabel = "TIME",
                description = "grade a git submission at its last commit at or before TIME (ISO 8601 with its offset,"
                        + " e.g. 2026-12-01T23:59:00+01:00) and mark later commits late")
        String deadline;
        @Option(names = "--show-hidden", description = "show hidden checks' names and messages (after the deadline)")
        boolean showHidden;
        @Option(names = "--containers", description = "also run the cross-host checks (needs Docker; about 10 s more per submission)")
        boolean containers;
        @Option(names = "--sandbox", description = "run each submission's checks in a locked-down Docker container")
        boolean sandbox;
        @Option(names = "--kit", paramLabel = "DIR", description = "the kit's root folder (default: found from the grader's own location)")
        Path kit;
        @Option(names = "--run-as", paramLabel = "USER",
                description = "the user the checks run as when the grader is root (default: nobody; Linux)")
        String runAs;
        @Option(names = "--keep-work", description = "keep each submission's work folder (its compiled code and run.log) under OUT/work")
        boolean keepWork;
        @Option(names = "--merge", description = "join the grader outputs given as folders into --out")
        boolean merge;
        @Option(names = "--only", arity = "1..*", split = ",", paramLabel = "NAME",
                description = "regrade only these students into the existing output in --out, and rebuild its cohort files")
        List<String> only = new ArrayList<>();
        @Option(names = "--force", description = "replace the grader's output already in --out whole (it must hold nothing"
                + " else); with --only or --merge, also mix runs of another kit or rubric")
        boolean force;
        @Option(names = "--rubric", paramLabel = "FILE", description = "grade with this rubric, in the format of"
                + " test-harness/rubric.txt (default: that file)")
        Path rubric;
        @Option(names = "--prefer", paramLabel = "WHICH", description = "with --merge, which result of a student found in"
                + " several outputs wins: newest (graded last), first or last (in the order given)")
        String prefer;
        @Option(names = "--similarity-threshold", paramLabel = "PERCENT", description = "mark pairs of submissions that"
                + " share at least this much of their own code in the similarity report (default: 65)")
        Integer similarityThreshold;
        @Option(names = "--no-similarity", description = "write no similarity report (similarity.csv, similarity/)")
        boolean noSimilarity;
        @Option(names = "--class-sharing", paramLabel = "WHEN", description = "auto, on or off: the checks' JVMs map one"
                + " archive of the kit's classes, made at the start of the run (default: auto, for 20 submissions or more)")
        String classSharing = "auto";
        @Option(names = "--roster", paramLabel = "FILE", description = "a roster (GitHub Classroom's download, or"
                + " submission,student_id,email[,name][,section]): also write canvas.csv, moodle.csv and roster.md")
        Path roster;
        @Option(names = "--points-possible", paramLabel = "P", description = "with --roster, what a full score is worth"
                + " in the imports, two decimals (default: the rubric's total)")
        String pointsPossible;
        @Option(names = "--assignment", paramLabel = "NAME", description = "with --roster, the imports' grade column"
                + " (default: Exercise 11; Canvas: 'Name (12345)' names an existing assignment)")
        String assignment;
        @Option(names = "--canvas-match", paramLabel = "COLUMN", description = "with --roster, the Canvas column that holds"
                + " the roster's identifier: sis-login-id or sis-user-id (default: sis-login-id)")
        String canvasMatch;
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this text")
        boolean help;
    }

    /** The usage that {@code --help} prints: the synopsis, then every option with its default. */
    public static String usage() {
        StringWriter text = new StringWriter();
        new CommandLine(new Line()).usage(new PrintWriter(text, true));
        return text.toString();
    }

    /** Parse {@code args}; a mistake throws {@link IllegalArgumentException} with a one-line message. */
    public static Options parse(String[] args) {
        Line line = new Line();
        // As before picocli: an option given twice takes its last value.
        CommandLine commandLine = new CommandLine(line).setOverwrittenOptionsAllowed(true);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            List<String> suggestions = e.getSuggestions();
            throw new IllegalArgumentException("unknown option '" + e.getUnmatched().get(0) + "'"
                    + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse("a mistake on the command line"));
        }
        Path cohort = null;
        List<Path> merge = new ArrayList<>();
        if (line.merge) {
            merge.addAll(line.folders);
        } else if (!line.folders.isEmpty()) {
            cohort = line.folders.get(0);
            if (line.folders.size() > 1) {
                throw new IllegalArgumentException("one cohort folder only; also got '" + line.folders.get(1) + "'");
            }
        }
        int jobs = range("--jobs", line.jobs, 1, 64);
        if (!CLASS_SHARING.contains(line.classSharing)) {
            throw new IllegalArgumentException("--class-sharing takes auto, on or off, not '" + line.classSharing + "'");
        }
        Duration timeLimit = Duration.ofSeconds(range("--time-limit", line.timeLimit, 1, 86_400));
        Duration checkTimeout = Duration.ofSeconds(range("--check-timeout", line.checkTimeout, 1, 3_600));
        Duration compileLimit = Duration.ofSeconds(range("--compile-limit", line.compileLimit, 1, 3_600));
        int heap = range("--heap", line.heap, 32, 65_536);
        Duration total = Duration.ofSeconds(range("--total-time-limit", line.totalTimeLimit, 1, 604_800));
        String shard = shard(line.shard);
        Optional<String> runAs = Optional.ofNullable(line.runAs).map(Options::user);
        Optional<OffsetDateTime> deadline = Optional.ofNullable(line.deadline).map(Options::deadline);
        if (!line.help && line.merge && merge.isEmpty()) {
            throw new IllegalArgumentException("--merge needs the output folders to join");
        }
        if (!line.help) {
            mistakesOfRegrading(line);
        }
        if (!line.help && !line.merge) {
            if (cohort == null) {
                throw new IllegalArgumentException("give the folder that holds the submissions");
            }
            if (!Files.isDirectory(cohort)) {
                throw new IllegalArgumentException("'" + cohort + "' is not a folder" + (Files.exists(cohort) ? "" : " (it does not exist)"));
            }
            Path typed = cohort;
            Cohort.oneSubmission(cohort).ifPresent(holds -> {
                throw new IllegalArgumentException(Cohort.oneSubmissionMessage(typed, holds));
            });
        }
        // Paths as the user typed them, made absolute here: the checks' JVMs run in folders of their own.
        return new Options(absolute(cohort), merge.stream().map(Options::absolute).toList(), absolute(line.out), jobs, shard,
                Optional.ofNullable(line.seed), timeLimit, checkTimeout, heap, total, line.showHidden, line.keepWork,
                Optional.ofNullable(line.kit).map(Options::absolute), line.containers, line.sandbox, runAs, compileLimit,
                line.help, List.copyOf(line.only), line.force, Optional.ofNullable(line.rubric).map(Options::absolute),
                Optional.ofNullable(line.prefer), deadline, !line.noSimilarity,
                line.similarityThreshold == null ? SIMILARITY_THRESHOLD : range("--similarity-threshold", line.similarityThreshold, 1, 100) / 100.0,
                line.classSharing, line.help ? Optional.empty() : gradebooks(line));
    }

    /** The gradebook imports asked for ({@code --roster} and what goes with it), checked. */
    private static Optional<Gradebooks.Settings> gradebooks(Line line) {
        if (line.roster == null) {
            for (String option : new String[] {line.pointsPossible == null ? null : "--points-possible",
                line.assignment == null ? null : "--assignment", line.canvasMatch == null ? null : "--canvas-match"}) {
                if (option != null) {
                    throw new IllegalArgumentException(option + " shapes the gradebook imports, which need a --roster");
                }
            }
            return Optional.empty();
        }
        if (!Files.isRegularFile(line.roster)) {
            throw new IllegalArgumentException("--roster '" + line.roster + "' is not a file"
                    + (Files.exists(line.roster) ? "" : " (it does not exist)"));
        }
        Optional<Double> points = Optional.empty();
        if (line.pointsPossible != null) {
            if (!line.pointsPossible.matches("\\d{1,6}(\\.\\d{1,2})?") || Double.parseDouble(line.pointsPossible) <= 0) {
                throw new IllegalArgumentException("--points-possible expects a number above 0 with at most two decimals,"
                        + " e.g. 10 or 12.5; got '" + line.pointsPossible + "'");
            }
            points = Optional.of(Double.parseDouble(line.pointsPossible));
        }
        String assignment = line.assignment == null ? "Exercise 11" : line.assignment.strip();
        if (assignment.isEmpty() || exercise11.grader.spreadsheet.Csv.unsafeIdentifier(assignment).isPresent()) {
            throw new IllegalArgumentException("--assignment expects the grade column's name, e.g. 'Exercise 11'; got '"
                    + line.assignment + "'" + exercise11.grader.spreadsheet.Csv.unsafeIdentifier(assignment).map(w -> ": " + w).orElse(""));
        }
        String match = line.canvasMatch == null ? Gradebooks.CANVAS_MATCHES.get(0) : line.canvasMatch;
        if (!Gradebooks.CANVAS_MATCHES.contains(match)) {
            throw new IllegalArgumentException("--canvas-match expects " + String.join(" or ", Gradebooks.CANVAS_MATCHES)
                    + ", got '" + line.canvasMatch + "'");
        }
        return Optional.of(new Gradebooks.Settings(absolute(line.roster), points, assignment, match));
    }

    /** The options of regrading ({@code --only}, {@code --prefer}, {@code --rubric}) that cannot go together or are wrong. */
    private static void mistakesOfRegrading(Line line) {
        if (!line.only.isEmpty() && line.merge) {
            throw new IllegalArgumentException("--only regrades students from a cohort folder; --merge joins outputs: give one");
        }
        if (!line.only.isEmpty() && !line.shard.equals("1/1")) {
            throw new IllegalArgumentException("--only regrades the students it names, wherever their shard: leave out --shard");
        }
        for (String name : line.only) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("--only expects students' names, got an empty one");
            }
        }
        if (line.prefer != null && !line.merge) {
            throw new IllegalArgumentException("--prefer says which output of a --merge wins; there is no --merge");
        }
        if (line.prefer != null && !PREFERENCES.contains(line.prefer)) {
            throw new IllegalArgumentException("--prefer expects one of " + String.join(", ", PREFERENCES) + ", got '" + line.prefer + "'");
        }
        if (line.rubric != null && line.merge) {
            throw new IllegalArgumentException("--rubric grades with a rubric; --merge grades nothing: leave it out");
        }
        if (line.rubric != null && !Files.isRegularFile(line.rubric)) {
            throw new IllegalArgumentException("--rubric '" + line.rubric + "' is not a file"
                    + (Files.exists(line.rubric) ? "" : " (it does not exist)"));
        }
    }

    private static Path absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    private static int range(String name, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " expects a whole number from " + min + " to " + max + ", got '" + n + "'");
        }
        return n;
    }

    private static OffsetDateTime deadline(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--deadline expects a time in ISO 8601 with its offset, e.g."
                    + " 2026-12-01T23:59:00+01:00 or 2026-12-01T22:59:00Z; got '" + text + "'");
        }
    }

    private static String user(String name) {
        if (!name.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("--run-as expects a user name, got '" + name + "'");
        }
        return name;
    }

    private static String shard(String text) {
        if (text.matches("\\d+/\\d+")) {
            String[] parts = text.split("/");
            int i = Integer.parseInt(parts[0]);
            int n = Integer.parseInt(parts[1]);
            if (n >= 1 && i >= 1 && i <= n) {
                return text;
            }
        }
        throw new IllegalArgumentException("--shard expects I/N with 1 <= I <= N, e.g. 2/4; got '" + text + "'");
    }
}
