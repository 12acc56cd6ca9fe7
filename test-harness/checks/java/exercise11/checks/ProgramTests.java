package exercise11.checks;

import static exercise11.harness.Loopback.awaitDatagram;
import static exercise11.harness.Loopback.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Bounds;
import exercise11.harness.JavaProgram;
import exercise11.harness.Loopback;
import exercise11.harness.Needs;
import exercise11.harness.PrintedLines;
import exercise11.harness.Shown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The programs, run as a student runs them")
@Order(9)
class ProgramTests {

    /** How long a program may take to print an awaited line or to exit: reached only by a program that never will. */
    private static final Duration WAIT = Bounds.event();
    /** Where to look when a server started with --count does not exit. */
    private static final String COUNT_ENDS_SERVE = "TODO 9: serve must return once it has printed limit datagrams"
            + " (--count), so that run() and the program end.";
    private static final Pattern LISTENING = Pattern.compile("Listening on ([\\d.]+):(\\d+)");
    private static final Pattern SENT = Pattern.compile("Sent (ATU \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?)");

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @Needs({TimestampProperties.class, UdpClientTests.SendOnce.class, UdpServerTests.Serve.class})
    @DisplayName("client to server on loopback: the server prints each text the client sent, with the client's address")
    void clientToServerEndToEnd() {
        try (JavaProgram server = JavaProgram.start("exercise11.UdpServer", "--port", "0", "--count", "3")) {
            int port = listeningPort(server, "127.0.0.1");
            try (JavaProgram client = JavaProgram.start("exercise11.UdpClient",
                    "--port", String.valueOf(port), "--count", "3", "--interval-ms", "20")) {
                assertEquals(0, client.awaitExit(WAIT), () -> "TODO 4: the client should exit 0 after --count 3 (its run()"
                        + " exits 1 when sendOnce throws).\n" + client.transcript());
                List<String> sent = sentTexts(client, 3);
                assertEquals(0, server.awaitExit(WAIT, COUNT_ENDS_SERVE), () -> "TODO 9: the server should exit 0 after"
                        + " --count 3 datagrams.\n" + server.transcript());
                List<String> printed = server.stdout().stream().filter(l -> l.startsWith("(")).toList();
                assertEquals(3, printed.size(), () -> "TODO 9: the server should print 3 lines ('(address, port) text').\n"
                        + server.transcript());
                for (int i = 0; i < 3; i++) {
                    String line = printed.get(i);
                    String text = sent.get(i);
                    assertTrue(line.matches("\\('127\\.0\\.0\\.1', \\d+\\) " + Pattern.quote(text)), () -> whereItDiffers(line)
                            + " Line " + Shown.text(line) + " should be ('127.0.0.1', <client port>) " + text + ".\n"
                            + server.transcript());
                }
            }
        }
    }

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Needs({TimestampProperties.class, UdpClientTests.SendOnce.class})
    @DisplayName("the lesson's loopback demo: with nobody listening the client still sends, prints and exits 0")
    void clientWorksWithNobodyListening() {
        int nobody = Loopback.unusedPort();
        try (JavaProgram client = JavaProgram.start("exercise11.UdpClient",
                "--port", String.valueOf(nobody), "--count", "3", "--interval-ms", "10")) {
            assertEquals(0, client.awaitExit(WAIT), () -> "TODO 4: with nothing listening on 127.0.0.1:" + nobody
                    + " the client should still exit 0: UDP sends without asking.\n" + client.transcript());
            sentTexts(client, 3);
        }
    }

    @Test
    @Tag("todo-5")
    @Needs(UdpServerTests.OpenSocket.class)
    @DisplayName("a server whose port is taken says so in one line and exits 1")
    void serverReportsAPortInUse() {
        try (DatagramSocket squatter = Loopback.receiver();
             JavaProgram server = JavaProgram.start("exercise11.UdpServer", "--port", String.valueOf(squatter.getLocalPort()))) {
            int code = server.awaitExit(WAIT);
            assertEquals(1, code, () -> "Port " + squatter.getLocalPort() + " was taken, so the server should exit 1."
                    + " TODO 5: let the bind failure (BindException) propagate.\n" + server.transcript());
            assertOneLineError(server, "already in use", "TODO 5: let the bind failure (BindException) propagate, so that the"
                    + " given code explains it. ");
        }
    }

