package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import exercise11.grader.CheckResult;
import exercise11.grader.Rubric;
import exercise11.grader.StudentResult;
import exercise11.harness.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Realistic wrong submissions, each the solution with one mistake a student makes, graded as one cohort by the
 * grader. Each must be caught by the check named for it, with a failure message that points at the mistake.
 */
@DisplayName("Known-bad submissions")
class KnownBadSubmissionsTests {

    private static final String CLIENT = "UdpClient.java";
    private static final String SERVER = "UdpServer.java";
    private static final String SETTINGS = "Settings.java";
    /** The solution's last line of TODO 1, which the timestamp fixtures replace. */
    private static final String TIMESTAMP_RETURN =
            "return micros == 0 ? seconds : seconds + \".\" + String.format(Locale.ROOT, \"%06d\", micros);";

    /**
     * A wrong submission and the checks that must catch it.
     *
     * @param where empty when the submission is wrong everywhere; else where it is wrong, in words
     * @param wrongHere whether it is wrong on this JDK
     */
    record Mistake(String name, Variant variant, List<Catch> catches, String where, BooleanSupplier wrongHere) {

        /** Also require {@code check} to fail with a message that contains {@code says}. */
        Mistake caughtBy(String check, String says) {
            List<Catch> more = new ArrayList<>(catches);
            more.add(new Catch(check, says));
            return new Mistake(name, variant, List.copyOf(more), where, wrongHere);
        }

        /** Make one more edit for the same mistake. */
        Mistake andReplace(String file, String find, String replace) {
            return new Mistake(name, variant.replace(file, find, replace), catches, where, wrongHere);
        }

        /** Declare the submission wrong only {@code where}, which {@code holds} tells for this JDK. */
        Mistake onlyWhere(String where, BooleanSupplier holds) {
            return new Mistake(name, variant, catches, where, holds);
        }

        String described() {
            return where.isEmpty() ? name : name + " (" + where + ")";
        }
    }

    /** A check that must end FAILED or ERROR with a message containing {@code says}. */
    record Catch(String check, String says) {
    }

    /** The solution's TODO 3: a DatagramSocket (which has SO_BROADCAST on by itself), switched on again. */
    private static final String TODO_3_BODY = "        DatagramSocket socket = new DatagramSocket();\n"
            + "        try {\n"
            + "            socket.setBroadcast(true);\n"
            + "            return socket;\n"
            + "        } catch (SocketException e) {\n"
            + "            socket.close();\n"
            + "            throw e;\n"
            + "        }\n";

