package exercise11.selfcheck;

import exercise11.grader.report.SimilarityReport;
import exercise11.grader.similarity.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Time the similarity stage alone on a generated cohort and print the figures (not a test): {@code mvn -q -pl
 * kit-selfcheck test-compile exec:exec@similarity-benchmark -Dargs="500"}. Student {@code i} is the solution with
 * the known-bad or known-good patch {@code i mod 44} applied (the starter for every seventh), so the cohort holds many
 * near-identical pairs, the costly case for the matching.
 */
public final class SimilarityBenchmark {

    private SimilarityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path work = Path.of(System.getProperty("selfcheck.work", "target/selfcheck")).toAbsolutePath().resolve("similarity-benchmark");
        Cohorts.deleteTree(work);
        Path cohort = Files.createDirectories(work.resolve("cohort"));
        Path students = Files.createDirectories(work.resolve("out/students"));
        List<Path> patches = new ArrayList<>();
        for (String kind : List.of("known-bad", "known-good")) {
            try (Stream<Path> fixtures = Files.list(Cohorts.KIT.resolve("kit-selfcheck/fixtures").resolve(kind))) {
                fixtures.sorted().map(f -> f.resolve("changes.patch")).filter(Files::isRegularFile).forEach(patches::add);
            }
        }
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "student-%05d", i);
            Variant variant = i % 7 == 0 ? Variant.ofStarter(name) : Variant.ofSolution(name).withPatch(patches.get(i % patches.size()));
            Path written = variant.writeTo(Cohorts.KIT, cohort);
            Similarity.keep(written.resolve("src/main/java"), students.resolve(name));
            folders.add(name);
        }
        Path scratch = Files.createDirectories(work.resolve("scratch"));
        long start = System.nanoTime();
        Similarity.Comparison comparison = Similarity.compare(students, folders, Cohorts.KIT.resolve("exercise-11-starter/src/main/java"), scratch);
        SimilarityReport report = SimilarityReport.of(comparison, exercise11.grader.Options.SIMILARITY_THRESHOLD);
        report.write(work.resolve("out"), folder -> folder);
        double seconds = (System.nanoTime() - start) / 1e9;
        long csv = Files.size(work.resolve("out/similarity.csv"));
        long pages;
        try (Stream<Path> all = Files.list(work.resolve("out/similarity"))) {
            pages = all.count();
        }
        long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "Similarity of %d submissions (%d pairs) on %d core(s): %.1f s in all, JPlag's part %.1f s;"
                        + " similarity.csv %d rows, %d bytes; %d pair pages; %d pairs marked at the default threshold; heap pools' peaks %d MB%n",
                count, comparison.pairsCompared(), Runtime.getRuntime().availableProcessors(), seconds, comparison.seconds(),
                comparison.pairs().size(), csv, pages, report.marked(), peak >> 20);
    }
}
