package exercise11.selfcheck;

import exercise11.grader.build.Compilation;
import exercise11.grader.score.StudentResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;

/**
 * Grade a generated cohort and print how long it took per submission. Not a test: run it with
 * {@code mvn -q -pl kit-selfcheck test-compile exec:exec@benchmark} (optionally {@code -Dargs="COUNT JOBS"}).
 */
public final class GradingBenchmark {

    private GradingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        List<Variant> cohort = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "student-%03d", i);
            cohort.add(switch (i % 5) {
                case 0, 1 -> Variant.ofSolution(name);
                case 2 -> Variant.ofStarter(name);
                case 3 -> Variant.ofSolution(name).replace("UdpServer.java", "new byte[BUFFER_SIZE], BUFFER_SIZE", "new byte[512], 512");
                default -> Variant.ofSolution(name).replace("UdpClient.java", "return \"ATU \" + pythonTimestamp(time);",
                        "return \"ATU \" + time;");
            });
        }
        long start = System.nanoTime();
        Cohorts.Graded graded = Cohorts.grade("benchmark", cohort, "--jobs", Integer.toString(jobs));
        double wall = (System.nanoTime() - start) / 1e9;
        DoubleSummaryStatistics each = graded.results().values().stream().mapToDouble(StudentResult::seconds).summaryStatistics();
        System.out.printf(Locale.ROOT, "Graded %d submissions with %d job(s) on %d core(s) in %.1f s (including writing the cohort).%n",
                count, jobs, Runtime.getRuntime().availableProcessors(), wall);
        System.out.printf(Locale.ROOT, "Amortised: %.2f s per submission (target 1.0 s on 2 cores).%n", wall / count);
        System.out.printf(Locale.ROOT, "One submission, start to reports: mean %.2f s, min %.2f s, max %.2f s.%n",
                each.getAverage(), each.getMin(), each.getMax());
        printCompileShare();
    }

    /** Time the compile step alone (the submission, then the checks against it) to show what the rest is. */
    private static void printCompileShare() throws Exception {
        Path temp = Files.createTempDirectory("benchmark-compile");
        Path main = temp.resolve("classes");
        long t0 = System.nanoTime();
        Compilation.compile(Compilation.javaFiles(Cohorts.KIT.resolve("exercise-11-solution/src/main/java")), "", main);
        long t1 = System.nanoTime();
        Compilation.compile(Compilation.javaFiles(Cohorts.KIT.resolve("test-harness/checks/java")),
                main + File.pathSeparator + System.getProperty("java.class.path"), temp.resolve("checks"));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "In-process javac, warm-up included: submission %.2f s, checks %.2f s;"
                + " the rest of a submission's time is its own JVM running the checks.%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }
}
