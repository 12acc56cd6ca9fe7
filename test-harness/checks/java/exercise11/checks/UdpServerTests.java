package exercise11.checks;

import static exercise11.harness.Loopback.endpointOf;
import static exercise11.harness.Loopback.hex;
import static exercise11.harness.Loopback.payload;
import static exercise11.harness.Loopback.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.UdpServer;
import exercise11.harness.Bounds;
import exercise11.harness.Loopback;
import exercise11.harness.Outcome;
import exercise11.harness.PrintedLines;
import exercise11.harness.Shown;
import exercise11.harness.Todo;
import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.RestsOn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;

@DisplayName("UdpServer")
@Order(3)
class UdpServerTests {

    /** How long serve may take to print a line for a datagram, or to return once its socket is closed. */
    private static final Duration WAIT = Bounds.event();

    @Nested
    @Tag("todo-5")
    @DisplayName("openSocket (TODO 5)")
    class OpenSocket {

        @Test
        @DisplayName("binds to the address asked for, with SO_BROADCAST on")
        void bindsWithBroadcastOn() throws Exception {
            try (DatagramSocket socket = UdpServer.openSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
                assertTrue(socket.isBound(), "TODO 5: the socket must be bound to the address it is given.");
                assertEquals(Loopback.LOCALHOST, socket.getLocalAddress(), "TODO 5: bind to the address given, not another one.");
                assertTrue(socket.getLocalPort() > 0, "TODO 5: with port 0 the system picks a free port; the socket has none.");
                assertTrue(socket.getBroadcast(), "TODO 5: switch SO_BROADCAST on (setBroadcast(true)), as the lesson's server does.");
            }
        }

        @Test
        @RestsOn(Behaviour.LOOPBACK_BROADCAST)
        @DisplayName("when bound to 0.0.0.0, receives what is sent to 127.255.255.255")
        void wildcardSocketReceivesBroadcasts() throws Exception {
            try (DatagramSocket socket = UdpServer.openSocket(new InetSocketAddress(Loopback.ANY, 0));
                 DatagramSocket sender = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
                socket.setSoTimeout(Loopback.RECEIVE_TIMEOUT_MS);
                sender.setBroadcast(true);
                byte[] bytes = "ATU to everyone".getBytes(StandardCharsets.UTF_8);
                sender.send(new DatagramPacket(bytes, bytes.length, Loopback.BROADCAST, socket.getLocalPort()));
                byte[] received = payload(Loopback.awaitDatagram(socket,
                        "TODO 5: a socket bound to 0.0.0.0 should get datagrams sent to the broadcast address 127.255.255.255."));
                assertTrue(Arrays.equals(bytes, received), () -> "TODO 5: the broadcast datagram arrived changed: "
                        + Shown.bytes(bytes, received) + ".");
            }
        }

        @Test
        @DisplayName("closes the socket it made when bind fails: a port in use leaves no socket open")
        void closesTheSocketWhenBindFails() throws Exception {
            long counted = openFiles();
            Assumptions.assumeTrue(counted >= 0, "this system does not tell a process how many files it holds open");
            try (DatagramSocket squatter = Loopback.receiver()) {
                InetSocketAddress taken = endpointOf(squatter);
                openSocketOnAPortInUse(taken); // once before counting: the classes a failed bind loads open files of their own
                long before = openFiles();
                for (int i = 0; i < BIND_ATTEMPTS; i++) {
                    openSocketOnAPortInUse(taken);
                }
                long leaked = openFiles() - before;
                assertTrue(leaked < BIND_ATTEMPTS / 2, () -> "TODO 5: openSocket(" + taken + ") threw, as it should with the"
                        + " port in use, but left a socket open each time: " + leaked + " more files open after "
                        + BIND_ATTEMPTS + " tries. Close the socket before passing the exception on (catch the"
                        + " SocketException, socket.close(), throw it again); a server that retries would run out of files.");
            }
        }

        /** Call openSocket on a port another socket holds, which must throw; fail if it binds all the same. */
        private static void openSocketOnAPortInUse(InetSocketAddress taken) {
            try (DatagramSocket socket = UdpServer.openSocket(taken)) {
                throw new AssertionFailedError("TODO 5: openSocket(" + taken + ") bound " + socket.getLocalSocketAddress()
                        + " although another socket holds that port: bind to exactly the address given, with no"
                        + " SO_REUSEADDR, so that a port in use is reported.");
            } catch (SocketException expected) {
                // a BindException, which the server's given code explains in one line
            }
        }
    }

    /** How many tries of a bind that must fail the leak check makes: each leaked socket holds one more file open. */
    private static final int BIND_ATTEMPTS = 16;

