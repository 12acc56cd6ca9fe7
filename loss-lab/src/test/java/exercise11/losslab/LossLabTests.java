package exercise11.losslab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loss lab: what it measures on loopback, and its command. No test here times anything: a loaded machine makes the
 * receiver slower, which only adds loss where loss is expected, and the no-loss case leaves room for long stalls.
 */
@DisplayName("The loss lab (bin/loss-lab)")
class LossLabTests {

    private static final String CSV_HEADER = "consumer,slow_us,rcvbuf_asked,rcvbuf_given,rate,sent,sent_per_s,received,"
            + "lost,lost_percent,duplicated,out_of_order,received_per_s,seconds";

    @Test
    @DisplayName("loses nothing at 1000 datagrams/s with a large receive buffer and a fast consumer")
    void losesNothingAtALowRate() throws Exception {
        // 1 MiB asked for: at least the system's default, which holds some 250 datagrams or more, so that the receiver
        // could stall for a quarter of a second or more without a loss
        LossLabResult result = new LossLabTrial(1 << 20, 0, 1000, 400, 500).run();
        assertEquals(400, result.sent());
        assertEquals(0, result.lost(), () -> "lost at 1000/s: " + result.summary());
        assertEquals(400, result.received(), result::summary);
        assertEquals(0, result.duplicated(), result::summary);
        assertTrue(result.kernelBuffer() > 0, result::summary);
    }

    @Test
    @DisplayName("loses more than 10 % with a tiny receive buffer and a slow consumer at full speed")
    void losesWithATinyBufferAndASlowConsumer() throws Exception {
        // 2048 bytes hold about four datagrams; a consumer that waits 200 µs a datagram takes at most 5000 a second, and
        // a busier machine slows it further: only a sender twenty times slower than usual could lose less than 10 %
        LossLabResult result = new LossLabTrial(2048, 200, 0, 2000, 500).run();
        assertEquals(2000, result.sent());
        assertTrue(result.lostPercent() > 10, () -> "expected loss: " + result.summary());
        assertEquals(result.sent(), result.received() - result.duplicated() + result.lost(), result::summary);
    }

    @Test
    @DisplayName("--help prints the usage, with every option, and exits 0")
    void help() {
        Output output = run("--help");
        assertEquals(0, output.code());
        assertTrue(output.out().startsWith("usage: loss-lab --out DIR"), output.out());
        for (String option : List.of("--out DIR", "--rates LIST", "--count N", "--buffers LIST", "--slow-consumer-us N",
                "--slow-buffers LIST", "--quiet-ms N", "--compare-python", "--rounds N", "--python CMD")) {
            assertTrue(output.out().contains(option), () -> "--help does not mention " + option);
        }
        assertEquals("", output.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "--bogus", "--out", "--count 5", "--out DIR --count 0", "--out DIR --count many",
        "--out DIR --rates 1000,fast", "--out DIR --rates 1000,1000", "--out DIR --buffers -1", "--out DIR --slow-consumer-us -3",
        "--out DIR --quiet-ms 1", "--out DIR --rounds 2", "--compare-python --out DIR --rates 1000", "--out DIR --out DIR",
        "--out DIR stray", "--out FILE", "--help --out DIR"})
    @DisplayName("a usage mistake exits 2 with one line that starts with 'error:'")
    void usageMistakes(String line, @TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");
        String[] args = line.isEmpty() ? new String[0]
                : line.replace("DIR", temp.resolve("out").toString()).replace("FILE", file.toString()).split(" ");
        Output output = run(args);
        assertEquals(2, output.code(), output.err());
        assertEquals(1, output.err().lines().count(), output.err());
        assertTrue(output.err().startsWith("error: "), output.err());
        assertEquals("", output.out());
        assertTrue(Files.notExists(temp.resolve("out")), "a usage mistake writes nothing");
    }

    @Test
    @DisplayName("a small plan writes loss.csv, a row a run, and the chart loss.svg")
    void writesTheCsvAndTheChart(@TempDir Path temp) throws IOException {
        Path out = temp.resolve("results");
        Output output = run("--out", out.toString(), "--rates", "2000,max", "--count", "200", "--buffers", "4096,default",
                "--slow-consumer-us", "50", "--quiet-ms", "200");
        assertEquals(0, output.code(), output.err());
        assertEquals("", output.err());
        List<String> lines = Files.readAllLines(out.resolve("loss.csv"), StandardCharsets.UTF_8);
        assertEquals(CSV_HEADER, lines.get(0));
        List<String> runs = new ArrayList<>();
        for (String row : lines.subList(1, lines.size())) {
            String[] cells = row.split(",");
            assertEquals(14, cells.length, row);
            runs.add(cells[0] + " " + cells[1] + " " + cells[2] + " " + cells[4]);
            long sent = Long.parseLong(cells[5]);
            long received = Long.parseLong(cells[7]);
            long lost = Long.parseLong(cells[8]);
            long duplicated = Long.parseLong(cells[10]);
            assertEquals(200, sent, row);
            assertEquals(sent, received - duplicated + lost, row);
            assertTrue(Integer.parseInt(cells[3]) > 0, row);
        }
        assertEquals(List.of("fast 0 4096 2000", "fast 0 4096 max", "fast 0 default 2000", "fast 0 default max",
                "slow 50 default 2000", "slow 50 default max"), runs);
        assertEquals(6, output.out().lines().filter(line -> line.matches("\\[\\d/6] .* lost \\d+\\.\\d %")).count(), output.out());
        String svg = Files.readString(out.resolve("loss.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), "loss.svg is no SVG");
        assertTrue(svg.contains("send rate"), "loss.svg has no rate axis");
    }

    @Test
    @DisplayName("--compare-python with no Python to run exits 1 with one line that starts with 'error:'")
    void compareWithoutPython(@TempDir Path temp) {
        Output output = run("--compare-python", "--out", temp.toString(), "--count", "100", "--rounds", "1", "--python",
                temp.resolve("no-such-python3").toString());
        assertEquals(1, output.code(), output.err());
        assertEquals(1, output.err().lines().count(), output.err());
        assertTrue(output.err().startsWith("error: cannot run "), output.err());
    }

    @Test
    @DisplayName("--compare-python sends the same datagrams to the Java receiver and to Python's, and writes compare.csv")
    void compareWithPython(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue(pythonRuns(), "no python3 on this machine");
        Output output = run("--compare-python", "--out", temp.toString(), "--count", "2000", "--rounds", "1");
        assertEquals(0, output.code(), output.err());
        List<String> lines = Files.readAllLines(temp.resolve("compare.csv"), StandardCharsets.UTF_8);
        assertEquals("round,server,sent,sent_per_s,received,lost_percent,received_per_s", lines.get(0));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).startsWith("1,java,2000,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("1,python,2000,"), lines.get(2));
        for (String row : lines.subList(1, 3)) {
            assertTrue(Long.parseLong(row.split(",")[4]) > 0, "nothing received: " + row);
        }
        assertTrue(Files.readString(temp.resolve("compare.svg"), StandardCharsets.UTF_8).contains("<svg"));
    }

    private static boolean pythonRuns() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private record Output(int code, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LossLab.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
