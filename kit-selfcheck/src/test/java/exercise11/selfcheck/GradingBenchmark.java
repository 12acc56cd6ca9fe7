package exercise11.selfcheck;

import exercise11.grader.score.StudentResult;
import java.io.IOException;
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
        double cpuBefore = cpuSeconds();
        // Similarity has its own figure (SimilarityBenchmark): left out here, so that this one is the grading's alone.
        Cohorts.Graded graded = Cohorts.grade("benchmark", cohort, "--jobs", Integer.toString(jobs), "--no-similarity");
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds() - cpuBefore;
        DoubleSummaryStatistics each = graded.results().values().stream().mapToDouble(StudentResult::seconds).summaryStatistics();
        System.out.printf(Locale.ROOT, "Graded %d submissions with %d job(s) on %d core(s) in %.1f s (including writing the cohort).%n",
                count, jobs, Runtime.getRuntime().availableProcessors(), wall);
        System.out.printf(Locale.ROOT, "Amortised: %.2f s per submission (target 1.0 s on 2 cores).%n", wall / count);
        System.out.printf(Locale.ROOT, "One submission, start to reports: mean %.2f s, min %.2f s, max %.2f s.%n",
                each.getAverage(), each.getMin(), each.getMax());
        if (cpu >= 0) {
            System.out.printf(Locale.ROOT, "CPU: %.2f s per submission (the grader and every process it started).%n", cpu / count);
        }
        graded.log().lines().filter(line -> line.startsWith("time a submission")).forEach(System.out::println);
    }

    /**
     * The CPU seconds of this JVM and of every process it waited for (theirs included), from /proc/self/stat; -1 where
     * there is no such file.
     */
    private static double cpuSeconds() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return -1;
        }
        String text = Files.readString(stat);
        // After the command's name in parentheses: fields 14-17 of stat(5) are utime, stime, cutime, cstime in ticks.
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 11; field <= 14; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
