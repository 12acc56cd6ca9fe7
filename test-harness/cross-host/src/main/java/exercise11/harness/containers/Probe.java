package exercise11.harness.containers;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The checks' own program inside a host container: it uses only {@code java.base} and is copied into every host as
 * one class file, so it must stay a single top-level class (no nested or anonymous classes).
 *
 * <p>Modes, given as the first argument:
 * <ul>
 *   <li>{@code idle}: the host's first process; prints {@code host ready} and waits until the host is removed.</li>
 *   <li>{@code connected IP PORT TRIES TIMEOUT_MS}: a <em>connected</em> socket sends a datagram and waits for an
 *       answer, up to TRIES times, stopping at the first {@link PortUnreachableException}. Prints one line per try
 *       ({@code try 1: port unreachable}, {@code try 1: silence for 500 ms}, {@code try 1: reply ...}) and a last
 *       line {@code result: unreachable|silence|reply}.</li>
 *   <li>{@code broadcast IP PORT on|off TEXT}: sends TEXT from a socket whose SO_BROADCAST is as given; prints
 *       {@code sent} or {@code refused: <exception>}.</li>
 *   <li>{@code report}: prints what a program sees of its sandbox, as {@code key=value} lines.</li>
 *   <li>{@code exit CODE TEXT}: prints TEXT on standard output and on standard error, and exits with CODE.</li>
 * </ul>
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "idle" -> idle();
            case "connected" -> connected(address(args[1], args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "broadcast" -> broadcast(address(args[1], args[2]), args[3].equals("on"), args[4]);
            case "report" -> report();
            case "exit" -> {
                System.out.println(args[2]);
                System.err.println(args[2]);
                System.exit(Integer.parseInt(args[1]));
            }
            default -> {
                System.err.println("usage: Probe idle | connected IP PORT TRIES TIMEOUT_MS | broadcast IP PORT on|off TEXT"
                        + " | report | exit CODE TEXT");
                System.exit(2);
            }
        }
    }

    private static void idle() throws InterruptedException {
        System.out.println("host ready");
        Thread.currentThread().join(); // until the container is stopped
    }

    private static void connected(InetSocketAddress target, int tries, int timeoutMs) throws IOException {
        String result = "silence";
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(target);
            socket.setSoTimeout(timeoutMs);
            for (int i = 1; i <= tries && result.equals("silence"); i++) {
                byte[] text = ("probe " + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                try {
                    socket.send(new DatagramPacket(text, text.length));
                    DatagramPacket answer = new DatagramPacket(new byte[1024], 1024);
                    socket.receive(answer);
                    System.out.println("try " + i + ": reply from " + answer.getSocketAddress());
                    result = "reply";
                } catch (PortUnreachableException e) {
                    System.out.println("try " + i + ": port unreachable after " + (System.nanoTime() - start) / 1_000_000
                            + " ms (" + e + ")");
                    result = "unreachable";
                } catch (SocketTimeoutException e) {
                    System.out.println("try " + i + ": silence for " + timeoutMs + " ms");
                }
            }
        }
        System.out.println("result: " + result);
    }

    private static void broadcast(InetSocketAddress target, boolean on, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(on);
            socket.send(new DatagramPacket(payload, payload.length, target));
            System.out.println("sent");
        } catch (IOException e) {
            System.out.println("refused: " + e);
        }
    }

    private static void report() throws IOException {
        List<String> interfaces = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            interfaces.add(nic.getName());
        }
        Collections.sort(interfaces);
        System.out.println("interfaces=" + String.join(",", interfaces));
        System.out.println("root.writable=" + canWrite(Path.of("/probe-write-test")));
        System.out.println("tmp.writable=" + canWrite(Path.of("/tmp/probe-write-test")));
        System.out.println("uid=" + statusField("Uid:"));
        System.out.println("processors=" + Runtime.getRuntime().availableProcessors());
        // cgroup v2 first, then v1
        System.out.println("memory.max=" + firstReadable("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"));
        System.out.println("pids.max=" + firstReadable("/sys/fs/cgroup/pids.max", "/sys/fs/cgroup/pids/pids.max"));
        System.out.println("cpu.max=" + firstReadable("/sys/fs/cgroup/cpu.max", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
                + (Files.isReadable(Path.of("/sys/fs/cgroup/cpu.max")) ? ""
                        : " " + firstReadable("/sys/fs/cgroup/cpu/cpu.cfs_period_us")));
    }

    private static boolean canWrite(Path file) {
        try {
            Files.writeString(file, "x");
            Files.delete(file);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim().split("\\s+")[0];
            }
        }
        return "?";
    }

    private static String firstReadable(String... files) {
        for (String file : files) {
            try {
                return Files.readString(Path.of(file)).trim();
            } catch (IOException e) {
                // try the next one
            }
        }
        return "?";
    }

    private static InetSocketAddress address(String ip, String port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), Integer.parseInt(port)); // a literal: no lookup
    }
}
