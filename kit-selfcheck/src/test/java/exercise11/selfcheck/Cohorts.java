package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.grader.Grade;
import exercise11.grader.Options;
import exercise11.grader.SubmissionGrader;
import exercise11.grader.report.Reports;
import exercise11.grader.score.StudentResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Build a cohort folder from variants, grade it with the grader's own command, and read the results back. */
public final class Cohorts {

    /** The kit's root folder. */
    public static final Path KIT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("selfcheck.work", "target/selfcheck")).toAbsolutePath();

    private Cohorts() {
    }

    /** A graded cohort: each student's result, and the output folder with every report. */
    public record Graded(Map<String, StudentResult> results, Path out, String log) {

        /** Return the result of {@code student}, failing clearly if the grader lost it. */
        public StudentResult of(String student) {
            StudentResult result = results.get(student);
            if (result == null) {
                throw new AssertionError("the grader wrote no result for " + student + "; its log:\n" + log);
            }
            return result;
        }
    }

    /** Write {@code variants} as a cohort called {@code name}, grade it with {@code extraArgs}, return the results. */
    public static Graded grade(String name, List<Variant> variants, String... extraArgs) throws IOException {
        Path cohort = WORK.resolve(name).resolve("cohort");
        Path out = WORK.resolve(name).resolve("grades");
        deleteTree(WORK.resolve(name));
        Files.createDirectories(cohort);
        for (Variant variant : variants) {
            variant.writeTo(KIT, cohort);
        }
        return gradeFolder(cohort, out, extraArgs);
    }

    /** Grade an existing cohort folder into {@code out}. */
    public static Graded gradeFolder(Path cohort, Path out, String... extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of(cohort.toString(), "--out", out.toString(), "--kit", KIT.toString(),
                "--jobs", "2", "--seed", "20261123"));
        args.addAll(List.of(extraArgs));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        int code = Grade.run(Options.parse(args.toArray(String[]::new)), logStream, logStream);
        if (code != 0) {
            throw new AssertionError("the grader exited " + code + ":\n" + log.toString(StandardCharsets.UTF_8));
        }
        Map<String, StudentResult> results = new LinkedHashMap<>();
        try (Stream<Path> students = Files.list(out.resolve("students"))) {
            for (Path folder : students.sorted().toList()) {
                StudentResult result = Reports.readRaw(folder.resolve("checks.tsv"));
                results.put(result.student(), result);
            }
        }
        return new Graded(results, out, log.toString(StandardCharsets.UTF_8));
    }

    /**
     * Run {@code command} in {@code folder} with {@code environment} added, waiting for it within a bound generous
     * for a busy machine (a whole Maven build included); fail with everything it printed unless it exits 0.
     */
    static String run(Path folder, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String what = String.join(" ", command);
        try {
            assertTrue(process.waitFor(10, TimeUnit.MINUTES),
                    what + " did not end");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
        assertEquals(0, process.exitValue(), () -> what + " failed:\n" + output);
        return output;
    }

    /** Copy every file under {@code from} to the same place under {@code to}, replacing what is there. */
    static void copyTree(Path from, Path to) throws IOException {
        SubmissionGrader.copyTree(from, to);
    }

    /**
     * Every HTML page that the grader wrote in {@code out}: the cohort's {@code index.html}, each student's
     * {@code students/NAME/index.html}, and each pair's {@code similarity/NNN.html} (where the run made any), in that order.
     */
    static List<Path> pages(Path out) throws IOException {
        List<Path> pages = new ArrayList<>(List.of(out.resolve("index.html")));
        try (Stream<Path> students = Files.list(out.resolve("students"))) {
            students.map(folder -> folder.resolve("index.html")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        Path pairs = out.resolve("similarity");
        if (Files.isDirectory(pairs)) {
            try (Stream<Path> files = Files.list(pairs)) {
                files.filter(p -> p.getFileName().toString().matches("\\d+\\.html")).sorted().forEach(pages::add);
            }
        }
        return pages;
    }

    static void deleteTree(Path path) throws IOException {
        SubmissionGrader.deleteTree(path);
    }
}