    @Test
    @DisplayName("a mistake on the command line gives a one-line error, the usage, exit code 2 and no stack trace")
    void usageErrorInAChildProcess() {
        try (JavaProgram server = JavaProgram.start("exercise11.UdpServer", "--port", "seventy")) {
            assertEquals(2, server.awaitExit(WAIT), server::transcript);
            assertOneLineError(server, "--port", "The given code explains a mistake on the command line; put it back as"
                    + " the starter has it. ");
        }
    }

    @Nested
    @DisplayName("run(), called in-process")
    class Run {

        @ParameterizedTest(name = "{0} {1} exits 2")
        @DisplayName("refuses bad options with exit code 2")
        @CsvSource(delimiter = '|', value = {
            "client | --count 0             | --count",
            "client | --interval-ms -5      | --interval-ms",
            "client | --port 0              | --port",
            "client | --bogus 1             | unknown option",
            "client | --host localhost      | --host",
            "server | --port 65536          | --port",
            "server | --count               | --count needs a value",
            "server | --host 1.2.3.4.5      | --host",
        })
        void refusesBadOptions(String program, String args, String mentioned) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = run(program, args.split(" "), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, () -> program + " " + args + " should exit 2 (usage error); stderr: " + message);
            assertTrue(message.startsWith("error: ") && message.contains(mentioned) && message.contains("usage:"),
                    () -> "Expected 'error: ...' naming " + mentioned + ", then the usage; got: " + message);
        }

        @ParameterizedTest(name = "{0} --help")
        @DisplayName("prints the usage for --help and exits 0")
        @CsvSource({"client", "server"})
        void printsHelp(String program) {
            PrintedLines out = new PrintedLines();
            assertEquals(0, run(program, new String[] {"--help"}, out.stream(), System.err));
            assertTrue(out.lines().get(0).startsWith("usage: "), () -> "--help should print the usage; printed " + out.lines());
        }

        private int run(String program, String[] args, PrintStream out, PrintStream err) {
            return program.equals("client") ? UdpClient.run(args, out, err) : UdpServer.run(args, out, err);
        }