    /**
     * How many files (sockets among them) this JVM holds open, or -1 where the system does not say: Linux's
     * {@code /proc/self/fd} first (readable wherever the checks run, the grader's confined and container runs too,
     * where the JDK's management classes may be left out), else the JDK's own count (macOS).
     */
    private static long openFiles() {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc/self/fd");
        if (java.nio.file.Files.isDirectory(fds)) {
            try (java.util.stream.Stream<java.nio.file.Path> open = java.nio.file.Files.list(fds)) {
                return open.count() - 1; // the listing holds one of them open itself
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // not readable here: ask the JDK
            }
        }
        try {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
        } catch (LinkageError e) {
            return -1; // a JVM without the jdk.management module
        }
    }

    // receive and serve get a socket of the check's own, so that they are checked even before TODO 5 is done.

    @Nested
    @Tag("todo-6")
    @DisplayName("receive (TODO 6)")
    class Receive {

        @ParameterizedTest(name = "a datagram of {0} bytes arrives whole")
        @DisplayName("returns datagrams of up to 1024 bytes whole")
        @ValueSource(ints = {1, 100, 1023, 1024})
        void returnsShortDatagramsWhole(int size) throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                byte[] sent = ascii(size);
                send(sent, endpointOf(socket));
                byte[] received = payload(UdpServer.receive(socket));
                assertTrue(Arrays.equals(sent, received), () -> "TODO 6: receive into a buffer of BUFFER_SIZE (1024) bytes"
                        + " and return the packet. Sent " + size + " bytes; the packet returned holds other bytes: "
                        + Shown.bytes(sent, received) + ".");
            }
        }

        @ParameterizedTest(name = "a datagram of {0} bytes is cut to 1024")
        @DisplayName("cuts datagrams longer than the buffer to their first 1024 bytes")
        @ValueSource(ints = {1025, 1500, 9000, 65_507})
        void truncatesDatagramsLongerThanTheBuffer(int size) throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                byte[] sent = ascii(size);
                send(sent, endpointOf(socket));
                DatagramPacket packet = UdpServer.receive(socket);
                assertEquals(Loopback.LESSON_BUFFER, packet.getLength(), () -> "A datagram of " + size + " bytes should arrive"
                        + " cut to 1024 bytes (the lesson's recvfrom(1024)); it arrived with " + packet.getLength()
                        + ". TODO 6: the buffer must hold exactly BUFFER_SIZE bytes.");
                byte[] kept = payload(packet);
                assertTrue(Arrays.equals(Arrays.copyOf(sent, Loopback.LESSON_BUFFER), kept), () -> "TODO 6: the 1024 bytes"
                        + " kept must be the first 1024 bytes sent: " + Shown.bytes(Arrays.copyOf(sent, Loopback.LESSON_BUFFER), kept) + ".");
            }
        }

        @Test
        @DisplayName("returns an empty datagram as a packet of length 0")
        void receivesAnEmptyDatagram() throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                send(new byte[0], endpointOf(socket));
                DatagramPacket packet = UdpServer.receive(socket);
                assertEquals(0, packet.getLength(), "TODO 6: a zero-length datagram is a real datagram, and has length 0.");
            }
        }

        @Test
        @DisplayName("returns a packet of its own each time: the next receive leaves it as it was")
        void keepsEachDatagramItReturned() throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                byte[] firstSent = "first datagram".getBytes(StandardCharsets.UTF_8);
                byte[] secondSent = "SECOND".getBytes(StandardCharsets.UTF_8);
                send(firstSent, endpointOf(socket));
                DatagramPacket first = UdpServer.receive(socket);
                send(secondSent, endpointOf(socket));
                DatagramPacket second = UdpServer.receive(socket);
                byte[] firstNow = payload(first);
                assertTrue(Arrays.equals(firstSent, firstNow), () -> "After a second receive, the packet of the first one"
                        + " holds other bytes: " + Shown.bytes(firstSent, firstNow) + ". TODO 6: receive into a new packet with"
                        + " a new buffer each time; a buffer or packet kept in a field is overwritten by the next datagram.");
                byte[] secondNow = payload(second);
                assertTrue(Arrays.equals(secondSent, secondNow), () -> "TODO 6: the second datagram arrived changed: "
                        + Shown.bytes(secondSent, secondNow) + ".");
            }
        }

        @Test
        @DisplayName("tells who sent the datagram")
        void reportsTheSender() throws Exception {
            try (DatagramSocket socket = Loopback.receiver();
                 DatagramSocket client = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
                client.send(new DatagramPacket(new byte[] {'h', 'i'}, 2, endpointOf(socket)));
                DatagramPacket packet = UdpServer.receive(socket);
                assertEquals(new InetSocketAddress(Loopback.LOCALHOST, client.getLocalPort()), packet.getSocketAddress(),
                        "TODO 6: return the packet that socket.receive filled in; it carries the sender's address and port.");
            }
        }
    }

    @Nested
    @Tag("todo-7")
    @DisplayName("decode (TODO 7)")
    class Decode {

        @Test
        @DisplayName("decodes only the bytes received, as UTF-8")
        void decodesOnlyTheReceivedBytesAsUtf8() {
            byte[] buffer = new byte[Loopback.LESSON_BUFFER];
            Arrays.fill(buffer, (byte) 'x');
            byte[] text = "ATU é ✓".getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, buffer, 5, text.length);
            DatagramPacket packet = new DatagramPacket(buffer, 5, text.length);
            String decoded = UdpServer.decode(packet);
            // assertTrue, not assertEquals: JUnit would add both values whole, and a wrong one is 1024 characters long.
            assertTrue("ATU é ✓".equals(decoded), () -> "TODO 7: decode getLength() bytes from getOffset(), as UTF-8;"
                    + " new String(getData()) takes the whole buffer and the platform charset. The packet holds " + hex(text)
                    + " at offset 5 of a 1024-byte buffer; decode should give \"ATU é ✓\": "
                    + Shown.texts("ATU é ✓", String.valueOf(decoded)) + ".");
        }

        @ParameterizedTest(name = "{0} decodes to {1}")
        @DisplayName("turns invalid UTF-8 into U+FFFD and keeps the valid rest, as Python's decode(errors='replace')")
        @CsvSource(delimiter = '|', value = {
            "ff fe 41    | \uFFFD\uFFFDA",
            "f0 80 80 41 | \uFFFD\uFFFD\uFFFDA",
            "41 c3       | A\uFFFD",
            "e2 82       | \uFFFD",
            "c0 af       | \uFFFD\uFFFD",
        })
        void replacesInvalidBytes(String hexBytes, String expected) {
            byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hexBytes.trim());
            String hint = "TODO 7: decode with replacement (new String(bytes, offset, length, UTF_8) does it); never let one"
                    + " bad datagram stop the server.";
            String decoded;
            try {
                decoded = UdpServer.decode(new DatagramPacket(bytes, bytes.length));
            } catch (RuntimeException e) {
                if (Todo.stubIn(e).isPresent()) {
                    throw e;
                }
                throw new AssertionFailedError(hint + " Bytes " + hex(bytes) + " should decode to " + Shown.text(expected)
                        + " but decode threw " + Outcome.visible(String.valueOf(e)) + ".", e);
            }
            assertTrue(expected.equals(decoded), () -> hint + " Bytes " + hex(bytes) + " should decode to "
                    + Shown.text(expected) + ": " + Shown.texts(expected, String.valueOf(decoded)) + ".");
        }
    }

    @Nested
    @Tag("todo-8")
    @DisplayName("formatLine (TODO 8)")
    class FormatLine {

        @ParameterizedTest(name = "prints {3}")
        @DisplayName("prints the address tuple and the text as Python's print(addr, data)")
        @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "127.0.0.1|54321|ATU 2026-11-23 19:05:07.578088|('127.0.0.1', 54321) ATU 2026-11-23 19:05:07.578088",
            "10.1.2.3|1|x|('10.1.2.3', 1) x",
            "127.0.0.1|65535|''|('127.0.0.1', 65535) ",
            "127.0.0.1|2323|two  spaces, 'quotes'|('127.0.0.1', 2323) two  spaces, 'quotes'",
        })
        void printsLikePython(String host, int port, String text, String expected) throws Exception {
            String line = UdpServer.formatLine(new InetSocketAddress(InetAddress.getByName(host), port), text);
            Shown.assertSameText(expected, line, "TODO 8: Python prints " + Shown.text(expected) + "; formatLine must give"
                    + " ('<address>', <port>), one space, then the text as it is (an empty text leaves the trailing space).");
        }
    }

    @Nested
    @Tag("todo-6")
    @Tag("todo-7")
    @Tag("todo-8")
    @Tag("todo-9")
    @DisplayName("serve (TODO 9)")
    class Serve {

        /** Set by the first check that finds serve never returning: the later checks of serve are not run, at once. */
        private static final AtomicReference<String> NEVER_RETURNED = new AtomicReference<>();

        /** End this check as not run if an earlier check found that serve does not return. */
        private static void unlessServeHung() {
            String earlier = NEVER_RETURNED.get();
            if (earlier != null) {
                throw new Outcome.NotRunCheck("not run: " + earlier + "; fix that first");
            }
        }

        /** Record that serve did not return in {@code check}, and fail it with {@code message}. */
        private static AssertionFailedError serveHung(String check, String message) {
            NEVER_RETURNED.compareAndSet(null, "serve did not return in '" + check + "'");
            return new AssertionFailedError(message);
        }

        /**
         * Call {@code serve(socket, out, limit)} on a thread of its own and wait for it within the event bound, so that
         * a serve that never returns costs one check its bound, not every check the whole check timeout.
         */
        private static long serveWithin(DatagramSocket socket, PrintedLines printed, long limit, String check) throws IOException {
            unlessServeHung();
            FutureTask<Long> serving = new FutureTask<>(() -> UdpServer.serve(socket, printed.stream(), limit));
            Thread thread = new Thread(serving, "serve in " + check);
            thread.setDaemon(true); // a serve that never returns must not keep the JVM alive
            thread.start();
            try {
                return serving.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw serveHung(check, "serve(socket, out, " + limit + ") had not returned " + WAIT.toSeconds() + " s later"
                        + " (printed so far: " + Shown.lines(printed.lines()) + "). TODO 9: return once limit datagrams are printed, and"
                        + " let an exception of receive end the loop (return when the socket is closed, throw it on otherwise).");
            } catch (ExecutionException e) {
                Throwable thrown = e.getCause();
                if (thrown instanceof IOException io) {
                    throw io;
                }
                if (thrown instanceof RuntimeException runtime) {
                    throw runtime; // a TODO stub among them: the check is pending
                }
                if (thrown instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(thrown);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while waiting for serve");
            }
        }

        @Test
        @DisplayName("prints one line per datagram and returns after the limit")
        void printsOneLinePerDatagramUpToTheLimit() throws Exception {
            try (DatagramSocket socket = Loopback.receiver();
                 DatagramSocket client = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
                // Spaces and a tab around the text: the lesson's server prints the text exactly as it arrived.
                List<String> texts = List.of("one", "", "  spaced out  ", "\ttabbed");
                for (String text : texts) {
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    client.send(new DatagramPacket(bytes, bytes.length, endpointOf(socket)));
                }
                PrintedLines printed = new PrintedLines();
                long served;
                try {
                    served = serveWithin(socket, printed, texts.size(), "prints one line per datagram");
                } catch (SocketTimeoutException e) {
                    throw new AssertionFailedError("serve(socket, out, 4) was sent 4 datagrams but did not return: it was"
                            + " still receiving when the check's socket timed out after " + Loopback.RECEIVE_TIMEOUT_MS
                            + " ms (printed so far: " + Shown.lines(printed.lines()) + "). TODO 9: stop after limit datagrams"
                            + " and return how many were printed.", e);
                }
                String prefix = "('127.0.0.1', " + client.getLocalPort() + ") ";
                List<String> expected = texts.stream().map(text -> prefix + text).toList();
                List<String> lines = printed.lines();
                int first = 0;
                while (first < Math.min(expected.size(), lines.size()) && expected.get(first).equals(lines.get(first))) {
                    first++;
                }
                int differs = first;
                InetSocketAddress sender = new InetSocketAddress(Loopback.LOCALHOST, client.getLocalPort());
                assertTrue(expected.equals(lines), () -> (differs < expected.size() && differs < lines.size()
                        ? ServerCulprits.servedLine(sender, texts.get(differs), expected.get(differs))
                        : "TODO 9: for each datagram print formatLine(sender, decoded text), one line each.")
                        + " serve printed " + lines.size() + " line(s) for " + expected.size() + " datagrams; line "
                        + (differs + 1) + ": " + (differs < expected.size() && differs < lines.size()
                        ? Shown.texts(expected.get(differs), lines.get(differs))
                        : differs < expected.size() ? "expected " + Shown.text(expected.get(differs)) + " but there was none"
                        : "expected no more lines but got " + Shown.text(lines.get(differs))) + ".");
                assertEquals(texts.size(), served, "TODO 9: serve should return how many datagrams it printed.");
            }
        }

        @Test
        @DisplayName("keeps serving after a datagram that is not valid UTF-8")
        void keepsServingAfterInvalidUtf8() throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                byte[] bad = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd};
                send(bad, endpointOf(socket));
                send("still here".getBytes(StandardCharsets.UTF_8), endpointOf(socket));
                PrintedLines printed = new PrintedLines();
                try {
                    serveWithin(socket, printed, 2, "keeps serving after a datagram that is not valid UTF-8");
                } catch (SocketTimeoutException e) {
                    throw new AssertionFailedError("serve(socket, out, 2) was sent 2 datagrams but did not return: it was"
                            + " still receiving when the check's socket timed out after " + Loopback.RECEIVE_TIMEOUT_MS
                            + " ms (printed so far: " + Shown.lines(printed.lines()) + "). TODO 9: stop after limit datagrams"
                            + " and return how many were printed.", e);
                }
                List<String> lines = printed.lines();
                String badBytes = ServerCulprits.decodedAsReceived(bad).filter("\uFFFD\uFFFD\uFFFD"::equals).isPresent()
                        ? "TODO 9: print every datagram, whatever its bytes; a bad datagram must not stop the server."
                        : "TODO 7: decode the bad bytes ff fe fd as three U+FFFD (new String(bytes, offset, length, UTF_8)"
                        + " replaces them); a bad datagram must not stop the server.";
                assertEquals(2, lines.size(), () -> badBytes + " Expected two lines, got " + Shown.lines(lines) + ".");
                assertTrue(lines.get(0).endsWith(") \uFFFD\uFFFD\uFFFD") && lines.get(1).endsWith(") still here"),
                        () -> badBytes + " Expected the bad bytes as U+FFFD, then 'still here'; got " + Shown.lines(lines) + ".");
            }
        }

        @Test
        @DisplayName("returns when its socket is closed, instead of blocking forever")
        void returnsWhenTheSocketIsClosed() throws Exception {
            unlessServeHung();
            DatagramSocket socket = Loopback.receiver();
            socket.setSoTimeout(0); // block as a real server does: closing the socket is the only way out
            PrintedLines printed = new PrintedLines();
            CompletableFuture<Long> serving = CompletableFuture.supplyAsync(() -> {
                try {
                    return UdpServer.serve(socket, printed.stream(), Long.MAX_VALUE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            send("before close".getBytes(StandardCharsets.UTF_8), endpointOf(socket));
            try {
                CompletableFuture.anyOf(serving, printed.firstLine()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                socket.close();
                throw new AssertionFailedError("TODO 9: serve printed no whole line within " + WAIT.toSeconds() + " s of a"
                        + " datagram sent to its socket (printed so far: " + Shown.lines(printed.lines()) + "). Receive, then"
                        + " print formatLine(...) with println.");
            }
            if (serving.isDone()) {
                serving.join(); // serve ended early: report why (a stub, an exception) instead of waiting
            }
            socket.close();
            long served;
            try {
                served = serving.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw serveHung("returns when its socket is closed", "serve was still blocked " + WAIT.toSeconds() + " s after its"
                        + " socket was closed. TODO 9: when receive throws a SocketException and socket.isClosed(), return the"
                        + " count instead of looping.");
            } catch (ExecutionException e) {
                Throwable thrown = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
                if (Todo.stubIn(thrown).isPresent()) {
                    throw e;
                }
                throw new AssertionFailedError("serve threw " + Outcome.visible(String.valueOf(thrown)) + " when its socket"
                        + " was closed. TODO 9: when receive throws a SocketException and socket.isClosed(), return the count"
                        + " instead of letting it escape.", thrown);
            }
            assertEquals(1, served, "TODO 9: after its socket is closed, serve should return the number printed so far.");
        }

        @Test
        @DisplayName("reports a receive failure on a socket that is still open, instead of returning as if closed")
        void reportsAFailureOnAnOpenSocket() throws Exception {
            try (DatagramSocket socket = Loopback.receiver()) {
                // A connected UDP socket hears the ICMP "port unreachable" that its datagram to a closed port causes:
                // its next receive throws PortUnreachableException (a SocketException) while the socket stays open.
                socket.connect(new InetSocketAddress(Loopback.LOCALHOST, Loopback.unusedPort()));
                socket.send(new DatagramPacket(new byte[] {'?'}, 1));
                PrintedLines printed = new PrintedLines();
                IOException failure;
                try {
                    serveWithin(socket, printed, 5, "reports a receive failure"); // a serve that never returns fails here
                    throw new AssertionFailedError("TODO 9: serve returned normally although its socket is open and its"
                            + " receive failed: return the count only when socket.isClosed(); any other SocketException"
                            + " must be thrown on.");
                } catch (IOException thrown) {
                    failure = thrown;
                }
                assertFalse(socket.isClosed(), "TODO 9: serve must not close a socket it was given.");
                List<String> lines = printed.lines();
                assertTrue(lines.isEmpty(), () -> "TODO 9: serve printed " + Shown.lines(lines) + " although no datagram"
                        + " arrived (" + failure + ").");
            }
        }
    }

    private static byte[] ascii(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
