package exercise11.losslab;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/loss-lab --out DIR}: make UDP loss visible on loopback. A sender and a receiver of the exercise's kind run
 * in this JVM on 127.0.0.1; the sender sends numbered datagrams at several rates, the receiver has a small or a large
 * receive buffer and is fast or slow, and each run counts what was sent, received, lost, duplicated and out of order.
 * It writes {@code loss.csv} and a chart, {@code loss.svg}. With {@code --compare-python}, it measures instead how
 * many datagrams a second a Java receiver like the solution's and the lesson's Python server take from the same load.
 */
public final class LossLab {

    static final String DEFAULT = "default";
    static final String MAX = "max";

    /** Datagrams sent once before the measured runs, not counted. */
    private static final int WARM_UP = 5000;
    private static final int MAX_COUNT = 10_000_000;
    private static final int MAX_RATE = 10_000_000;
    private static final int MAX_BUFFER = 1 << 30;
    private static final long MAX_SLOW_MICROS = 100_000;
    private static final List<String> LAB_ONLY = List.of("--rates", "--buffers", "--slow-consumer-us", "--slow-buffers");
    private static final List<String> COMPARE_ONLY = List.of("--rounds", "--python");

    /** What the command line asked for. Rates and buffers of 0 stand for {@code max} and {@code default}. */
    record Options(Path out, List<Integer> rates, int count, List<Integer> buffers, long slowMicros, List<Integer> slowBuffers,
                   long quietMillis, boolean comparePython, int rounds, String python) {

        /** The runs of the lab, in order: the fast consumer on each buffer, then the slow one, each at every rate. */
        List<LossLabTrial> plan() {
            List<LossLabTrial> trials = new ArrayList<>();
            for (int buffer : buffers) {
                for (int rate : rates) {
                    trials.add(new LossLabTrial(buffer, 0, rate, count, quietMillis));
                }
            }
            if (slowMicros > 0) {
                for (int buffer : slowBuffers) {
                    for (int rate : rates) {
                        trials.add(new LossLabTrial(buffer, slowMicros, rate, count, quietMillis));
                    }
                }
            }
            return trials;
        }
    }

