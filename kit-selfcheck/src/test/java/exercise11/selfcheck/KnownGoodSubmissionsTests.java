package exercise11.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import exercise11.grader.Rubric;
import exercise11.grader.StudentResult;
import exercise11.harness.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Correct submissions written otherwise than the solution, graded as one cohort: each must pass every check, so no
 * check demands the solution's way of writing something that the exercise leaves open.
 */
@DisplayName("Known-good submissions")
class KnownGoodSubmissionsTests {

    private static final String CLIENT = "UdpClient.java";
    private static final String SERVER = "UdpServer.java";

    /** A correct submission and, in words, how it differs from the solution. */
    record Alternative(String name, String how, Variant variant) {

        Alternative replace(String file, String find, String replace) {
            return new Alternative(name, how, variant.replace(file, find, replace));
        }
    }

    // The solution's bodies that the alternatives replace.
    private static final String TIMESTAMP = "        int micros = time.getNano() / 1_000;\n"
            + "        String seconds = DATE_AND_SECONDS.format(time);\n"
            + "        return micros == 0 ? seconds : seconds + \".\" + String.format(Locale.ROOT, \"%06d\", micros);\n";
    private static final String ENCODE = "        return text.getBytes(StandardCharsets.UTF_8);\n";
    private static final String OPEN_BROADCAST_SOCKET = "        DatagramSocket socket = new DatagramSocket();\n"
            + "        try {\n"
            + "            socket.setBroadcast(true);\n"
            + "            return socket;\n"
            + "        } catch (SocketException e) {\n"
            + "            socket.close();\n"
            + "            throw e;\n"
            + "        }\n";
    private static final String SEND_ONCE = "        byte[] payload = encode(text);\n"
            + "        try (DatagramSocket socket = openBroadcastSocket()) {\n"
            + "            socket.send(new DatagramPacket(payload, payload.length, server));\n"
            + "        }\n";
    private static final String OPEN_SOCKET = "        DatagramSocket socket = new DatagramSocket(null);\n"
            + "        try {\n"
            + "            socket.setBroadcast(true);\n"
            + "            socket.bind(address);\n"
            + "            return socket;\n"
            + "        } catch (SocketException e) {\n"
            + "            socket.close();\n"
            + "            throw e;\n"
            + "        }\n";
    private static final String RECEIVE = "        DatagramPacket packet = new DatagramPacket(new byte[BUFFER_SIZE], BUFFER_SIZE);\n"
            + "        socket.receive(packet);\n"
            + "        return packet;\n";
    private static final String DECODE =
            "        return new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);\n";
    private static final String FORMAT_LINE =
            "        return \"('\" + source.getAddress().getHostAddress() + \"', \" + source.getPort() + \") \" + text;\n";
    private static final String SERVE = "        long served = 0;\n"
            + "        while (served < limit) {\n"
            + "            DatagramPacket packet;\n"
            + "            try {\n"
            + "                packet = receive(socket);\n"
            + "            } catch (SocketException e) {\n"
            + "                if (socket.isClosed()) {\n"
            + "                    return served; // closed from another thread: the way out of a blocking receive\n"
            + "                }\n"
            + "                throw e;\n"
            + "            }\n"
            + "            out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet)));\n"
            + "            served++;\n"
            + "        }\n"
            + "        return served;\n";
    private static final String NIO_IMPORTS = "import java.net.SocketException;\n"
            + "import java.net.StandardProtocolFamily;\n"
            + "import java.net.StandardSocketOptions;\n"
            + "import java.nio.ByteBuffer;\n"
            + "import java.nio.channels.DatagramChannel;\n";

