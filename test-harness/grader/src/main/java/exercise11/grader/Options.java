package exercise11.grader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The grader's command-line options, checked as they are read. */
public record Options(Path cohort, List<Path> merge, Path out, int jobs, String shard, Optional<Long> seed,
                      Duration timeLimit, Duration checkTimeout, int heapMegabytes, Duration totalTimeLimit,
                      boolean showHidden, boolean keepWork, Optional<Path> kit, boolean containers, boolean sandbox,
                      Optional<String> runAs, Duration compileLimit, boolean help) {

    /** Parse {@code args}; a mistake throws {@link IllegalArgumentException} with a one-line message. */
    public static Options parse(String[] args) {
        Path cohort = null;
        List<Path> merge = new ArrayList<>();
        Path out = Path.of("grades");
        int jobs = Runtime.getRuntime().availableProcessors();
        String shard = "1/1";
        Optional<Long> seed = Optional.empty();
        Duration timeLimit = Duration.ofSeconds(120);
        Duration checkTimeout = Duration.ofSeconds(20);
        Duration compileLimit = Duration.ofSeconds(60);
        int heap = 256;
        Duration total = Duration.ofHours(1);
        boolean showHidden = false;
        boolean keepWork = false;
        Optional<Path> kit = Optional.empty();
        boolean help = false;
        boolean merging = false;
        boolean containers = false;
        boolean sandbox = false;
        Optional<String> runAs = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--show-hidden" -> showHidden = true;
                case "--keep-work" -> keepWork = true;
                case "--containers" -> containers = true;
                case "--sandbox" -> sandbox = true;
                case "--merge" -> merging = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--jobs" -> jobs = number(args, ++i, arg, 1, 64);
                case "--shard" -> shard = shard(value(args, ++i, arg));
                case "--seed" -> seed = Optional.of(longValue(args, ++i, arg));
                case "--time-limit" -> timeLimit = Duration.ofSeconds(number(args, ++i, arg, 1, 86_400));
                case "--check-timeout" -> checkTimeout = Duration.ofSeconds(number(args, ++i, arg, 1, 3_600));
                case "--compile-limit" -> compileLimit = Duration.ofSeconds(number(args, ++i, arg, 1, 3_600));
                case "--heap" -> heap = number(args, ++i, arg, 32, 65_536);
                case "--total-time-limit" -> total = Duration.ofSeconds(number(args, ++i, arg, 1, 604_800));
                case "--kit" -> kit = Optional.of(Path.of(value(args, ++i, arg)));
                case "--run-as" -> runAs = Optional.of(user(value(args, ++i, arg)));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                    if (merging) {
                        merge.add(Path.of(arg));
                    } else if (cohort == null) {
                        cohort = Path.of(arg);
                    } else {
                        throw new IllegalArgumentException("one cohort folder only; also got '" + arg + "'");
                    }
                }
            }
        }
        if (!help && merging && merge.isEmpty()) {
            throw new IllegalArgumentException("--merge needs the output folders to join");
        }
        if (!help && !merging) {
            if (cohort == null) {
                throw new IllegalArgumentException("give the folder that holds the submissions");
            }
            if (!Files.isDirectory(cohort)) {
                throw new IllegalArgumentException("'" + cohort + "' is not a folder" + (Files.exists(cohort) ? "" : " (it does not exist)"));
            }
        }
        // Paths as the user typed them, made absolute here: the checks' JVMs run in folders of their own.
        return new Options(absolute(cohort), merge.stream().map(Options::absolute).toList(), absolute(out), jobs, shard,
                seed, timeLimit, checkTimeout, heap, total, showHidden, keepWork, kit.map(Options::absolute), containers,
                sandbox, runAs, compileLimit, help);
    }

    private static Path absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int number(String[] args, int i, String name, int min, int max) {
        String text = value(args, i, name);
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " expects a whole number from " + min + " to " + max + ", got '" + text + "'");
    }

    private static long longValue(String[] args, int i, String name) {
        String text = value(args, i, name);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got '" + text + "'");
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