    static final List<Mistake> MISTAKES = List.of(
            // TODO 1: the timestamp
            bad("TODO 1: LocalDateTime.toString()", CLIENT,
                    TIMESTAMP_RETURN,
                    "return time.toString();")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <2022-10-13T12:38:01.285021>"),
            bad("TODO 1: toString() with the T replaced (seconds dropped at :00)", CLIENT,
                    TIMESTAMP_RETURN,
                    "return time.toString().replace('T', ' ');")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <0001-01-01 00:00>"),
            bad("TODO 1: .000000 printed when the microseconds are 0", CLIENT,
                    TIMESTAMP_RETURN,
                    "return seconds + \".\" + String.format(Locale.ROOT, \"%06d\", micros);")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <0001-01-01 00:00:00.000000>"),
            bad("TODO 1: nine digits of nanoseconds", CLIENT,
                    "String.format(Locale.ROOT, \"%06d\", micros)", "String.format(Locale.ROOT, \"%09d\", time.getNano())")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <2022-10-13 12:38:01.285021000>"),
            bad("TODO 1: microseconds without zero padding", CLIENT,
                    "String.format(Locale.ROOT, \"%06d\", micros)", "micros")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <2000-01-01 00:00:00.5>"),
            bad("TODO 1: hh, the 12-hour clock", CLIENT, "\"uuuu-MM-dd HH:mm:ss\"", "\"uuuu-MM-dd hh:mm:ss\"")
                    .caughtBy("TimestampProperties#matchesPythonExamples", "but was: <2026-11-23 07:05:07.578088>"),
            bad("TODO 1: YYYY, the week-based year", CLIENT, "\"uuuu-MM-dd HH:mm:ss\"", "\"YYYY-MM-dd HH:mm:ss\"")
                    .caughtBy("TimestampProperties#formatsEveryDateTimeAsPythonDoes", "(TODO 1): expected Python's str(datetime)"),
            bad("TODO 1: microseconds rounded instead of truncated", CLIENT,
                    "int micros = time.getNano() / 1_000;", "int micros = (int) Math.round(time.getNano() / 1_000.0);")
                    .caughtBy("TimestampProperties#keepsWholeMicrosecondsOfFinerTimes", "TODO 1: keep whole microseconds"),

            // TODO 2-4: the client
            bad("TODO 2: getBytes() in the platform charset", CLIENT,
                    "return text.getBytes(StandardCharsets.UTF_8);", "return text.getBytes();")
                    .caughtBy("UdpClientTests.Encode#encodesAsUtf8", "TODO 2: name the charset"),
            bad("TODO 3: a DatagramChannel's socket, SO_BROADCAST left off", CLIENT, TODO_3_BODY,
                    "        try {\n"
                            + "            return java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET).socket();\n"
                            + "        } catch (SocketException e) {\n"
                            + "            throw e;\n"
                            + "        } catch (IOException e) {\n"
                            + "            throw new SocketException(e.getMessage());\n"
                            + "        }\n")
                    .caughtBy("UdpClientTests.OpenBroadcastSocket#switchesBroadcastOn", "TODO 3: the socket's SO_BROADCAST option is off")
                    .caughtBy("UdpClientTests.SendOnce#sendsToTheLoopbackBroadcastAddress", "needs SO_BROADCAST on"),
            bad("TODO 3: socket closed by try-with-resources before it is returned", CLIENT, TODO_3_BODY,
                    "        try (DatagramSocket socket = new DatagramSocket()) {\n            socket.setBroadcast(true);\n"
                            + "            return socket;\n        }\n")
                    .caughtBy("UdpClientTests.OpenBroadcastSocket#switchesBroadcastOn", "TODO 3: openBroadcastSocket() returned a closed socket"),
            bad("TODO 4: sockets never closed", CLIENT,
                    "        try (DatagramSocket socket = openBroadcastSocket()) {\n"
                            + "            socket.send(new DatagramPacket(payload, payload.length, server));\n        }\n",
                    "        DatagramSocket socket = openBroadcastSocket();\n"
                            + "        socket.send(new DatagramPacket(payload, payload.length, server));\n")
                    .caughtBy("UdpClientTests.SendOnce#closesTheSocketItSentFrom", "TODO 4: close the socket"),
            bad("TODO 4: sent to CLIENT_UDP_IPv4 instead of the server", CLIENT,
                    "new DatagramPacket(payload, payload.length, server)",
                    "new DatagramPacket(payload, payload.length, Settings.load().clientAddress(), server.getPort())")
                    .caughtBy("UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text", "TODO 4: sendOnce must send one datagram to the address it is given"),
            bad("TODO 4: a connected socket, which sends no empty datagram", CLIENT,
                    "            socket.send(new DatagramPacket(payload, payload.length, server));\n",
                    "            socket.connect(server);\n            socket.send(new DatagramPacket(payload, payload.length));\n")
                    .onlyWhere("on a JDK whose connected DatagramSocket drops empty datagrams, as 17's does",
                            KnownBadSubmissionsTests::connectedSocketsDropEmptyDatagrams)
                    .caughtBy("UdpClientTests.SendOnce#sendsAnEmptyTextAsAnEmptyDatagram", "a connected DatagramSocket silently drops an empty datagram"),
            bad("TODO 4: datagram length in characters, not bytes", CLIENT,
                    "new DatagramPacket(payload, payload.length, server)", "new DatagramPacket(payload, text.length(), server)")
                    .caughtBy("UdpClientTests.SendOnce#sendsOneDatagramWithTheUtf8Text", "(TODO 4, TODO 2)"),

            // TODO 5-9: the server
            bad("TODO 5: a DatagramChannel's socket, SO_BROADCAST left off", SERVER,
                    "        DatagramSocket socket = new DatagramSocket(null);\n"
                            + "        try {\n"
                            + "            socket.setBroadcast(true);\n"
                            + "            socket.bind(address);\n"
                            + "            return socket;\n"
                            + "        } catch (SocketException e) {\n"
                            + "            socket.close();\n"
                            + "            throw e;\n"
                            + "        }\n",
                    "        try {\n"
                            + "            java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open(java.net.StandardProtocolFamily.INET);\n"
                            + "            try {\n"
                            + "                return channel.bind(address).socket();\n"
                            + "            } catch (IOException e) {\n"
                            + "                channel.close();\n"
                            + "                throw e;\n"
                            + "            }\n"
                            + "        } catch (SocketException e) {\n"
                            + "            throw e;\n"
                            + "        } catch (IOException e) {\n"
                            + "            throw new SocketException(e.getMessage());\n"
                            + "        }\n")
                    .caughtBy("UdpServerTests.OpenSocket#bindsWithBroadcastOn", "TODO 5: switch SO_BROADCAST on"),
            bad("TODO 5: bound to every interface, not the address given", SERVER,
                    "socket.bind(address);", "socket.bind(new InetSocketAddress(address.getPort()));")
                    .caughtBy("UdpServerTests.OpenSocket#bindsWithBroadcastOn", "TODO 5: bind to the address given"),
            bad("TODO 6: 512-byte buffer", SERVER,
                    "new DatagramPacket(new byte[BUFFER_SIZE], BUFFER_SIZE)", "new DatagramPacket(new byte[512], 512)")
                    .caughtBy("UdpServerTests.Receive#returnsShortDatagramsWhole", "TODO 6: receive into a buffer of BUFFER_SIZE (1024) bytes"),
            bad("TODO 6: 64 KiB buffer that cuts nothing", SERVER,
                    "new DatagramPacket(new byte[BUFFER_SIZE], BUFFER_SIZE)", "new DatagramPacket(new byte[65_535], 65_535)")
                    .caughtBy("UdpServerTests.Receive#truncatesDatagramsLongerThanTheBuffer", "TODO 6: the buffer must hold exactly BUFFER_SIZE bytes"),
            bad("TODO 6: one buffer shared by every packet", SERVER,
                    "new DatagramPacket(new byte[BUFFER_SIZE], BUFFER_SIZE)", "new DatagramPacket(SHARED, BUFFER_SIZE)")
                    .andReplace(SERVER, "    public static final int BUFFER_SIZE = 1024;\n",
                            "    public static final int BUFFER_SIZE = 1024;\n    private static final byte[] SHARED = new byte[BUFFER_SIZE];\n")
                    .caughtBy("UdpServerTests.Receive#keepsEachDatagramItReturned", "TODO 6: receive into a new packet with a new buffer"),
            bad("TODO 7: new String(bytes, offset, length) in the platform charset", SERVER,
                    "packet.getLength(), StandardCharsets.UTF_8)", "packet.getLength())")
                    .caughtBy("UdpServerTests.Decode#decodesOnlyTheReceivedBytesAsUtf8", "TODO 7: decode getLength() bytes from getOffset(), as UTF-8")
                    .caughtBy("UdpServerTests.Decode#replacesInvalidBytes", "TODO 7: decode with replacement"),
            bad("TODO 7: new String(p.getData()), the whole buffer", SERVER,
                    "new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8)",
                    "new String(packet.getData())")
                    .caughtBy("UdpServerTests.Decode#decodesOnlyTheReceivedBytesAsUtf8", "TODO 7: decode getLength() bytes from getOffset()"),
            bad("TODO 7: offset ignored", SERVER, "packet.getData(), packet.getOffset(), packet.getLength()", "packet.getData(), 0, packet.getLength()")
                    .caughtBy("UdpServerTests.Decode#decodesOnlyTheReceivedBytesAsUtf8", "TODO 7: decode getLength() bytes from getOffset()"),
            bad("TODO 7/9: strict decoder, and serve stops at the first bad datagram", SERVER,
                    "        return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);\n",
                    "        try {\n"
                            + "            return StandardCharsets.UTF_8.newDecoder()\n"
                            + "                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)\n"
                            + "                    .decode(java.nio.ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength()))\n"
                            + "                    .toString();\n"
                            + "        } catch (java.nio.charset.CharacterCodingException e) {\n"
                            + "            throw new IllegalArgumentException(\"not UTF-8\", e);\n"
                            + "        }\n")
                    .andReplace(SERVER,
                            "            out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet)));\n",
                            "            String text;\n"
                                    + "            try {\n"
                                    + "                text = decode(packet);\n"
                                    + "            } catch (IllegalArgumentException e) {\n"
                                    + "                break;\n"
                                    + "            }\n"
                                    + "            out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), text));\n")
                    .caughtBy("UdpServerTests.Serve#keepsServingAfterInvalidUtf8", "TODO 7/9: a bad datagram must not stop the server")
                    .caughtBy("UdpServerTests.Decode#replacesInvalidBytes", "TODO 7: decode with replacement"),
            bad("TODO 8: 127.0.0.1:54321 text", SERVER,
                    "return \"('\" + source.getAddress().getHostAddress() + \"', \" + source.getPort() + \") \" + text;",
                    "return source.getAddress().getHostAddress() + \":\" + source.getPort() + \" \" + text;")
                    .caughtBy("UdpServerTests.FormatLine#printsLikePython", "but was: <127.0.0.1:54321 ATU"),
            bad("TODO 8: (\"127.0.0.1\", 54321) in double quotes", SERVER,
                    "return \"('\" + source.getAddress().getHostAddress() + \"', \" + source.getPort() + \") \" + text;",
                    "return \"(\\\"\" + source.getAddress().getHostAddress() + \"\\\", \" + source.getPort() + \") \" + text;")
                    .caughtBy("UdpServerTests.FormatLine#printsLikePython", "but was: <(\"127.0.0.1\", 54321) ATU"),
            bad("TODO 8: InetSocketAddress.toString()", SERVER,
                    "return \"('\" + source.getAddress().getHostAddress() + \"', \" + source.getPort() + \") \" + text;",
                    "return source + \" \" + text;")
                    .caughtBy("UdpServerTests.FormatLine#printsLikePython", "but was: </127.0.0.1:54321 ATU"),
            bad("TODO 8: b'...' around the text, as print shows bytes", SERVER,
                    "source.getPort() + \") \" + text;", "source.getPort() + \") b'\" + text + \"'\";")
                    .caughtBy("UdpServerTests.FormatLine#printsLikePython", "but was: <('127.0.0.1', 54321) b'ATU"),
            bad("TODO 9: print instead of println", SERVER,
                    "out.println(formatLine(", "out.print(formatLine(")
                    .caughtBy("UdpServerTests.Serve#printsOneLinePerDatagramUpToTheLimit", "TODO 9: for each datagram print formatLine(sender, decoded text), one line each")
                    .caughtBy("UdpServerTests.Serve#returnsWhenTheSocketIsClosed", "print formatLine(...) with println"),
            bad("TODO 9: limit ignored", SERVER, "while (served < limit) {", "while (true) {")
                    .andReplace(SERVER, "        return served;\n        // <<< TODO 9", "        // <<< TODO 9")
                    .caughtBy("UdpServerTests.Serve#printsOneLinePerDatagramUpToTheLimit", "TODO 9: stop after limit datagrams"),
            bad("TODO 9: one datagram too many (<= limit)", SERVER, "while (served < limit) {", "while (served <= limit) {")
                    .caughtBy("UdpServerTests.Serve#printsOneLinePerDatagramUpToTheLimit", "TODO 9: stop after limit datagrams"),
            bad("TODO 9: the server's port printed instead of the sender's", SERVER,
                    "formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet))",
                    "formatLine(new InetSocketAddress(packet.getAddress(), socket.getLocalPort()), decode(packet))")
                    .caughtBy("UdpServerTests.Serve#printsOneLinePerDatagramUpToTheLimit", "TODO 9: for each datagram print formatLine(sender"),
            bad("TODO 9: the closed socket's exception escapes serve", SERVER,
                    "            DatagramPacket packet;\n"
                            + "            try {\n"
                            + "                packet = receive(socket);\n"
                            + "            } catch (SocketException e) {\n"
                            + "                if (socket.isClosed()) {\n"
                            + "                    return served; // closed from another thread: the way out of a blocking receive\n"
                            + "                }\n"
                            + "                throw e;\n"
                            + "            }\n",
                    "            DatagramPacket packet = receive(socket);\n")
                    .caughtBy("UdpServerTests.Serve#returnsWhenTheSocketIsClosed", "TODO 9: when receive throws a SocketException and socket.isClosed(), return the count"),
            bad("TODO 9: serve keeps looping on a closed socket", SERVER,
                    "return served; // closed from another thread: the way out of a blocking receive", "continue;")
                    .caughtBy("UdpServerTests.Serve#returnsWhenTheSocketIsClosed", "s after its socket was closed. TODO 9: when receive throws"),

            // Given code a student may still edit
            bad("Settings: the port read from CLIENT_UDP_IPv4's key", SETTINGS,
                    "port(properties, SERVER_PORT_KEY)", "port(properties, CLIENT_ADDRESS_KEY)")
                    .caughtBy("SettingsTests#loadsTheLessonsSettings", "CLIENT_UDP_IPv4 expected a port from 0 to 65535, got '127.0.0.0'")
                    .caughtBy("ProgramTests#clientWorksWithNobodyListening", "CLIENT_UDP_IPv4 expected a port"),
            bad("Settings: the port under a misspelled key", SETTINGS, "SERVER_PORT_KEY = \"SERVER_PORT\"", "SERVER_PORT_KEY = \"SERVER_UDP_PORT\"")
                    .caughtBy("SettingsTests#loadsTheLessonsSettings", "SERVER_UDP_PORT is missing"),
            bad("Settings: the server address read from CLIENT_UDP_IPv4's key", SETTINGS,
                    "address(properties, SERVER_ADDRESS_KEY),", "address(properties, CLIENT_ADDRESS_KEY),")
                    .caughtBy("SettingsTests#loadsTheLessonsSettings", "SERVER_UDP_IPv4 should be the lesson's 127.0.0.1")
                    .caughtBy("ProgramTests#clientToServerEndToEnd", "'Listening on 127.0.0.1:<port>'"));

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeEveryMistakeAsOneCohort() throws Exception {
        Set<String> names = new HashSet<>();
        MISTAKES.forEach(m -> assertTrue(names.add(m.variant().name()), "two fixtures are called " + m.variant().name()));
        graded = Cohorts.grade("known-bad", MISTAKES.stream().map(Mistake::variant).toList());
    }