    /**
     * The command line as picocli reads it. Each value stays as typed, null when not given, and {@link #options}
     * checks it, so that every mistake is told in one line of the lab's own words.
     */
    @Command(name = "loss-lab", sortOptions = false, usageHelpWidth = 120, synopsisHeading = "",
            customSynopsis = {
                "usage: loss-lab --out DIR [--rates LIST] [--count N] [--buffers LIST] [--slow-consumer-us N] [--slow-buffers LIST]",
                "                [--quiet-ms N]",
                "       loss-lab --compare-python --out DIR [--count N] [--rounds N] [--python CMD] [--quiet-ms N]",
                "       loss-lab --help"},
            description = {
                "Sends numbered datagrams on 127.0.0.1 and counts the lost ones; writes DIR/loss.csv and DIR/loss.svg (loss",
                "against send rate). With --compare-python, DIR/compare.csv and DIR/compare.svg (datagrams a second received",
                "by a Java receiver like the solution's and by Python's)."},
            optionListHeading = "options (--name VALUE or --name=VALUE):%n",
            footer = "Exit codes: 0 done, 1 run-time failure, 2 usage error.")
    static final class Line implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "where to write the CSV and the chart (required)")
        String out;
        @Option(names = "--compare-python", description = "measure instead how many datagrams a second a Java receiver like"
                + " the solution's and the lesson's Python server take from the same load")
        boolean comparePython;
        @Option(names = "--rates", paramLabel = "LIST",
                description = "datagrams a second, or max for as fast as possible (default: 1000,10000,50000,max)")
        String rates;
        @Option(names = "--count", paramLabel = "N",
                description = "numbered datagrams a run (default: 3000; with --compare-python 100000)")
        String count;
        @Option(names = "--buffers", paramLabel = "LIST", description = "receive buffers (SO_RCVBUF) in bytes for the fast"
                + " consumer, or default for the system's (default: 2048,16384,default)")
        String buffers;
        @Option(names = "--slow-consumer-us", paramLabel = "N", description = "the slow consumer prints each line and then"
                + " waits N microseconds; 0 for no slow runs (default: 100)")
        String slowConsumerMicros;
        @Option(names = "--slow-buffers", paramLabel = "LIST", description = "receive buffers for the slow consumer (default: default)")
        String slowBuffers;
        @Option(names = "--quiet-ms", paramLabel = "N", description = "silence after the sender's last datagram that ends a run"
                + " whose end marker was lost (default: 500)")
        String quietMillis;
        @Option(names = "--rounds", paramLabel = "N", description = "--compare-python: rounds, each one run of each server (default: 3)")
        String rounds;
        @Option(names = "--python", paramLabel = "CMD", description = "--compare-python: the Python 3 to run (default: python3)")
        String python;
        @Option(names = {"--help", "-h"}, usageHelp = true, description = "print this text")
        boolean help;

        private final PrintStream stdout;

        Line(PrintStream stdout) {
            this.stdout = stdout;
        }

        /** Check the options, then run the lab or the comparison; a usage mistake throws a ParameterException. */
        @Override
        public Integer call() throws IOException, InterruptedException, LossLabCompare.Failure {
            Options options;
            try {
                options = options(this);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            try {
                Files.createDirectories(options.out());
            } catch (IOException e) {
                throw new IOException("cannot make the folder " + options.out() + ": " + oneLine(e), e);
            }
            return options.comparePython() ? compare(options, stdout) : lab(options, stdout);
        }
    }

    private LossLab() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Run the command with {@code args}, printing to {@code out} and {@code err}; return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Line(out));
        PrintWriter usage = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter trace = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        commandLine.setOut(usage);
        commandLine.setErr(trace);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setExpandAtFiles(false); // an argument that starts with @ is a value, not a file of arguments
        commandLine.setExecutionStrategy(parsed -> {
            if (parsed.isUsageHelpRequested() && args.length > 1) {
                throw new ParameterException(commandLine, "--help goes alone");
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setParameterExceptionHandler((e, given) -> {
            err.println("error: " + mistake(e) + " (loss-lab --help for the options)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> failed(e, err));
        int code = commandLine.execute(args);
        usage.flush();
        trace.flush();
        return code;
    }

    /** A usage mistake in one line: the lab's words where picocli's would differ, and its suggestion if it has one. */
    private static String mistake(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            String what = arg.startsWith("-") ? "unknown option " + arg.replaceFirst("=.*", "") : "unexpected argument '" + arg + "'";
            List<String> suggestions = unmatched.getSuggestions();
            return suggestions.isEmpty() ? what : what + "; did you mean " + String.join(" or ", suggestions) + "?";
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice";
        }
        return e.getMessage() == null ? "a mistake on the command line" : oneLine(e);
    }

    /** A run-time failure: one {@code error:} line and exit code 1. Anything unforeseen goes on to picocli's handler. */
    private static int failed(Exception e, PrintStream err) throws Exception {
        if (e instanceof LossLabCompare.Failure) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("error: " + oneLine(e));
        } else if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
        } else {
            throw e;
        }
        return 1;
    }

    private static int lab(Options options, PrintStream out) throws IOException, InterruptedException {
        List<LossLabTrial> plan = options.plan();
        int systemDefault;
        try (DatagramSocket probe = LossLabSender.openLoopback(0)) {
            systemDefault = probe.getReceiveBufferSize();
        }
        out.printf(Locale.ROOT, "Loss lab: %d runs of %d datagrams each on 127.0.0.1; the default receive buffer"
                + " (getReceiveBufferSize) is %d bytes.%n", plan.size(), options.count(), systemDefault);
        long started = System.nanoTime();
        new LossLabTrial(0, 0, 0, WARM_UP, 100).run(); // not counted: compiles the sender's and receiver's code first
        long dropsBefore = kernelReceiveBufferErrors();
        List<LossLabResult> results = new ArrayList<>();
        int width = Integer.toString(plan.size()).length();
        for (LossLabTrial trial : plan) {
            LossLabResult result = trial.run();
            results.add(result);
            out.printf(Locale.ROOT, "[%" + width + "d/%d] %s%n", results.size(), plan.size(), result.summary());
        }
        Path csv = writeCsv(options.out().resolve("loss.csv"), LossLabResult.CSV_HEADER, results.stream().map(LossLabResult::csvRow).toList());
        Path svg = options.out().resolve("loss.svg");
        write(svg, LossLabCharts.loss(results));
        long dropsAfter = kernelReceiveBufferErrors();
        if (dropsBefore >= 0 && dropsAfter >= 0) {
            out.printf(Locale.ROOT, "Lost in these runs: %d datagrams. The sender was told of none; the kernel's count of"
                    + " datagrams dropped for a full receive buffer (all UDP sockets; 'netstat -su': receive buffer errors)"
                    + " rose by %d.%n", results.stream().mapToLong(LossLabResult::lost).sum(), dropsAfter - dropsBefore);
        }
        out.printf(Locale.ROOT, "Wrote %s and %s: %d runs in %.1f s.%n", csv, svg, results.size(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Linux's UDP RcvbufErrors from /proc/net/snmp: datagrams dropped for a full receive buffer; -1 elsewhere. */
    static long kernelReceiveBufferErrors() {
        try {
            List<String> udp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(line -> line.startsWith("Udp: ")).toList();
            if (udp.size() < 2) {
                return -1;
            }
            List<String> names = List.of(udp.get(0).split(" "));
            int column = names.indexOf("RcvbufErrors");
            return column < 0 ? -1 : Long.parseLong(udp.get(1).split(" ")[column]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int compare(Options options, PrintStream out) throws IOException, InterruptedException, LossLabCompare.Failure {
        out.printf(Locale.ROOT, "Compare: %d rounds; in each, %d datagrams as fast as possible to a Java receiver like the"
                + " solution's serve, then to the lesson's server in Python (%s); both print every line to /dev/null.%n",
                options.rounds(), options.count(), options.python());
        new LossLabTrial(0, 0, 0, WARM_UP, 100).run(); // not counted: compiles the sender's and receiver's code first
        List<LossLabCompare.Row> rows = new ArrayList<>();
        int steps = 2 * options.rounds();
        for (int round = 1; round <= options.rounds(); round++) {
            rows.add(LossLabCompare.java(round, options.count(), options.quietMillis()));
            out.printf(Locale.ROOT, "[%d/%d] %s%n", rows.size(), steps, rows.get(rows.size() - 1).summary());
            rows.add(LossLabCompare.python(round, options.count(), options.quietMillis(), options.python()));
            out.printf(Locale.ROOT, "[%d/%d] %s%n", rows.size(), steps, rows.get(rows.size() - 1).summary());
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("Java (as the solution's serve)", median(rows, LossLabCompare.JAVA));
        medians.put("Python 3 (the lesson's server)", median(rows, LossLabCompare.PYTHON));
        Path csv = writeCsv(options.out().resolve("compare.csv"), LossLabCompare.CSV_HEADER, rows.stream().map(LossLabCompare.Row::csvRow).toList());
        Path svg = options.out().resolve("compare.svg");
        write(svg, LossLabCharts.throughput(String.format(Locale.ROOT, "Datagrams received per second, %d sent as fast as"
                + " possible (median of %d)", options.count(), options.rounds()), medians));
        medians.forEach((server, perSecond) -> out.printf(Locale.ROOT, "%s: median %s datagrams/s received%n", server,
                LossLabResult.whole(perSecond)));
        out.printf(Locale.ROOT, "Wrote %s and %s.%n", csv, svg);
        return 0;
    }

    private static double median(List<LossLabCompare.Row> rows, String server) {
        double[] values = rows.stream().filter(row -> row.server().equals(server))
                .mapToDouble(LossLabCompare.Row::receivedPerSecond).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    /** Write {@code header} and then {@code rows}, a line each, to {@code file}; return the file. */
    private static Path writeCsv(Path file, String header, List<String> rows) throws IOException {
        write(file, header + "\n" + rows.stream().map(row -> row + "\n").collect(java.util.stream.Collectors.joining()));
        return file;
    }

    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + oneLine(e), e);
        }
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Check what the command line gave; throw IllegalArgumentException with a one-line message for a mistake. */
    static Options options(Line line) {
        CommandLine.ParseResult given = line.spec.commandLine().getParseResult();
        for (String name : line.comparePython ? LAB_ONLY : COMPARE_ONLY) {
            if (given.hasMatchedOption(name)) {
                throw new IllegalArgumentException(name + (line.comparePython ? " does not go with --compare-python"
                        : " goes only with --compare-python"));
            }
        }
        if (line.out == null || line.out.isBlank()) {
            throw new IllegalArgumentException("say where to write the results: --out DIR");
        }
        Path dir = Path.of(line.out).toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + line.out + " is a file; give a folder");
        }
        String python = or(line.python, "python3");
        if (python.isBlank()) {
            throw new IllegalArgumentException("--python needs a command");
        }
        return new Options(dir,
                list(or(line.rates, "1000,10000,50000,max"), "--rates", MAX, 1, MAX_RATE),
                (int) number(or(line.count, line.comparePython ? "100000" : "3000"), "--count", 1, MAX_COUNT),
                list(or(line.buffers, "2048,16384,default"), "--buffers", DEFAULT, 1, MAX_BUFFER),
                number(or(line.slowConsumerMicros, "100"), "--slow-consumer-us", 0, MAX_SLOW_MICROS),
                list(or(line.slowBuffers, DEFAULT), "--slow-buffers", DEFAULT, 1, MAX_BUFFER),
                number(or(line.quietMillis, "500"), "--quiet-ms", 50, 60_000),
                line.comparePython,
                (int) number(or(line.rounds, "3"), "--rounds", 1, 20),
                python);
    }

    private static String or(String given, String byDefault) {
        return given == null ? byDefault : given;
    }

    /** A comma-separated list of whole numbers in [min, max], where {@code word} stands for 0; no repeats. */
    private static List<Integer> list(String text, String option, String word, long min, long max) {
        List<Integer> values = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String value = item.strip();
            int number = value.equalsIgnoreCase(word) ? 0 : (int) number(value, option, min, max);
            if (values.contains(number)) {
                throw new IllegalArgumentException(option + " lists " + value + " twice");
            }
            values.add(number);
        }
        return List.copyOf(values);
    }

    private static long number(String text, String option, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes whole numbers from " + min + " to " + max
                    + (option.equals("--rates") ? " or max" : option.endsWith("buffers") ? " or default" : "")
                    + ", got '" + text.strip() + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }
}
