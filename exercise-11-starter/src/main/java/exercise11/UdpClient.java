package exercise11;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/** Send {@code ATU <date-time>} to the server once a second, as the lesson's {@code udp_client.py} does. */
public final class UdpClient {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: UdpClient [--host IPv4] [--port PORT] [--count N] [--interval-ms MS]",
            "  --host IPv4        where to send (default: SERVER_UDP_IPv4 in settings/udp.properties)",
            "  --port PORT        the server's port, 1-65535 (default: SERVER_PORT)",
            "  --count N          send N datagrams, then exit (default: until stopped with Ctrl+C)",
            "  --interval-ms MS   pause between datagrams (default: 1000)",
            "  --help             print this text",
            "");

    private static final DateTimeFormatter DATE_AND_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private UdpClient() {
    }

    /** Format {@code time} exactly as Python's {@code str(datetime)}: {@code 2026-11-23 19:05:07.578088}. */
    public static String pythonTimestamp(LocalDateTime time) {
        // TODO 1: format the date-time like Python's str(datetime), e.g. "2026-11-23 19:05:07.578088": six digits of microseconds, and no fraction at all when the microseconds are 0
        throw new UnsupportedOperationException("TODO 1: format the date-time like Python's str(datetime), e.g. \"2026-11-23 19:05:07.578088\": six digits of microseconds, and no fraction at all when the microseconds are 0");
    }

    /** Return the text the client sends at {@code time}: {@code ATU } and the Python timestamp. */
    public static String messageText(LocalDateTime time) {
        return "ATU " + pythonTimestamp(time);
    }

    /** Encode {@code text} as the bytes that go on the wire. */
    public static byte[] encode(String text) {
        // TODO 2: encode the text as UTF-8, whatever the platform's default charset is
        throw new UnsupportedOperationException("TODO 2: encode the text as UTF-8, whatever the platform's default charset is");
    }

    /** Open a new unbound UDP socket that may send to broadcast addresses. */
    public static DatagramSocket openBroadcastSocket() throws SocketException {
        // TODO 3: create a DatagramSocket and switch SO_BROADCAST on, as the lesson's setsockopt(SOL_SOCKET, SO_BROADCAST, 1) does (Java's socket has it on already; a DatagramChannel's starts off)
        throw new UnsupportedOperationException("TODO 3: create a DatagramSocket and switch SO_BROADCAST on, as the lesson's setsockopt(SOL_SOCKET, SO_BROADCAST, 1) does (Java's socket has it on already; a DatagramChannel's starts off)");
    }

    /** Send {@code text} as one datagram to {@code server} from a socket opened and closed for this datagram only. */
    public static void sendOnce(InetSocketAddress server, String text) throws IOException {
        // TODO 4: with a socket from openBroadcastSocket() in try-with-resources, send encode(text) as one datagram to the server
        throw new UnsupportedOperationException("TODO 4: with a socket from openBroadcastSocket() in try-with-resources, send encode(text) as one datagram to the server");
    }

    /** Run the client with command-line {@code args}, printing to {@code out} and {@code err}; return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InetSocketAddress server;
        long count;
        long intervalMs;
        try {
            Cli cli = Cli.parse(args, Set.of("--host", "--port", "--count", "--interval-ms"));
            if (cli.helpRequested()) {
                out.print(USAGE);
                return Cli.OK;
            }
            Settings settings = Settings.load();
            server = new InetSocketAddress(cli.host(settings.serverAddress()), cli.port(settings.serverPort(), 1));
            count = cli.number("--count", Cli.FOREVER, 1);
            intervalMs = cli.number("--interval-ms", 1000, 0);
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, e.getMessage(), USAGE);
        }
        String where = server.getAddress().getHostAddress() + ":" + server.getPort();
        out.println("UDP client: sending 'ATU <date-time>' to " + where
                + (count == Cli.FOREVER ? " every " + intervalMs + " ms until stopped (Ctrl+C)." : ", " + count + " time(s)."));
        out.println("Each datagram leaves from a fresh socket; nothing tells the client whether anyone received it.");
        try {
            for (long sent = 0; sent < count; sent++) {
                String text = messageText(LocalDateTime.now());
                sendOnce(server, text);
                out.println("Sent " + text);
                if (sent + 1 < count) {
                    Thread.sleep(intervalMs);
                }
            }
        } catch (IOException e) {
            err.println("error: " + Cli.explain(e, server));
            return Cli.RUNTIME_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Cli.OK;
    }

    /** Start the client from a terminal; see {@link #USAGE} for the options. */
    public static void main(String[] args) {
        System.exit(run(args, Cli.utf8Stdout(), Cli.utf8Stderr()));
    }
}
