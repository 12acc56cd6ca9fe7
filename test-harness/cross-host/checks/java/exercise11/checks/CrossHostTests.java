package exercise11.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.UdpClient;
import exercise11.UdpServer;
import exercise11.harness.Bounds;
import exercise11.harness.Loopback;
import exercise11.harness.containers.ContainerProgram;
import exercise11.harness.containers.CrossHostChecks;
import exercise11.harness.containers.Host;
import exercise11.harness.containers.Lab;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The programs on separate machines: each host is a Docker container with its own network stack, on a network made
 * for the check alone. Nothing here talks to any address but the hosts' own.
 */
@CrossHostChecks
@DisplayName("Across hosts (Docker): your programs on separate machines of a network of their own")
class CrossHostTests {

    private static final Duration WAIT = Bounds.containerEvent();
    private static final String PORT = "2323";
    private static final Pattern SENT = Pattern.compile("Sent (ATU \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?)");
    private static final String SERVER = "exercise11.UdpServer";
    private static final String CLIENT = "exercise11.UdpClient";

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @DisplayName("client and server on two hosts: the server prints each text with the client host's address, not 127.0.0.1")
    void deliveryAcrossHosts() throws Exception {
        reachServerStubs();
        reachClientStubs();
        try (Lab lab = Lab.open("delivery")) {
            List<Host> hosts = lab.hosts("server", "client");
            Host serverHost = hosts.get(0);
            Host clientHost = hosts.get(1);
            ContainerProgram server = serverHost.run(SERVER, "--host", serverHost.address(), "--port", PORT, "--count", "3");
            awaitListening(server, serverHost.address());
            ContainerProgram client = clientHost.run(CLIENT, "--host", serverHost.address(), "--port", PORT,
                    "--count", "3", "--interval-ms", "20");
            assertEquals(0, client.awaitExit(WAIT), () -> "The client should exit 0 after --count 3.\n" + client.transcript());
            List<String> sent = sentTexts(client, 3);
            assertEquals(0, server.awaitExit(WAIT), () -> "The server should exit 0 after --count 3 datagrams.\n" + server.transcript());
            List<String> printed = datagramLines(server);
            assertEquals(3, printed.size(), () -> "The server should print one line per datagram, 3 in all.\n" + server.transcript());
            for (int i = 0; i < 3; i++) {
                String line = printed.get(i);
                String expected = "('" + clientHost.address() + "', <port>) " + sent.get(i);
                assertTrue(line.matches("\\('" + Pattern.quote(clientHost.address()) + "', \\d+\\) " + Pattern.quote(sent.get(i))),
                        () -> "The client ran on host 'client' (" + clientHost.address() + "), so the server should print "
                                + expected + " but printed " + line + ". The address comes from the received packet"
                                + " (TODO 9 hands packet.getSocketAddress() to TODO 8), never from a fixed 127.0.0.1.\n"
                                + server.transcript());
            }
        }
    }

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @DisplayName("nothing listens on the other host: your client still exits 0, while a connected socket hears 'port unreachable'")
    void nobodyListensOnTheOtherHost() throws Exception {
        reachClientStubs();
        try (Lab lab = Lab.open("no-listener")) {
            List<Host> hosts = lab.hosts("quiet", "client");
            Host quiet = hosts.get(0);
            Host clientHost = hosts.get(1);
            // The probe goes first: host 'quiet' answers each peer with a few ICMP messages at once, then one a second.
            ContainerProgram probe = clientHost.probe("connected", quiet.address(), PORT, "3", "1000");
            assertEquals(0, probe.awaitExit(WAIT), probe::transcript);
            assertEquals("unreachable", resultOf(probe), () -> "A connected socket on host 'client' sending to "
                    + quiet.address() + ":" + PORT + ", where nothing listens, should get a PortUnreachableException from"
                    + " the ICMP 'port unreachable' that host 'quiet' sends back. This is the test set-up, not your code.\n"
                    + probe.transcript());
            ContainerProgram client = clientHost.run(CLIENT, "--host", quiet.address(), "--port", PORT,
                    "--count", "3", "--interval-ms", "20");
            assertEquals(0, client.awaitExit(WAIT), () -> "Nothing listens on " + quiet.address() + ":" + PORT
                    + ", yet the client should exit 0: its socket is not connected, so the ICMP 'port unreachable' that comes"
                    + " back is never reported to it (TODO 4: send from a socket of openBroadcastSocket(), never connect it).\n"
                    + client.transcript());
            sentTexts(client, 3);
        }
    }

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @DisplayName("the server's host has a firewall that drops UDP: the client still exits 0, the server hears nothing, no ICMP comes back")
    void firewallThatDropsLeavesOnlySilence() throws Exception {
        reachServerStubs();
        reachClientStubs();
        try (Lab lab = Lab.open("firewall")) {
            List<Host> hosts = lab.hostsWithFirewallOn("server", "client");
            Host serverHost = hosts.get(0);
            Host clientHost = hosts.get(1);
            ContainerProgram server = serverHost.run(SERVER, "--host", serverHost.address(), "--port", PORT, "--count", "1");
            awaitListening(server, serverHost.address());
            serverHost.dropIncomingUdp();

            String closedPort = "2324";
            ContainerProgram silent = clientHost.probe("connected", serverHost.address(), closedPort, "2", "500");
            ContainerProgram client = clientHost.run(CLIENT, "--host", serverHost.address(), "--port", PORT,
                    "--count", "2", "--interval-ms", "20");
            assertEquals(0, client.awaitExit(WAIT), () -> "The firewall of host 'server' drops the datagrams, but the client"
                    + " cannot know: it should send and exit 0 as usual.\n" + client.transcript());
            sentTexts(client, 2);
            assertEquals(0, silent.awaitExit(WAIT), silent::transcript);
            assertEquals("silence", resultOf(silent), () -> "Through a firewall that drops, nothing at all should come back"
                    + " to a connected socket, not even ICMP 'port unreachable' from " + serverHost.address() + ":" + closedPort
                    + ". This is the test set-up, not your code.\n" + silent.transcript());
            long dropped = serverHost.droppedUdpDatagrams();
            assertTrue(dropped >= 4, () -> "The firewall's counter should show the 2 datagrams of the client and the 2 of the"
                    + " probe, but shows " + dropped + ". This is the test set-up, not your code.");
            assertEquals(List.of(), datagramLines(server), () -> "The firewall dropped every datagram, so the server should"
                    + " have printed none (TODO 9 prints only what receive() returns).\n" + server.transcript());

            // The control: without the rule, the same probe hears the refusal and the waiting server gets the next datagram.
            serverHost.allowIncomingUdp();
            ContainerProgram heard = clientHost.probe("connected", serverHost.address(), closedPort, "3", "1000");
            assertEquals(0, heard.awaitExit(WAIT), heard::transcript);
            assertEquals("unreachable", resultOf(heard), () -> "With the firewall's rule removed, a connected socket should"
                    + " hear ICMP 'port unreachable' again. This is the test set-up, not your code.\n" + heard.transcript());
            ContainerProgram again = clientHost.run(CLIENT, "--host", serverHost.address(), "--port", PORT, "--count", "1");
            assertEquals(0, again.awaitExit(WAIT), again::transcript);
            String text = sentTexts(again, 1).get(0);
            assertEquals(0, server.awaitExit(WAIT), () -> "Once the firewall let UDP through, the server (--count 1) should"
                    + " receive the next datagram and exit 0.\n" + server.transcript());
            List<String> printed = datagramLines(server);
            assertEquals(List.of("('" + clientHost.address() + "', <port>) " + text),
                    printed.stream().map(l -> l.replaceFirst(", \\d+\\) ", ", <port>) ")).toList(),
                    () -> "After the firewall opened, the server should print exactly the one datagram sent then (TODO 8, TODO 9).\n"
                            + server.transcript());
        }
    }

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @DisplayName("a network that loses datagrams at random: the client still exits 0, and each datagram is either printed"
            + " by the server, in order, or counted as lost on the way")
    void lossyNetworkLosesWithoutTelling() throws Exception {
        reachServerStubs();
        reachClientStubs();
        int count = 60;
        try (Lab lab = Lab.open("lossy")) {
            List<Host> hosts = lab.hostsWithFirewallOn("server", "client");
            Host serverHost = hosts.get(0);
            Host clientHost = hosts.get(1);
            ContainerProgram server = serverHost.run(SERVER, "--host", serverHost.address(), "--port", PORT);
            awaitListening(server, serverHost.address());
            // About 3 in 10 lost on the way in; all 60 arrive, or none, with a chance below one in a billion.
            serverHost.dropIncomingUdpAtRandom("0.3");
            ContainerProgram client = clientHost.run(CLIENT, "--host", serverHost.address(), "--port", PORT,
                    "--count", Integer.toString(count), "--interval-ms", "5");
            assertEquals(0, client.awaitExit(WAIT), () -> "The network loses some datagrams, but the client cannot know: it"
                    + " should send all " + count + " and exit 0 as usual.\n" + client.transcript());
            List<String> sent = sentTexts(client, count);
            long lost = serverHost.droppedUdpDatagrams();
            assertTrue(lost > 0 && lost < count, () -> "The filter should have dropped some of the " + count + " datagrams at"
                    + " random, not " + lost + ". This is the test set-up, not your code.");
            int expected = (int) (count - lost);
            // the server prints what got through: wait for the last of those lines
            server.awaitLine(expected + " datagram lines", line -> datagramLines(server).size() >= expected, WAIT);
            List<String> printed = datagramLines(server).stream().map(l -> l.replaceFirst("^\\('[^']*', \\d+\\) ", "")).toList();
            assertEquals(expected, printed.size(), () -> "Of " + count + " datagrams the network lost " + lost + ", so the"
                    + " server should print the other " + expected + ", one line each (TODO 9).\n" + server.transcript());
            int next = 0;
            for (String text : printed) {
                while (next < sent.size() && !sent.get(next).equals(text)) {
                    next++;
                }
                assertTrue(next < sent.size(), () -> "The server printed '" + text + "', which is not one of the client's"
                        + " texts in the order sent (TODO 7, TODO 9).\n" + server.transcript());
                next++;
            }
        }
    }