    static final List<Alternative> ALTERNATIVES = List.of(
            good("NIO channels", "`DatagramChannel` with SO_BROADCAST set through `setOption`, `sendOnce` sending a `ByteBuffer`"
                    + " from a channel of its own, `openSocket` returning a bound channel's `socket()`; `decode` with"
                    + " `Charset.decode`; `serve` as a `for` loop")
                    .replace(CLIENT, "import java.net.SocketException;\n", NIO_IMPORTS)
                    .replace(CLIENT, OPEN_BROADCAST_SOCKET, ""
                            + "        try {\n"
                            + "            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);\n"
                            + "            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);\n"
                            + "            return channel.socket();\n"
                            + "        } catch (SocketException e) {\n"
                            + "            throw e;\n"
                            + "        } catch (IOException e) {\n"
                            + "            throw new SocketException(\"cannot open a UDP channel: \" + e.getMessage());\n"
                            + "        }\n")
                    .replace(CLIENT, SEND_ONCE, ""
                            + "        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {\n"
                            + "            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);\n"
                            + "            channel.send(ByteBuffer.wrap(encode(text)), server);\n"
                            + "        }\n")
                    .replace(SERVER, "import java.net.SocketException;\n", NIO_IMPORTS)
                    .replace(SERVER, OPEN_SOCKET, ""
                            + "        try {\n"
                            + "            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);\n"
                            + "            try {\n"
                            + "                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);\n"
                            + "                return channel.bind(address).socket();\n"
                            + "            } catch (IOException e) {\n"
                            + "                channel.close();\n"
                            + "                throw e;\n"
                            + "            }\n"
                            + "        } catch (SocketException e) {\n"
                            + "            throw e;\n"
                            + "        } catch (IOException e) {\n"
                            + "            throw new SocketException(\"cannot open a UDP channel: \" + e.getMessage());\n"
                            + "        }\n")
                    .replace(SERVER, DECODE, "        return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(packet.getData(),"
                            + " packet.getOffset(), packet.getLength())).toString();\n")
                    .replace(SERVER, SERVE, ""
                            + "        long served;\n"
                            + "        for (served = 0; served < limit; served++) {\n"
                            + "            DatagramPacket packet;\n"
                            + "            try {\n"
                            + "                packet = receive(socket);\n"
                            + "            } catch (SocketException e) {\n"
                            + "                if (!socket.isClosed()) {\n"
                            + "                    throw e;\n"
                            + "                }\n"
                            + "                break;\n"
                            + "            }\n"
                            + "            out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet)));\n"
                            + "        }\n"
                            + "        return served;\n"),

            good("Formatters", "the timestamp with a `DateTimeFormatter` pattern chosen by the microseconds (`.SSSSSS`),"
                    + " `encode` with `Charset.encode`, `formatLine` with `String.format`, `decode` of a copied array, the"
                    + " receive loop inside one `try`")
                    .replace(CLIENT, TIMESTAMP, ""
                            + "        DateTimeFormatter format = time.getNano() < 1_000\n"
                            + "                ? DateTimeFormatter.ofPattern(\"uuuu-MM-dd HH:mm:ss\")\n"
                            + "                : DateTimeFormatter.ofPattern(\"uuuu-MM-dd HH:mm:ss.SSSSSS\");\n"
                            + "        return format.format(time);\n")
                    .replace(CLIENT, ENCODE, ""
                            + "        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(text);\n"
                            + "        byte[] bytes = new byte[buffer.remaining()];\n"
                            + "        buffer.get(bytes);\n"
                            + "        return bytes;\n")
                    .replace(SERVER, RECEIVE, ""
                            + "        byte[] buffer = new byte[UdpServer.BUFFER_SIZE];\n"
                            + "        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);\n"
                            + "        socket.receive(packet);\n"
                            + "        return packet;\n")
                    .replace(SERVER, DECODE, ""
                            + "        byte[] received = java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(),\n"
                            + "                packet.getOffset() + packet.getLength());\n"
                            + "        return new String(received, StandardCharsets.UTF_8);\n")
                    .replace(SERVER, FORMAT_LINE, "        return String.format(java.util.Locale.ROOT, \"('%s', %d) %s\","
                            + " source.getAddress().getHostAddress(), source.getPort(), text);\n")
                    .replace(SERVER, SERVE, ""
                            + "        long served = 0;\n"
                            + "        try {\n"
                            + "            while (served < limit) {\n"
                            + "                DatagramPacket packet = receive(socket);\n"
                            + "                out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet)));\n"
                            + "                served++;\n"
                            + "            }\n"
                            + "        } catch (SocketException e) {\n"
                            + "            if (!socket.isClosed()) {\n"
                            + "                throw e;\n"
                            + "            }\n"
                            + "        }\n"
                            + "        return served;\n"),

            good("StringBuilder", "the timestamp and the line built with `StringBuilder` and zero padding by hand, the"
                    + " packet addressed by `InetAddress` and port, `openSocket` binding in the constructor and switching"
                    + " SO_BROADCAST on after, `decode` through a `CharsetDecoder` that replaces, `serve` counting in a"
                    + " `for (;;)`")
                    .replace(CLIENT, TIMESTAMP, ""
                            + "        StringBuilder text = new StringBuilder(26);\n"
                            + "        appendPadded(text, time.getYear(), 4).append('-');\n"
                            + "        appendPadded(text, time.getMonthValue(), 2).append('-');\n"
                            + "        appendPadded(text, time.getDayOfMonth(), 2).append(' ');\n"
                            + "        appendPadded(text, time.getHour(), 2).append(':');\n"
                            + "        appendPadded(text, time.getMinute(), 2).append(':');\n"
                            + "        appendPadded(text, time.getSecond(), 2);\n"
                            + "        int micros = time.getNano() / 1_000;\n"
                            + "        if (micros != 0) {\n"
                            + "            appendPadded(text.append('.'), micros, 6);\n"
                            + "        }\n"
                            + "        return text.toString();\n")
                    .replace(CLIENT, "    /** Return the text the client sends at", ""
                            + "    private static StringBuilder appendPadded(StringBuilder text, int value, int width) {\n"
                            + "        String digits = Integer.toString(value);\n"
                            + "        for (int i = digits.length(); i < width; i++) {\n"
                            + "            text.append('0');\n"
                            + "        }\n"
                            + "        return text.append(digits);\n"
                            + "    }\n"
                            + "\n"
                            + "    /** Return the text the client sends at")
                    .replace(CLIENT, SEND_ONCE, ""
                            + "        try (DatagramSocket socket = openBroadcastSocket()) {\n"
                            + "            byte[] payload = encode(text);\n"
                            + "            socket.send(new DatagramPacket(payload, 0, payload.length, server.getAddress(), server.getPort()));\n"
                            + "        }\n")
                    .replace(SERVER, OPEN_SOCKET, ""
                            + "        DatagramSocket socket = new DatagramSocket(address);\n"
                            + "        try {\n"
                            + "            socket.setBroadcast(true);\n"
                            + "        } catch (SocketException e) {\n"
                            + "            socket.close();\n"
                            + "            throw e;\n"
                            + "        }\n"
                            + "        return socket;\n")
                    .replace(SERVER, DECODE, ""
                            + "        try {\n"
                            + "            return StandardCharsets.UTF_8.newDecoder()\n"
                            + "                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)\n"
                            + "                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)\n"
                            + "                    .decode(java.nio.ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength()))\n"
                            + "                    .toString();\n"
                            + "        } catch (java.nio.charset.CharacterCodingException e) {\n"
                            + "            throw new IllegalStateException(\"a decoder that replaces does not throw\", e);\n"
                            + "        }\n")
                    .replace(SERVER, FORMAT_LINE, ""
                            + "        return new StringBuilder(\"('\").append(source.getAddress().getHostAddress()).append(\"', \")\n"
                            + "                .append(source.getPort()).append(\") \").append(text).toString();\n")
                    .replace(SERVER, SERVE, ""
                            + "        for (long served = 0; ; served++) {\n"
                            + "            if (served >= limit) {\n"
                            + "                return served;\n"
                            + "            }\n"
                            + "            DatagramPacket packet;\n"
                            + "            try {\n"
                            + "                packet = receive(socket);\n"
                            + "            } catch (SocketException e) {\n"
                            + "                if (socket.isClosed()) {\n"
                            + "                    return served;\n"
                            + "                }\n"
                            + "                throw e;\n"
                            + "            }\n"
                            + "            out.println(formatLine((InetSocketAddress) packet.getSocketAddress(), decode(packet)));\n"
                            + "        }\n"),

            good("Charsets by name and %tT", "the timestamp with `String.format`'s `%tF %<tT` and `%06d`, `encode` and"
                    + " `decode` naming `\"UTF-8\"` as a string (`UnsupportedEncodingException` handled), the packet's buffer"
                    + " sized by `BUFFER_SIZE` with an explicit offset of 0")
                    .replace(CLIENT, TIMESTAMP, ""
                            + "        int micros = time.getNano() / 1_000;\n"
                            + "        String seconds = String.format(Locale.ROOT, \"%tF %<tT\", time);\n"
                            + "        return micros == 0 ? seconds : String.format(Locale.ROOT, \"%s.%06d\", seconds, micros);\n")
                    .replace(CLIENT, ENCODE, ""
                            + "        try {\n"
                            + "            return text.getBytes(\"UTF-8\");\n"
                            + "        } catch (java.io.UnsupportedEncodingException e) {\n"
                            + "            throw new IllegalStateException(\"every Java platform has UTF-8\", e);\n"
                            + "        }\n")
                    .replace(SERVER, RECEIVE, ""
                            + "        DatagramPacket packet = new DatagramPacket(new byte[BUFFER_SIZE], 0, BUFFER_SIZE);\n"
                            + "        socket.receive(packet);\n"
                            + "        return packet;\n")
                    .replace(SERVER, DECODE, ""
                            + "        try {\n"
                            + "            return new String(packet.getData(), packet.getOffset(), packet.getLength(), \"UTF-8\");\n"
                            + "        } catch (java.io.UnsupportedEncodingException e) {\n"
                            + "            throw new IllegalStateException(\"every Java platform has UTF-8\", e);\n"
                            + "        }\n"));

