package exercise11;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Command-line scaffolding shared by {@link UdpClient} and {@link UdpServer}: options, exit codes, messages. */
public final class Cli {

    /** Exit code of a normal end. */
    public static final int OK = 0;
    /** Exit code of a failure at run time, such as a port already in use. */
    public static final int RUNTIME_ERROR = 1;
    /** Exit code of a mistake on the command line or in the settings file. */
    public static final int USAGE_ERROR = 2;
    /** The {@code --count} of a program that runs until it is stopped. */
    public static final long FOREVER = Long.MAX_VALUE;

    private final Map<String, String> values;
    private final boolean help;

    private Cli(Map<String, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    /** Parse {@code --name value} or {@code --name=value} pairs, accepting only {@code names} and {@code --help}. */
    public static Cli parse(String[] args, Set<String> names) {
        Map<String, String> values = new HashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!names.contains(name)) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            if (values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return new Cli(values, help);
    }

    /** Tell whether {@code --help} was given. */
    public boolean helpRequested() {
        return help;
    }

    /** Return {@code --host} as an IPv4 address, or {@code fallback} when it is absent. */
    public Inet4Address host(Inet4Address fallback) {
        String text = values.get("--host");
        return text == null ? fallback : checked("--host", () -> Settings.parseIPv4(text));
    }

    /** Return {@code --port} in {@code [min, 65535]}, or {@code fallback} when it is absent. */
    public int port(int fallback, int min) {
        String text = values.get("--port");
        return text == null ? fallback : checked("--port", () -> Settings.parsePort(text, min));
    }

    /** Return the positive number given for {@code name}, or {@code fallback} when it is absent. */
    public long number(String name, long fallback, long min) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " expects a whole number of at least " + min + ", got '" + text + "'");
    }

    /** Standard output encoded as UTF-8 and flushed at every line, whatever the platform's locale. */
    public static PrintStream utf8Stdout() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

    /** Standard error encoded as UTF-8 and flushed at every line. */
    public static PrintStream utf8Stderr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** Print a usage mistake and the usage text; return {@link #USAGE_ERROR}. */
    public static int usageError(PrintStream err, String message, String usage) {
        err.println("error: " + message);
        err.print(usage);
        return USAGE_ERROR;
    }

    /** Explain a socket failure at {@code where} in one line that says what to do about it. */
    public static String explain(IOException e, InetSocketAddress where) {
        String reason = String.valueOf(e.getMessage());
        String endpoint = where.getAddress().getHostAddress() + ":" + where.getPort();
        if (e instanceof BindException && reason.contains("Permission denied") && where.getPort() < 1024) {
            return "cannot bind " + endpoint + ": ports below 1024 are privileged (only root may bind them on Linux);"
                    + " use a port from 1024 up, e.g. --port 2323";
        }
        if (e instanceof BindException && reason.contains("in use")) {
            return "cannot bind " + endpoint + ": the port is already in use by another program;"
                    + " stop that program or choose another --port";
        }
        if (e instanceof BindException && reason.contains("assign")) {
            return "cannot bind " + endpoint + ": that address does not belong to this machine;"
                    + " use --host 127.0.0.1, or 0.0.0.0 for every interface";
        }
        return "socket error at " + endpoint + ": " + reason;
    }

    private static <T> T checked(String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " " + e.getMessage());
        }
    }

    /** A mistake on the command line, reported with exit code {@link #USAGE_ERROR}. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