    @TestFactory
    @DisplayName("each mistake is caught by the check named for it, whose message points at the mistake")
    Stream<DynamicTest> eachMistakeIsCaughtByItsCheck() {
        return MISTAKES.stream().flatMap(mistake -> mistake.catches().stream().map(c ->
                dynamicTest("'" + mistake.name() + "' is caught by " + c.check(), () -> {
                    assumeTrue(mistake.wrongHere().getAsBoolean(), () -> "not a mistake on this JDK, only " + mistake.where());
                    assertCaught(mistake, c);
                })));
    }

    @TestFactory
    @DisplayName("each mistake costs points")
    Stream<DynamicTest> eachMistakeCostsPoints() {
        double max = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt")).maxScore();
        return MISTAKES.stream().map(mistake -> dynamicTest("'" + mistake.name() + "' scores less than " + max, () -> {
            assumeTrue(mistake.wrongHere().getAsBoolean(), () -> "not a mistake on this JDK, only " + mistake.where());
            StudentResult result = graded.of(mistake.variant().name());
            assertEquals("graded", result.status(), () -> "'" + mistake.name() + "' was not graded: " + result.reason());
            assertTrue(result.score() < max, () -> "'" + mistake.name() + "' scored " + result.score() + " of " + max);
        }));
    }

