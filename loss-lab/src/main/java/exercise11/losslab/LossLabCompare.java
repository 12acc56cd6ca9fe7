package exercise11.losslab;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/loss-lab --compare-python}: the same load, N datagrams sent as fast as possible, to a Java receiver that
 * does what the solution's {@code serve} does and to the lesson's server in Python 3, both printing every line to
 * {@code /dev/null}; then each one's datagrams received and datagrams a second.
 */
final class LossLabCompare {

    static final String JAVA = "java";
    static final String PYTHON = "python";
    static final String CSV_HEADER = "round,server,sent,sent_per_s,received,lost_percent,received_per_s";

    /**
     * The lesson's server, bounded: it binds to 127.0.0.1 on a port the system picks and says which on stderr, prints
     * {@code addr, text} for every datagram (stdout goes to /dev/null), and stops at the end marker or a silence, then
     * writes what it counted on stderr.
     */
    static final String PYTHON_SERVER = String.join("\n",
            "import socket, sys, time",
            "quiet = float(sys.argv[1])",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)",
            "s.bind(('127.0.0.1', 0))",
            "print('PORT', s.getsockname()[1], file=sys.stderr, flush=True)",
            "s.settimeout(30.0)",
            "count, first, last = 0, 0.0, 0.0",
            "while True:",
            "    try:",
            "        data, addr = s.recvfrom(1024)",
            "    except socket.timeout:",
            "        break",
            "    text = data.decode('utf-8', errors='replace')",
            "    if text.startswith('" + LossLabReceiver.END + "'):",
            "        break",
            "    last = time.perf_counter()",
            "    if count == 0:",
            "        first = last",
            "        s.settimeout(quiet)",
            "    count += 1",
            "    print(addr, text)",
            "sys.stdout.flush()",
            "print('RESULT', count, first, last, file=sys.stderr, flush=True)",
            "");

    private static final long START_SECONDS = 20;
    private static final long BACKSTOP_MILLIS = 10_000;

    /** One server's figures in one round. */
    record Row(int round, String server, long sent, double sentPerSecond, long received, double receivedPerSecond) {

        double lostPercent() {
            return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        }

        String csvRow() {
            return String.join(",", Integer.toString(round), server, Long.toString(sent), LossLabResult.whole(sentPerSecond),
                    Long.toString(received), String.format(Locale.ROOT, "%.1f", lostPercent()),
                    LossLabResult.whole(receivedPerSecond));
        }

        String summary() {
            return String.format(Locale.ROOT, "%-6s  sent %d at %s/s  received %d (lost %.1f %%) at %s/s", server, sent,
                    LossLabResult.whole(sentPerSecond), received, lostPercent(), LossLabResult.whole(receivedPerSecond));
        }
    }

    /** A run-time failure with a one-line message. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private LossLabCompare() {
    }

    /** The Java receiver: receive, decode, print the line to /dev/null through a PrintStream flushed at every line. */
    static Row java(int round, int count, long quietMillis) throws IOException, InterruptedException {
        Path devNull = Path.of("/dev/null");
        OutputStream sink = Files.isWritable(devNull) ? new FileOutputStream(devNull.toFile()) : OutputStream.nullOutputStream();
        try (PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);
             DatagramSocket server = LossLabSender.openLoopback(0);
             DatagramSocket client = LossLabSender.openLoopback(0)) {
            InetSocketAddress target = (InetSocketAddress) server.getLocalSocketAddress();
            LossLabReceiver receiver = new LossLabReceiver(server, count, out, 0, quietMillis);
            receiver.start();
            double sentPerSecond;
            try {
                sentPerSecond = LossLabSender.send(client, target, count, 0);
            } finally {
                receiver.senderDone();
            }
            LossLabSender.sendEnd(client, target, receiver::finished);
            receiver.await(quietMillis + BACKSTOP_MILLIS);
            return new Row(round, JAVA, count, sentPerSecond, receiver.received(), receiver.perSecond());
        }
    }

    /** The lesson's server in Python 3, run by {@code python}. */
    static Row python(int round, int count, long quietMillis, String python) throws IOException, InterruptedException, Failure {
        Process process;
        try {
            process = new ProcessBuilder(python, "-c", PYTHON_SERVER, Double.toString(quietMillis / 1000.0))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new Failure("cannot run '" + python + "' (--compare-python needs Python 3; give its path with --python): "
                    + e.getMessage());
        }
        process.getOutputStream().close();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone; what it said is in lines
            }
        }, "loss-lab-python-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            List<String> said = new ArrayList<>();
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
            while (port < 0) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    said.add(line);
                    if (line.matches("PORT \\d+")) {
                        port = Integer.parseInt(line.substring(5));
                    }
                } else if (!process.isAlive() && lines.isEmpty() || System.nanoTime() > deadline) {
                    reader.join(1000);
                    lines.drainTo(said);
                    throw new Failure("the Python server did not start: " + lastLine(said, python + " -c gave no port"));
                }
            }
            double sentPerSecond;
            try (DatagramSocket client = LossLabSender.openLoopback(0)) {
                InetSocketAddress target = new InetSocketAddress(LossLabSender.loopback(), port);
                sentPerSecond = LossLabSender.send(client, target, count, 0);
                LossLabSender.sendEnd(client, target, () -> !process.isAlive());
            }
            if (!process.waitFor(quietMillis + BACKSTOP_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new Failure("the Python server did not stop after the end marker and "
                        + (quietMillis + BACKSTOP_MILLIS) + " ms");
            }
            reader.join(5000);
            lines.drainTo(said);
            for (String line : said) {
                String[] words = line.split(" ");
                if (words.length == 4 && words[0].equals("RESULT")) {
                    long received = Long.parseLong(words[1]);
                    double seconds = Double.parseDouble(words[3]) - Double.parseDouble(words[2]);
                    double perSecond = received < 2 || seconds <= 0 ? 0 : (received - 1) / seconds;
                    return new Row(round, PYTHON, count, sentPerSecond, received, perSecond);
                }
            }
            throw new Failure("the Python server exited " + process.exitValue() + " without its counts: "
                    + lastLine(said, "it said nothing"));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String lastLine(List<String> lines, String otherwise) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return otherwise;
    }
}