    private static Cohorts.Graded graded;

    @BeforeAll
    static void gradeEveryAlternativeAsOneCohort() throws Exception {
        graded = Cohorts.grade("known-good", ALTERNATIVES.stream().map(Alternative::variant).toList());
    }

    @TestFactory
    @DisplayName("each correct alternative passes every check and scores 100 %")
    Stream<DynamicTest> eachAlternativePassesEveryCheck() {
        double max = Rubric.read(Cohorts.KIT.resolve("test-harness/rubric.txt")).maxScore();
        return ALTERNATIVES.stream().map(alternative -> dynamicTest("'" + alternative.name() + "' passes every check", () -> {
            StudentResult result = graded.of(alternative.variant().name());
            String who = "'" + alternative.name() + "'";
            assertEquals("graded", result.status(), () -> who + " was not graded (is the fixture valid Java?): " + result.reason());
            List<String> notPassed = result.checks().stream().filter(s -> s.check().status() != Outcome.PASSED)
                    .map(s -> s.check().key() + " " + s.check().status() + ": " + s.check().message()).toList();
            assertEquals(List.of(), notPassed, () -> who + " is correct but did not pass every check");
            assertEquals(max, result.score(), 1e-9, () -> who + " is correct but lost points");
        }));
    }

    @Test
    @DisplayName("docs/checks.md lists every known-good submission")
    void theDesignDocumentListsTheFixtures() throws Exception {
        FixtureTable.requireDocumented("known-good", table());
    }

    /** The Markdown table of the alternatives. */
    static String table() {
        List<List<String>> rows = new ArrayList<>();
        ALTERNATIVES.forEach(a -> rows.add(List.of(a.name(), a.how())));
        return FixtureTable.table(List.of("submission", "written differently"), rows);
    }

    private static Alternative good(String name, String how) {
        return new Alternative(name, how, Variant.ofSolution("good-" + FixtureTable.slug(name)));
    }
}
