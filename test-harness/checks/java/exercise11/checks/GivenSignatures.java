package exercise11.checks;

import exercise11.Cli;
import exercise11.Settings;
import exercise11.UdpClient;
import exercise11.UdpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.LocalDateTime;
import java.util.Properties;
import java.util.Set;

/**
 * THE GIVEN SIGNATURES MUST STAY AS GIVEN.
 *
 * <p>If the build stops at this file ({@code given-signatures-must-stay-as-given}), you changed the name, the
 * parameters, the return type or the {@code throws} clause of a public class, method, constructor or constant that
 * the starter gave you. The line the compiler names below uses that one signature exactly as it is given: put yours
 * back as the starter has it (the checks call it that way), and write your code inside the method instead.
 *
 * <p>Your build compiles this file before the checks, so that this is what you read first, not an error in a check's
 * file. Nothing here runs. Each method uses one given signature: its parameters' and result's types, and exactly the
 * checked exceptions it declares (a {@code catch} of an exception the method no longer throws does not compile either).
 */
final class GivenSignatures {

    private GivenSignatures() {
    }

    // ---- UdpClient ----

    static String udpClientPythonTimestamp(LocalDateTime time) {
        return UdpClient.pythonTimestamp(time);
    }

    static String udpClientMessageText(LocalDateTime time) {
        return UdpClient.messageText(time);
    }

    static byte[] udpClientEncode(String text) {
        return UdpClient.encode(text);
    }

    static DatagramSocket udpClientOpenBroadcastSocket() {
        try {
            return UdpClient.openBroadcastSocket(); // given: ... openBroadcastSocket() throws SocketException
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void udpClientSendOnce(InetSocketAddress target, String text) {
        try {
            UdpClient.sendOnce(target, text); // given: ... sendOnce(InetSocketAddress, String) throws IOException
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int udpClientRun(String[] args, PrintStream out, PrintStream err) {
        return UdpClient.run(args, out, err);
    }

    static void udpClientMain(String[] args) {
        UdpClient.main(args);
    }

    // ---- UdpServer ----

    static int udpServerBufferSize() {
        return UdpServer.BUFFER_SIZE;
    }

    static DatagramSocket udpServerOpenSocket(InetSocketAddress address) {
        try {
            return UdpServer.openSocket(address); // given: ... openSocket(InetSocketAddress) throws SocketException
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DatagramPacket udpServerReceive(DatagramSocket socket) {
        try {
            return UdpServer.receive(socket); // given: ... receive(DatagramSocket) throws IOException
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String udpServerDecode(DatagramPacket packet) {
        return UdpServer.decode(packet);
    }

    static String udpServerFormatLine(InetSocketAddress sender, String text) {
        return UdpServer.formatLine(sender, text);
    }

    static long udpServerServe(DatagramSocket socket, PrintStream out, long count) {
        try {
            return UdpServer.serve(socket, out, count); // given: ... serve(DatagramSocket, PrintStream, long) throws IOException
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int udpServerRun(String[] args, PrintStream out, PrintStream err) {
        return UdpServer.run(args, out, err);
    }

    static void udpServerMain(String[] args) {
        UdpServer.main(args);
    }

    // ---- Settings ----

    static Settings settings(Inet4Address serverAddress, Inet4Address clientAddress, int serverPort) {
        return new Settings(serverAddress, clientAddress, serverPort);
    }

    static Inet4Address settingsServerAddress(Settings settings) {
        return settings.serverAddress();
    }

    static Inet4Address settingsClientAddress(Settings settings) {
        return settings.clientAddress();
    }

    static int settingsServerPort(Settings settings) {
        return settings.serverPort();
    }

    static Settings settingsLoad() {
        return Settings.load();
    }

    static Settings settingsFrom(Properties properties) {
        return Settings.from(properties);
    }

    static Inet4Address settingsParseIPv4(String text) {
        return Settings.parseIPv4(text);
    }

    static int settingsParsePort(String text, int min) {
        return Settings.parsePort(text, min);
    }

    static String settingsKeys() {
        return Settings.RESOURCE + Settings.SERVER_ADDRESS_KEY + Settings.CLIENT_ADDRESS_KEY + Settings.SERVER_PORT_KEY;
    }

    // ---- Cli ----

    static Cli cliParse(String[] args, Set<String> options) {
        return Cli.parse(args, options);
    }

    static boolean cliHelpRequested(Cli cli) {
        return cli.helpRequested();
    }

    static Inet4Address cliHost(Cli cli, Inet4Address defaultHost) {
        return cli.host(defaultHost);
    }

    static int cliPort(Cli cli, int defaultPort, int min) {
        return cli.port(defaultPort, min);
    }

    static long cliNumber(Cli cli, String option, long defaultValue, long min) {
        return cli.number(option, defaultValue, min);
    }

    static int[] cliExitCodes() {
        return new int[] {Cli.OK, Cli.RUNTIME_ERROR, Cli.USAGE_ERROR};
    }

    static long cliForever() {
        return Cli.FOREVER;
    }

    static PrintStream cliStreams(boolean err) {
        return err ? Cli.utf8Stderr() : Cli.utf8Stdout();
    }

    static int cliUsageError(PrintStream err, String usage, String message) {
        return Cli.usageError(err, usage, message);
    }

    static String cliExplain(IOException error, InetSocketAddress address) {
        return Cli.explain(error, address);
    }

    static IllegalArgumentException cliUsageException(String message) {
        return new Cli.UsageException(message);
    }
}
