package exercise11.grader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A run's facts ({@link Reports.Run}) as a {@code run.properties} file: the cohort's, at the top of an output, and
 * each student's, in {@code students/<name>/}, which says which run graded that student (when, with which kit, checks
 * and rubric), so that an output regraded in part still says where every score came from.
 */
public final class RunFacts {

    /** The name of the file, in an output's folder and in each student's. */
    public static final String FILE = "run.properties";

    private RunFacts() {
    }

    /** Write {@code run} to {@code file}. */
    public static void write(Reports.Run run, Path file) throws IOException {
        Properties facts = new Properties();
        facts.setProperty("kit_version", run.kitVersion());
        facts.setProperty("jdk", run.jdk());
        facts.setProperty("property_seed", Long.toString(run.seed()));
        facts.setProperty("shard", run.shard());
        facts.setProperty("max_score", Double.toString(run.maxScore()));
        facts.setProperty("show_hidden", Boolean.toString(run.showHidden()));
        facts.setProperty("started", run.started());
        facts.setProperty("checks_ran", run.checksRan());
        facts.setProperty("checks_sha256", run.checksSha256());
        facts.setProperty("rubric", run.rubric());
        facts.setProperty("rubric_sha256", run.rubricSha256());
        facts.setProperty("rubric_total", Reports.points(run.maxScore()));
        if (!run.graded().isEmpty()) {
            facts.setProperty("graded", run.graded());
        }
        if (!run.regraded().isEmpty()) {
            facts.setProperty("regraded", run.regraded());
        }
        facts.setProperty("deadline", run.deadline());
        for (int i = 0; i < run.ignored().size(); i++) {
            facts.setProperty("ignored." + (i + 1), run.ignored().get(i));
        }
        int n = 0;
        for (java.util.Map.Entry<String, String> refused : run.refused().entrySet()) {
            n++;
            facts.setProperty("refused." + n + ".entry", refused.getKey());
            facts.setProperty("refused." + n + ".why", refused.getValue());
        }
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            facts.store(writer, run.graded().isEmpty()
                    ? "How this grading run was made; a regrade with the same kit, JDK, rubric and seed reproduces it"
                    : "The run that graded this student; a regrade with the same kit, JDK, rubric and seed reproduces it");
        }
    }

    /**
     * Read the facts in {@code file}; what an older grader did not record reads as {@code (not recorded)}. A file
     * that is not a run's facts gives an {@link IllegalArgumentException} that says so.
     */
    public static Reports.Run read(Path file) throws IOException {
        Properties facts = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            facts.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a grader's run.properties: " + e.getMessage(), e);
        }
        try {
            return new Reports.Run(required(facts, "kit_version", file), facts.getProperty("jdk", "(not recorded)"),
                    Long.parseLong(required(facts, "property_seed", file)), facts.getProperty("shard", "1/1"),
                    Double.parseDouble(required(facts, "max_score", file)), Boolean.parseBoolean(facts.getProperty("show_hidden")),
                    facts.getProperty("started", ""), facts.getProperty("checks_ran", "(not recorded)"),
                    facts.getProperty("rubric", "(not recorded)"), facts.getProperty("rubric_sha256", ""),
                    facts.getProperty("checks_sha256", ""), facts.getProperty("graded", ""), facts.getProperty("regraded", ""),
                    ignored(facts), facts.getProperty("deadline", ""), refused(facts));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " is not a grader's run.properties: " + e.getMessage(), e);
        }
    }

    private static java.util.List<String> ignored(Properties facts) {
        java.util.List<String> ignored = new java.util.ArrayList<>();
        for (int i = 1; facts.getProperty("ignored." + i) != null; i++) {
            ignored.add(facts.getProperty("ignored." + i));
        }
        return java.util.List.copyOf(ignored);
    }

    private static java.util.Map<String, String> refused(Properties facts) {
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (int i = 1; facts.getProperty("refused." + i + ".entry") != null; i++) {
            refused.put(facts.getProperty("refused." + i + ".entry"), facts.getProperty("refused." + i + ".why", ""));
        }
        return java.util.Collections.unmodifiableMap(refused);
    }

    private static String required(Properties facts, String key, Path file) {
        String value = facts.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + " is not a grader's run.properties (it has no " + key + ")");
        }
        return value;
    }
}