    @Test
    @DisplayName("docs/checks.md lists every known-bad submission with the check that catches it")
    void theDesignDocumentListsTheFixtures() throws Exception {
        FixtureTable.requireDocumented("known-bad", table());
    }

    /** The Markdown table of the mistakes, a row for each check that must catch one. */
    static String table() {
        List<List<String>> rows = new ArrayList<>();
        for (Mistake mistake : MISTAKES) {
            for (Catch c : mistake.catches()) {
                rows.add(List.of(mistake.described(), "`" + c.check() + "`", "`" + c.says() + "`"));
            }
        }
        return FixtureTable.table(List.of("mistake", "caught by", "whose message says"), rows);
    }

    private static void assertCaught(Mistake mistake, Catch expected) {
        StudentResult result = graded.of(mistake.variant().name());
        String who = "'" + mistake.name() + "'";
        assertEquals("graded", result.status(), () -> who + " was not graded (is the fixture valid Java?): " + result.reason());
        Optional<CheckResult> check = result.checks().stream().map(Rubric.Scored::check)
                .filter(c -> c.key().equals(expected.check())).findFirst();
        assertTrue(check.isPresent(), () -> who + ": the grader reported no check " + expected.check() + "; it reported "
                + result.checks().stream().map(s -> s.check().key()).toList());
        CheckResult found = check.get();
        assertTrue(found.status() == Outcome.FAILED || found.status() == Outcome.ERROR, () -> who + " was not caught by "
                + expected.check() + ": it ended " + found.status() + (found.message().isEmpty() ? "" : " (" + found.message() + ")")
                + ". Checks that did fail: " + failed(result));
        assertTrue(found.message().contains(expected.says()), () -> who + " was caught by " + expected.check()
                + ", but its message does not say '" + expected.says() + "'; it says:\n" + found.message());
    }

    private static List<String> failed(StudentResult result) {
        return result.checks().stream().map(Rubric.Scored::check)
                .filter(c -> c.status() == Outcome.FAILED || c.status() == Outcome.ERROR).map(CheckResult::key).toList();
    }

    private static Mistake bad(String name, String file, String find, String replace) {
        return new Mistake(name, Variant.ofSolution("bad-" + FixtureTable.slug(name)).replace(file, find, replace), List.of(),
                "", () -> true);
    }

    /** Tell whether this JDK's connected DatagramSocket sends nothing for an empty packet (JDK 17's NIO-based one does). */
    static boolean connectedSocketsDropEmptyDatagrams() {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            receiver.setSoTimeout(1_000);
            sender.connect(receiver.getLocalSocketAddress());
            sender.send(new DatagramPacket(new byte[0], 0));
            receiver.receive(new DatagramPacket(new byte[1], 1));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