    @Test
    @Tag("todo-1") @Tag("todo-2") @Tag("todo-3") @Tag("todo-4")
    @Tag("todo-5") @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    @DisplayName("broadcast: with SO_BROADCAST one datagram to the network's broadcast address reaches servers on two hosts; without it the send is refused")
    void broadcastReachesEveryHost() throws Exception {
        reachServerStubs();
        reachClientStubs();
        try (Lab lab = Lab.open("broadcast")) {
            List<Host> hosts = lab.hosts("server-a", "server-b", "client");
            Host clientHost = hosts.get(2);
            // Not 2323: the machine running the checks also sits on this network, and may have a server of its own on 2323.
            String port = String.valueOf(ThreadLocalRandom.current().nextInt(40_000, 50_000));
            String broadcast = lab.broadcastAddress();
            List<ContainerProgram> servers = hosts.subList(0, 2).stream()
                    .map(h -> h.run(SERVER, "--host", "0.0.0.0", "--port", port, "--count", "1")).toList();
            servers.forEach(s -> awaitListening(s, "0.0.0.0"));
            ContainerProgram client = clientHost.run(CLIENT, "--host", broadcast, "--port", port, "--count", "1");
            assertEquals(0, client.awaitExit(WAIT), () -> "Sending to the network's broadcast address " + broadcast
                    + " should work and exit 0. 'Permission denied' means the socket's SO_BROADCAST is off"
                    + " (TODO 3: setBroadcast(true) in openBroadcastSocket; TODO 4 must send from that socket).\n" + client.transcript());
            String text = sentTexts(client, 1).get(0);
            for (int i = 0; i < 2; i++) {
                ContainerProgram server = servers.get(i);
                String host = hosts.get(i).name();
                assertEquals(0, server.awaitExit(WAIT), () -> "The server on host '" + host + "' (bound to 0.0.0.0:" + port
                        + ") should receive the datagram sent to " + broadcast + " and exit 0 after --count 1.\n" + server.transcript());
                assertEquals(List.of("('" + clientHost.address() + "', <port>) " + text),
                        datagramLines(server).stream().map(l -> l.replaceFirst(", \\d+\\) ", ", <port>) ")).toList(),
                        () -> "The server on host '" + host + "' should print the broadcast datagram with the client host's"
                                + " address (TODO 8, TODO 9).\n" + server.transcript());
            }
            ContainerProgram refused = clientHost.probe("broadcast", broadcast, port, "off", "ATU without SO_BROADCAST");
            assertEquals(0, refused.awaitExit(WAIT), refused::transcript);
            assertTrue(refused.stdout().stream().anyMatch(l -> l.startsWith("refused: ") && l.contains("Permission denied")),
                    () -> "A socket with SO_BROADCAST off should be refused ('Permission denied') when it sends to " + broadcast
                            + ". This is the test set-up, not your code.\n" + refused.transcript());
        }
    }

