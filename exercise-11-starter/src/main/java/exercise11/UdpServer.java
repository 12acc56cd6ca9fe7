package exercise11;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Set;

/** Print every datagram that arrives, as the lesson's {@code udp_server.py} does. */
public final class UdpServer {

    /** Size of the receive buffer; longer datagrams arrive cut to this many bytes. */
    public static final int BUFFER_SIZE = 1024;

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: UdpServer [--host IPv4] [--port PORT] [--count N]",
            "  --host IPv4   address to listen on; 0.0.0.0 for every interface (default: SERVER_UDP_IPv4)",
            "  --port PORT   port to listen on, 0-65535; 0 picks a free one (default: SERVER_PORT)",
            "  --count N     exit after N datagrams (default: until stopped with Ctrl+C)",
            "  --help        print this text",
            "");

    private UdpServer() {
    }

    /** Open a UDP socket with SO_BROADCAST on, bound to {@code address}. */
    public static DatagramSocket openSocket(InetSocketAddress address) throws SocketException {
        // TODO 5: create a DatagramSocket, switch SO_BROADCAST on before bind as the lesson does (Java's socket has it on already), and bind it to the address
        throw new UnsupportedOperationException("TODO 5: create a DatagramSocket, switch SO_BROADCAST on before bind as the lesson does (Java's socket has it on already), and bind it to the address");
    }

    /** Wait for the next datagram on {@code socket} and return it, cut to {@link #BUFFER_SIZE} bytes. */
    public static DatagramPacket receive(DatagramSocket socket) throws IOException {
        // TODO 6: receive one datagram into a new packet whose buffer holds BUFFER_SIZE (1024) bytes
        throw new UnsupportedOperationException("TODO 6: receive one datagram into a new packet whose buffer holds BUFFER_SIZE (1024) bytes");
    }

    /** Decode the bytes that {@code packet} received as UTF-8, invalid bytes becoming U+FFFD. */
    public static String decode(DatagramPacket packet) {
        // TODO 7: decode only the bytes received (the packet's offset and length, not the whole buffer) as UTF-8
        throw new UnsupportedOperationException("TODO 7: decode only the bytes received (the packet's offset and length, not the whole buffer) as UTF-8");
    }

    /** Format one line of output exactly as Python's {@code print(addr, data)}: {@code ('127.0.0.1', 54321) text}. */
    public static String formatLine(InetSocketAddress source, String text) {
        // TODO 8: build the text of Python's print(addr, data): the address tuple ('127.0.0.1', 54321), one space, then the text
        throw new UnsupportedOperationException("TODO 8: build the text of Python's print(addr, data): the address tuple ('127.0.0.1', 54321), one space, then the text");
    }

    /**
     * Receive, decode and print datagrams to {@code out} until {@code limit} have arrived or the socket is closed.
     *
     * @return how many datagrams were printed
     */
    public static long serve(DatagramSocket socket, PrintStream out, long limit) throws IOException {
        // TODO 9: loop until limit datagrams are printed: receive, decode, print formatLine(...); return the count when the socket is closed
        throw new UnsupportedOperationException("TODO 9: loop until limit datagrams are printed: receive, decode, print formatLine(...); return the count when the socket is closed");
    }

    /** Run the server with command-line {@code args}, printing to {@code out} and {@code err}; return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InetSocketAddress address;
        long count;
        try {
            Cli cli = Cli.parse(args, Set.of("--host", "--port", "--count"));
            if (cli.helpRequested()) {
                out.print(USAGE);
                return Cli.OK;
            }
            Settings settings = Settings.load();
            address = new InetSocketAddress(cli.host(settings.serverAddress()), cli.port(settings.serverPort(), 0));
            count = cli.number("--count", Cli.FOREVER, 1);
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, e.getMessage(), USAGE);
        }
        out.println("UDP server: printing every datagram sent to " + address.getAddress().getHostAddress()
                + " as (address, port) and text.");
        out.println("Clients must send to this address: SERVER_UDP_IPv4 in settings/udp.properties, or --host.");
        try (DatagramSocket socket = openSocket(address)) {
            out.println("Listening on " + address.getAddress().getHostAddress() + ":" + socket.getLocalPort());
            serve(socket, out, count);
        } catch (IOException e) {
            err.println("error: " + Cli.explain(e, address));
            return Cli.RUNTIME_ERROR;
        }
        return Cli.OK;
    }

    /** Start the server from a terminal; see {@link #USAGE} for the options. */
    public static void main(String[] args) {
        System.exit(run(args, Cli.utf8Stdout(), Cli.utf8Stderr()));
    }
}
