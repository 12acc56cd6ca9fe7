package exercise11;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The exercise's settings, read from {@code settings/udp.properties} on the classpath.
 *
 * @param serverAddress where the server listens and where the client sends ({@code SERVER_UDP_IPv4})
 * @param clientAddress the client's address ({@code CLIENT_UDP_IPv4}); the original scripts never use it
 * @param serverPort the server's UDP port ({@code SERVER_PORT})
 */
public record Settings(Inet4Address serverAddress, Inet4Address clientAddress, int serverPort) {

    /** Classpath location of the settings file. */
    public static final String RESOURCE = "settings/udp.properties";
    public static final String SERVER_ADDRESS_KEY = "SERVER_UDP_IPv4";
    public static final String CLIENT_ADDRESS_KEY = "CLIENT_UDP_IPv4";
    public static final String SERVER_PORT_KEY = "SERVER_PORT";

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Read the settings file from the classpath, failing with a message that names the file and key. */
    public static Settings load() {
        Properties properties = new Properties();
        try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalArgumentException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return from(properties);
    }

    /** Build settings from the three keys of {@code properties}. */
    public static Settings from(Properties properties) {
        return new Settings(
                address(properties, SERVER_ADDRESS_KEY),
                address(properties, CLIENT_ADDRESS_KEY),
                port(properties, SERVER_PORT_KEY));
    }

    /** Parse a dotted-quad IPv4 literal such as {@code 127.0.0.1} without any name lookup. */
    public static Inet4Address parseIPv4(String text) {
        if (text == null || !DOTTED_QUAD.matcher(text).matches()) {
            throw new IllegalArgumentException("expected an IPv4 address like 127.0.0.1, got '" + text + "'");
        }
        try {
            return (Inet4Address) InetAddress.getByName(text); // a literal: no DNS query is made
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IPv4 address like 127.0.0.1, got '" + text + "'", e);
        }
    }

    /** Parse a port number in {@code [min, 65535]}. */
    public static int parsePort(String text, int min) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= min && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("expected a port from " + min + " to 65535, got '" + text + "'");
    }

    private static Inet4Address address(Properties properties, String key) {
        String value = required(properties, key);
        try {
            return parseIPv4(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RESOURCE + ": " + key + " " + e.getMessage(), e);
        }
    }

    private static int port(Properties properties, String key) {
        String value = required(properties, key);
        try {
            return parsePort(value, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RESOURCE + ": " + key + " " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(RESOURCE + ": " + key + " is missing");
        }
        return value.trim();
    }
}