    /**
     * Call, in this JVM, the first methods the server runs in its host. A TODO that is still a stub then makes the
     * check pending at once, instead of after its hosts have started; the hosts would report the same stub.
     */
    private static void reachServerStubs() throws SocketException {
        UdpServer.openSocket(new InetSocketAddress(Loopback.LOCALHOST, 0)).close();
    }

    /** Call, in this JVM, the first methods the client runs in its host (see {@link #reachServerStubs()}). */
    private static void reachClientStubs() throws SocketException {
        UdpClient.encode(UdpClient.messageText(LocalDateTime.now()));
        UdpClient.openBroadcastSocket().close();
    }

    private static void awaitListening(ContainerProgram server, String address) {
        server.awaitLine("'Listening on " + address + ":<port>'", l -> l.startsWith("Listening on " + address + ":"), WAIT);
    }

    private static List<String> datagramLines(ContainerProgram server) {
        return server.stdout().stream().filter(l -> l.startsWith("(")).toList();
    }

    private static List<String> sentTexts(ContainerProgram client, int count) {
        List<String> sent = client.stdout().stream().map(SENT::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
        assertEquals(count, sent.size(), () -> "The client should print 'Sent ATU <YYYY-MM-DD HH:MM:SS[.ffffff]>' " + count
                + " times (TODO 1, TODO 4).\n" + client.transcript());
        return sent;
    }

    private static String resultOf(ContainerProgram probe) {
        return probe.stdout().stream().filter(l -> l.startsWith("result: ")).map(l -> l.substring(8)).findFirst().orElse("none");
    }
}