        @Test
        @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
        @Needs({TimestampProperties.class, UdpClientTests.SendOnce.class})
        @DisplayName("the client announces its target, sends --count datagrams --interval-ms apart, prints each and exits 0")
        void clientSendsCountDatagramsIntervalApart() {
            long intervalMs = 200;
            try (DatagramSocket server = Loopback.receiver();
                 InProcessProgram client = InProcessProgram.start("UdpClient", UdpClient::run, "--host", "127.0.0.1",
                         "--port", String.valueOf(server.getLocalPort()), "--count", "2", "--interval-ms", String.valueOf(intervalMs))) {
                assertEquals(0, client.awaitExit(WAIT), () -> "TODO 4: the client should exit 0 after --count 2 (its run()"
                        + " exits 1 when sendOnce throws).\n" + client.transcript());
                List<String> expectedStart = List.of(
                        "UDP client: sending 'ATU <date-time>' to 127.0.0.1:" + server.getLocalPort() + ", 2 time(s).",
                        "Each datagram leaves from a fresh socket; nothing tells the client whether anyone received it.");
                List<String> out = client.stdout();
                assertTrue(expectedStart.equals(out.subList(0, Math.min(2, out.size()))), () -> "The given code of run()"
                        + " prints these two lines first: " + Shown.lines(expectedStart) + "; put it back as the starter has it.\n"
                        + client.transcript());
                List<String> sent = out.stream().skip(2).map(SENT::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
                assertEquals(out.size() - 2, sent.size(), () -> "TODO 1: after the two first lines the client should print"
                        + " only 'Sent ATU <YYYY-MM-DD HH:MM:SS[.ffffff]>' lines.\n" + client.transcript());
                assertEquals(2, sent.size(), () -> "--count 2 should send and print 2 datagrams (the given code of run()"
                        + " counts them; put it back as the starter has it).\n" + client.transcript());
                for (String text : sent) {
                    String received = new String(payload(awaitDatagram(server, "TODO 4: the client printed 'Sent " + text
                            + "' but nothing arrived.")), StandardCharsets.UTF_8);
                    assertEquals(text, received, "TODO 4: the datagram should carry exactly the text the client printed.");
                }
                Duration apart = Duration.between(timeOf(sent.get(0)), timeOf(sent.get(1)));
                assertTrue(apart.toMillis() >= intervalMs * 3 / 4, () -> "With --interval-ms " + intervalMs + " the datagrams"
                        + " were stamped only " + apart.toMillis() + " ms apart: the client must pause between datagrams.\n"
                        + client.transcript());
            }
        }

        @Test
        @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
        @Needs({TimestampProperties.class, UdpClientTests.SendOnce.class})
        @DisplayName("the client exits right after its last datagram, without waiting out --interval-ms")
        void clientDoesNotPauseAfterItsLastDatagram() {
            try (DatagramSocket server = Loopback.receiver();
                 InProcessProgram client = InProcessProgram.start("UdpClient", UdpClient::run, "--host", "127.0.0.1",
                         "--port", String.valueOf(server.getLocalPort()), "--count", "1", "--interval-ms", "600000")) {
                assertEquals(0, client.awaitExit(WAIT), () -> "With --count 1 the client should exit 0 at once, not pause"
                        + " --interval-ms after its only datagram.\n" + client.transcript());
                sentTexts(client.stdout(), 1, client.transcript());
                awaitDatagram(server, "TODO 4: the client's one datagram never arrived.");
            }
        }

        @Test
        @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
        @Needs({TimestampProperties.class, UdpClientTests.SendOnce.class})
        @DisplayName("without --count the client sends until interrupted, then exits 0 and keeps the interrupt status")
        void clientSendsUntilInterrupted() {
            try (DatagramSocket server = Loopback.receiver();
                 InProcessProgram client = InProcessProgram.start("UdpClient", UdpClient::run, "--host", "127.0.0.1",
                         "--port", String.valueOf(server.getLocalPort()), "--interval-ms", "600000")) {
                String line = client.awaitLine("'Sent ATU ...'", l -> SENT.matcher(l).matches(), WAIT);
                assertEquals("UDP client: sending 'ATU <date-time>' to 127.0.0.1:" + server.getLocalPort()
                        + " every 600000 ms until stopped (Ctrl+C).", client.stdout().get(0), client::transcript);
                String received = new String(payload(awaitDatagram(server, "TODO 4: the client printed '" + line
                        + "' but nothing arrived.")), StandardCharsets.UTF_8);
                assertEquals(line, "Sent " + received, "TODO 4: the datagram should carry exactly the text the client printed.");
                client.interrupt();
                assertEquals(0, client.awaitExit(WAIT), () -> "Interrupted while it pauses between datagrams, the client"
                        + " should stop and return 0.\n" + client.transcript());
                assertTrue(client.interruptedAtExit(), "run should restore the thread's interrupt status after catching"
                        + " InterruptedException, so that its caller still sees it.");
                assertEquals(1, client.stdout().stream().filter(l -> l.startsWith("Sent ")).count(), client::transcript);
            }
        }

        @Test
        @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
        @Needs({UdpServerTests.OpenSocket.class, UdpServerTests.Serve.class})
        @DisplayName("the server announces itself, prints --count datagrams as Python does and exits 0")
        void serverPrintsCountDatagramsThenExits() throws Exception {
            try (InProcessProgram server = InProcessProgram.start("UdpServer", UdpServer::run,
                         "--host", "127.0.0.1", "--port", "0", "--count", "2");
                 DatagramSocket sender = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
                String listening = server.awaitLine("'Listening on 127.0.0.1:<port>'", l -> LISTENING.matcher(l).matches(), WAIT);
                Matcher matcher = LISTENING.matcher(listening);
                assertTrue(matcher.matches() && matcher.group(1).equals("127.0.0.1"), server::transcript);
                int port = Integer.parseInt(matcher.group(2));
                assertTrue(port > 0, () -> "Asked for port 0, the server should announce the port it got.\n" + server.transcript());
                for (String text : List.of("ATU one", "ATU two ✓")) {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    sender.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(Loopback.LOCALHOST, port)));
                }
                assertEquals(0, server.awaitExit(WAIT, COUNT_ENDS_SERVE), () -> "The server should exit 0 after --count 2.\n" + server.transcript());
                String from = "('127.0.0.1', " + sender.getLocalPort() + ") ";
                List<String> expected = List.of(
                        "UDP server: printing every datagram sent to 127.0.0.1 as (address, port) and text.",
                        "Clients must send to this address: SERVER_UDP_IPv4 in settings/udp.properties, or --host.",
                        "Listening on 127.0.0.1:" + port,
                        from + "ATU one",
                        from + "ATU two ✓");
                assertTrue(expected.equals(server.stdout()), () -> "TODO 9: one line per datagram, formatLine(sender, text),"
                        + " after the given code's three first lines; expected " + Shown.lines(expected) + ".\n"
                        + server.transcript());
                assertTrue(server.stderr().isEmpty(), () -> "TODO 9: the server printed on standard error.\n" + server.transcript());
            }
        }

        @Test
        @Tag("todo-5")
        @DisplayName("the server on a port in use returns 1 with a one-line explanation")
        void serverExplainsAPortInUse() {
            try (DatagramSocket squatter = Loopback.receiver();
                 InProcessProgram server = InProcessProgram.start("UdpServer", UdpServer::run,
                         "--host", "127.0.0.1", "--port", String.valueOf(squatter.getLocalPort()))) {
                int code = server.awaitExit(WAIT);
                assertEquals(1, code, () -> "Port " + squatter.getLocalPort() + " was taken, so run should return 1."
                        + " TODO 5: let the bind failure (BindException) propagate.\n" + server.transcript());
                assertEquals(List.of("error: cannot bind 127.0.0.1:" + squatter.getLocalPort() + ": the port is already in use"
                        + " by another program; stop that program or choose another --port"), server.stderr(), server::transcript);
                assertTrue(server.stdout().stream().noneMatch(l -> l.startsWith("Listening")), () -> "A server that could not"
                        + " bind must not say it listens.\n" + server.transcript());
            }
        }
    }

    /** The client's clock when it made {@code text}, read back from its timestamp. */
    private static LocalDateTime timeOf(String text) {
        return LocalDateTime.parse(text.substring("ATU ".length()).replace(' ', 'T'));
    }

    /**
     * The TODO to look at when the server printed {@code line} for a text of the client's: a wrong sender address is
     * the client's socket (TODO 3 or 4); the tuple's shape is formatLine (TODO 8); a wrong text is serve (TODO 9), since
     * decode's own checks pass before this one runs.
     */
    private static String whereItDiffers(String line) {
        if (line.matches("\\('[\\d.]+', \\d+\\) .*") && !line.startsWith("('127.0.0.1', ")) {
            return "The datagram came from another address than 127.0.0.1. " + UdpClientTests.source();
        }
        if (!line.matches("\\('127\\.0\\.0\\.1', \\d+\\) .*")) {
            return "TODO 8: the address tuple is not Python's ('127.0.0.1', port).";
        }
        return "TODO 9: the text after the tuple differs from what the client sent; print the decoded text as it is.";
    }

    /** Wait for the server's 'Listening on HOST:PORT' line and return the port it announced. */
    static int listeningPort(JavaProgram server, String host) {
        String line = server.awaitLine("'Listening on " + host + ":<port>'", l -> LISTENING.matcher(l).find(), WAIT);
        Matcher matcher = LISTENING.matcher(line);
        assertTrue(matcher.find() && matcher.group(1).equals(host), () -> "Expected 'Listening on " + host + ":<port>'.\n" + server.transcript());
        int port = Integer.parseInt(matcher.group(2));
        assertTrue(port > 0, () -> "Asked for port 0, the server should announce the real port it got, not 0.\n" + server.transcript());
        return port;
    }

    private static List<String> sentTexts(JavaProgram client, int count) {
        return sentTexts(client.stdout(), count, client.transcript());
    }

    private static List<String> sentTexts(List<String> stdout, int count, String transcript) {
        List<String> sent = stdout.stream().map(SENT::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertEquals(count, sent.size(), () -> "TODO 4: the client should print 'Sent ATU <YYYY-MM-DD HH:MM:SS[.ffffff]>' "
                + count + " times, once for each datagram sendOnce sent.\n" + transcript);
        return sent;
    }

    /** Fail with {@code hint} first unless {@code program} printed a one-line error about {@code mentioned}, no trace. */
    private static void assertOneLineError(JavaProgram program, String mentioned, String hint) {
        List<String> err = program.stderr();
        assertFalse(err.isEmpty(), () -> hint + "Expected a message on standard error.\n" + program.transcript());
        assertTrue(err.get(0).startsWith("error: ") && err.get(0).contains(mentioned),
                () -> hint + "The first line of standard error should be 'error: ...' about " + mentioned + ".\n"
                        + program.transcript());
        assertTrue(err.stream().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                () -> hint + "A user's mistake must not print a stack trace.\n" + program.transcript());
    }
}
