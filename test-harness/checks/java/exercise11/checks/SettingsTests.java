package exercise11.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.Cli;
import exercise11.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Settings and command line (given code)")
@Order(4)
class SettingsTests {

    @Test
    @DisplayName("settings/udp.properties holds the lesson's addresses and an unprivileged port")
    void loadsTheLessonsSettings() {
        Settings settings = Settings.load();
        assertEquals("127.0.0.1", settings.serverAddress().getHostAddress(), "SERVER_UDP_IPv4 should be the lesson's 127.0.0.1");
        assertEquals("127.0.0.0", settings.clientAddress().getHostAddress(), "CLIENT_UDP_IPv4 should be the lesson's 127.0.0.0");
        assertTrue(settings.serverPort() >= 1024, "SERVER_PORT should need no root (1024 or more), but is " + settings.serverPort());
    }

    @Test
    @DisplayName("says so when settings/udp.properties is not on the classpath, e.g. after 'javac -d' without resources")
    void explainsAMissingSettingsFile() throws Exception {
        try (ClassesWithoutSettings loader = new ClassesWithoutSettings(false)) {
            assertNull(loader.getResource("settings/udp.properties"), "the check's class loader should hide the settings file");
            Throwable thrown = loadFailure(loader);
            assertEquals(IllegalArgumentException.class, thrown.getClass(), () -> "Settings.load() threw " + thrown);
            assertEquals("settings/udp.properties is missing from the classpath", thrown.getMessage());
        }
    }

    @Test
    @DisplayName("names the file and the reason when settings/udp.properties cannot be read")
    void explainsAnUnreadableSettingsFile() throws Exception {
        try (ClassesWithoutSettings loader = new ClassesWithoutSettings(true)) {
            Throwable thrown = loadFailure(loader);
            assertEquals(IllegalArgumentException.class, thrown.getClass(), () -> "Settings.load() threw " + thrown);
            assertEquals("cannot read settings/udp.properties: Input/output error", thrown.getMessage());
            assertEquals(IOException.class, thrown.getCause().getClass(), "the read failure should be kept as the cause");
        }
    }

    /** Call {@code Settings.load()} on the copy of the class that {@code loader} loads, and return what it threw. */
    private static Throwable loadFailure(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> copy = Class.forName(Settings.class.getName(), true, loader);
        assertNotSame(Settings.class, copy, "the check needs a copy of Settings loaded apart from the checks' own");
        Method load = copy.getMethod("load");
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> load.invoke(null),
                "Settings.load() should fail without a readable settings file");
        return thrown.getCause();
    }

    /** The exercise's classes, loaded afresh from where Settings was found, with the settings file hidden or unreadable. */
    private static final class ClassesWithoutSettings extends URLClassLoader {
        private final boolean unreadable;

        ClassesWithoutSettings(boolean unreadable) {
            super(new URL[] {Settings.class.getProtectionDomain().getCodeSource().getLocation()},
                    ClassLoader.getPlatformClassLoader());
            this.unreadable = unreadable;
        }

        @Override
        public URL findResource(String name) {
            return name.equals("settings/udp.properties") && !unreadable ? null : super.findResource(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (unreadable && name.equals("settings/udp.properties")) {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("Input/output error");
                    }
                };
            }
            return super.getResourceAsStream(name);
        }
    }

    @Test
    @DisplayName("names the file and the key when a setting is missing or wrong")
    void explainsBadSettings() {
        Properties properties = new Properties();
        properties.setProperty("SERVER_UDP_IPv4", "127.0.0.1");
        properties.setProperty("CLIENT_UDP_IPv4", "127.0.0.0");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Settings.from(properties));
        assertEquals("settings/udp.properties: SERVER_PORT is missing", missing.getMessage());
        properties.setProperty("SERVER_PORT", "telnet");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Settings.from(properties));
        assertEquals("settings/udp.properties: SERVER_PORT expected a port from 0 to 65535, got 'telnet'", wrong.getMessage());
    }

    @Test
    @DisplayName("names the file and the key when an address setting is not an IPv4 literal")
    void explainsABadAddressSetting() {
        Properties properties = new Properties();
        properties.setProperty("SERVER_UDP_IPv4", " 127.0.0.1 ");
        properties.setProperty("CLIENT_UDP_IPv4", "my-laptop");
        properties.setProperty("SERVER_PORT", "2323");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> Settings.from(properties));
        assertEquals("settings/udp.properties: CLIENT_UDP_IPv4 expected an IPv4 address like 127.0.0.1, got 'my-laptop'",
                wrong.getMessage());
        properties.setProperty("CLIENT_UDP_IPv4", "127.0.0.0");
        assertEquals(new Settings(Settings.parseIPv4("127.0.0.1"), Settings.parseIPv4("127.0.0.0"), 2323), Settings.from(properties),
                "values with spaces around them should be read without the spaces");
    }

    @ParameterizedTest(name = "{0} is refused")
    @DisplayName("accepts only dotted-quad IPv4 literals, so no name is ever looked up")
    @NullSource
    @ValueSource(strings = {"localhost", "256.0.0.1", "127.0.0", "127.0.0.1.5", "::1", "01.2.3.4", ""})
    void refusesWhatIsNotAnIPv4Literal(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Settings.parseIPv4(text));
        assertEquals("expected an IPv4 address like 127.0.0.1, got '" + text + "'", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("reads every dotted-quad IPv4 literal as that address")
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "127.255.255.255", "10.1.2.3", "255.255.255.255", "199.249.100.9"})
    void readsIPv4Literals(String text) {
        assertEquals(text, Settings.parseIPv4(text).getHostAddress());
    }

    @Test
    @DisplayName("explains a privileged port, a port in use and a foreign address in one line each")
    void explainsBindFailures() {
        InetSocketAddress telnet = new InetSocketAddress(Settings.parseIPv4("127.0.0.1"), 23);
        assertTrue(Cli.explain(new BindException("Permission denied"), telnet).contains("only root may bind them"));
        assertTrue(Cli.explain(new BindException("Address already in use"), telnet).contains("already in use"));
        assertTrue(Cli.explain(new BindException("Cannot assign requested address"), telnet).contains("does not belong"));
    }
}
