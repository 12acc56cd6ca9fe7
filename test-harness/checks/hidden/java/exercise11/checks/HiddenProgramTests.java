package exercise11.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.harness.Bounds;
import exercise11.harness.JavaProgram;
import exercise11.harness.Loopback;
import exercise11.harness.Needs;
import exercise11.harness.Shown;
import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.RestsOn;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the rubric marks hidden: graded by the teacher's own run of {@code bin/grade}, never in the students'
 * repository (bin/export leaves this folder out), so a student cannot fit the work to them.
 */
@DisplayName("The programs, more checks")
@Order(9)
class HiddenProgramTests {

    @Test
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @Needs({UdpServerTests.OpenSocket.class, UdpServerTests.Serve.class})
    @RestsOn(Behaviour.LOOPBACK_BROADCAST)
    @DisplayName("a server on 0.0.0.0 prints broadcast datagrams in UTF-8, whatever the locale, and survives bad bytes")
    void serverPrintsBroadcastsAsUtf8() throws Exception {
        try (JavaProgram server = JavaProgram.start("exercise11.UdpServer", "--host", "0.0.0.0", "--port", "0", "--count", "3");
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0))) {
            int port = ProgramTests.listeningPort(server, "0.0.0.0");
            sender.setBroadcast(true);
            InetSocketAddress broadcast = new InetSocketAddress(Loopback.BROADCAST, port);
            for (byte[] payload : List.of("héllo ✓ 😀".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 'x'}, new byte[0])) {
                sender.send(new DatagramPacket(payload, payload.length, broadcast));
            }
            assertEquals(0, server.awaitExit(Bounds.event()), () -> "TODO 9: the server should exit 0 after --count 3.\n"
                    + server.transcript());
            String from = "('127.0.0.1', " + sender.getLocalPort() + ") ";
            List<String> expected = List.of(from + "héllo ✓ 😀", from + "\uFFFDx", from);
            List<String> printed = server.stdout().stream().filter(l -> l.startsWith("(")).toList();
            assertTrue(expected.equals(printed), () -> "TODO 9: sent 'héllo ✓ 😀', bytes ff 78, and an empty datagram to"
                    + " 127.255.255.255:" + port + "; the server must print them as decode gives them, in UTF-8 even when the"
                    + " platform charset is not, with U+FFFD for the bad byte: expected " + Shown.lines(expected) + ".\n"
                    + server.transcript());
        }
    }
}
