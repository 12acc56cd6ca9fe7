/*
 * Exercise 11 demo: the lesson's client, but with a *connected* socket.
 *
 * Run it from the folder that holds docs/ (the kit's root, or your exercise repository's root), no build
 * needed (JDK 17+):
 *
 *     java docs/demos/ConnectedClient.java            # 127.0.0.1:2323, three datagrams
 *     java docs/demos/ConnectedClient.java 2424       # another port
 *     java docs/demos/ConnectedClient.java 2323 127.0.0.1 5
 *
 * Arguments, all optional and in this order: port (default 2323), IPv4 address (default 127.0.0.1),
 * how many datagrams (default 3).
 *
 * Like exercise11.UdpClient it sends "ATU <date-time>" and cannot tell whether anybody read it. Unlike it, the
 * socket is connect()ed to the server's address, so the kernel passes on to it the ICMP "port unreachable"
 * message that comes back when nothing listens there: Java raises it as a PortUnreachableException on the
 * next call on the socket (here, the receive that follows each send). After each send the demo waits up to
 * two seconds and says which of four things happened:
 *
 *   - PortUnreachableException: the datagram arrived and nothing was bound to the port.
 *   - silence (a receive timeout): a program received the datagram and did not answer (the lesson's server
 *     never answers), or a firewall dropped the datagram or the ICMP message. Silence cannot tell these apart.
 *   - another SocketException, such as NoRouteToHostException: some other ICMP error came back, for example
 *     from a firewall rule that rejects with "administratively prohibited".
 *   - a datagram: something at that address answered.
 *
 * Exit code: 0 when every datagram was sent, 1 when a send itself failed.
 */

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

public class ConnectedClient {

    private static final int WAIT_MS = 2_000;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2323;
        InetAddress host = InetAddress.getByName(args.length > 1 ? args[1] : "127.0.0.1");
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        InetSocketAddress server = new InetSocketAddress(host, port);
        String where = host.getHostAddress() + ":" + port;

        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);            // as the lesson's client does
            socket.connect(server);               // the one difference: the kernel now reports errors to us
            socket.setSoTimeout(WAIT_MS);         // never wait for ever
            System.out.println("Connected client: local " + socket.getLocalAddress().getHostAddress() + ":"
                    + socket.getLocalPort() + " -> " + where + " (this one socket sends all the datagrams, so they all leave from the same source port)");
            for (int i = 0; i < count; i++) {
                String text = "ATU " + TIMESTAMP.format(LocalDateTime.now());
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                try {
                    socket.send(new DatagramPacket(bytes, bytes.length));
                } catch (IOException e) {
                    System.out.println("send failed: " + e);
                    System.exit(1);
                }
                System.out.println("Sent " + text);
                System.out.println("  " + listen(socket, where));
            }
        }
    }

    /** Wait for what comes back after a send and describe it in one line. */
    private static String listen(DatagramSocket socket, String where) throws IOException {
        DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
        try {
            socket.receive(reply);
            return "answer from " + where + ": "
                    + new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        } catch (PortUnreachableException e) {
            return "PortUnreachableException: the kernel got ICMP 'port unreachable', nothing listens on " + where;
        } catch (SocketTimeoutException e) {
            return "silence for " + WAIT_MS + " ms: a listener that never answers, or a firewall that drops";
        } catch (SocketException e) {
            return e.getClass().getSimpleName() + ": another ICMP error came back (" + e.getMessage()
                    + "), e.g. from a firewall that rejects";
        }
    }
}
