package exercise11.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.Cli;
import exercise11.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Command-line options and messages (given code)")
class CliTests {

    private static final Set<String> CLIENT_OPTIONS = Set.of("--host", "--port", "--count", "--interval-ms");
    private static final Inet4Address LOCALHOST = Settings.parseIPv4("127.0.0.1");

    private static Cli parse(String... args) {
        return Cli.parse(args, CLIENT_OPTIONS);
    }

    @Nested
    @DisplayName("Cli.parse")
    class Parse {

        @Test
        @DisplayName("reads '--name value' and '--name=value' alike")
        void readsBothForms() {
            Cli cli = parse("--port=2324", "--count", "5", "--host=10.1.2.3", "--interval-ms", "0");
            assertEquals(2324, cli.port(2323, 1), "--port=2324 should give port 2324");
            assertEquals(5, cli.number("--count", Cli.FOREVER, 1), "--count 5 should give 5");
            assertEquals(0, cli.number("--interval-ms", 1000, 0), "--interval-ms 0 should give 0, its least value");
            assertEquals("10.1.2.3", cli.host(LOCALHOST).getHostAddress(), "--host=10.1.2.3 should give 10.1.2.3");
            assertFalse(cli.helpRequested(), "no --help was given");
        }

        @Test
        @DisplayName("gives the fallback of every option left out")
        void absentOptionsGiveTheirFallback() {
            Cli cli = parse();
            assertSame(LOCALHOST, cli.host(LOCALHOST), "without --host, host() should return the fallback it is given");
            assertEquals(2323, cli.port(2323, 1), "without --port, port() should return the fallback");
            assertEquals(Cli.FOREVER, cli.number("--count", Cli.FOREVER, 1), "without --count, number() should return the fallback");
            assertEquals(1000, cli.number("--interval-ms", 1000, 0), "without --interval-ms, number() should return the fallback");
        }

        @ParameterizedTest(name = "{0}")
        @DisplayName("takes --help and -h, among other options, as a request for help")
        @ValueSource(strings = {"--help", "-h"})
        void recognisesHelp(String flag) {
            assertTrue(parse("--count", "3", flag).helpRequested(), () -> flag + " should ask for help");
        }

        @ParameterizedTest(name = "{0} -> ''{1}''")
        @DisplayName("refuses an unknown option, a missing value and an option given twice, naming it")
        @CsvSource(delimiter = '|', value = {
            "--bogus 1              | unknown option '--bogus'",
            "--bogus=1              | unknown option '--bogus=1'",
            "=1                     | unknown option '=1'",
            "--count                | --count needs a value",
            "--port 1 --port=2      | --port is given twice",
        })
        void refusesMistakes(String args, String message) {
            Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> parse(args.split(" ")));
            assertEquals(message, e.getMessage());
        }
    }

    @Nested
    @DisplayName("option values")
    class Values {

        @ParameterizedTest(name = "--port {0} with least port {1} gives {0}")
        @DisplayName("accepts ports from the least allowed to 65535")
        @CsvSource({"1, 1", "65535, 1", "0, 0", "1024, 1024"})
        void acceptsPortsInRange(int port, int min) {
            assertEquals(port, parse("--port", String.valueOf(port)).port(2323, min));
            assertEquals(port, Settings.parsePort(" " + port + " ", min), "surrounding spaces are allowed");
        }

        @ParameterizedTest(name = "--port {0} with least port {1} is refused")
        @DisplayName("refuses ports below the least allowed, above 65535 and not numbers, naming the range")
        @CsvSource({"0, 1", "1023, 1024", "65536, 0", "-1, 0", "telnet, 1"})
        void refusesPortsOutOfRange(String port, int min) {
            Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> parse("--port", port).port(2323, min));
            assertEquals("--port expected a port from " + min + " to 65535, got '" + port + "'", e.getMessage());
        }

        @Test
        @DisplayName("accepts a number at its least value and refuses one below it or not a number")
        void checksNumbersAgainstTheirLeastValue() {
            assertEquals(1, parse("--count", "1").number("--count", Cli.FOREVER, 1), "--count 1 is the least count");
            for (String text : new String[] {"0", "-3", "three", "1.5"}) {
                Cli.UsageException e = assertThrows(Cli.UsageException.class,
                        () -> parse("--count", text).number("--count", Cli.FOREVER, 1), () -> "--count " + text);
                assertEquals("--count expects a whole number of at least 1, got '" + text + "'", e.getMessage());
            }
        }

        @Test
        @DisplayName("refuses a --host that is not a dotted-quad IPv4 literal, saying what it expected")
        void refusesAHostName() {
            Cli.UsageException e = assertThrows(Cli.UsageException.class, () -> parse("--host", "localhost").host(LOCALHOST));
            assertEquals("--host expected an IPv4 address like 127.0.0.1, got 'localhost'", e.getMessage());
        }
    }

    @Nested
    @DisplayName("messages")
    class Messages {

        @Test
        @DisplayName("a usage error prints 'error: ...' and the usage, and gives exit code 2")
        void usageErrorPrintsMessageAndUsage() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int code = Cli.usageError(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--count needs a value", "usage: X\n");
            assertEquals(2, code, "a usage mistake exits with code 2");
            assertEquals("error: --count needs a value" + System.lineSeparator() + "usage: X\n", bytes.toString(StandardCharsets.UTF_8));
        }

        @ParameterizedTest(name = "{0}(\"{1}\") at port {2}")
        @DisplayName("explains each socket failure in one line that says what to do")
        @CsvSource(delimiter = '|', value = {
            "bind   | Permission denied               | 23   | cannot bind 127.0.0.1:23: ports below 1024 are privileged (only root may bind them on Linux); use a port from 1024 up, e.g. --port 2323",
            "bind   | Permission denied               | 1023 | cannot bind 127.0.0.1:1023: ports below 1024 are privileged (only root may bind them on Linux); use a port from 1024 up, e.g. --port 2323",
            "bind   | Permission denied               | 1024 | socket error at 127.0.0.1:1024: Permission denied",
            "bind   | Address already in use          | 2323 | cannot bind 127.0.0.1:2323: the port is already in use by another program; stop that program or choose another --port",
            "bind   | Cannot assign requested address | 2323 | cannot bind 127.0.0.1:2323: that address does not belong to this machine; use --host 127.0.0.1, or 0.0.0.0 for every interface",
            "bind   | Bind failed                     | 2323 | socket error at 127.0.0.1:2323: Bind failed",
            "socket | Permission denied               | 23   | socket error at 127.0.0.1:23: Permission denied",
            "socket | Address already in use          | 2323 | socket error at 127.0.0.1:2323: Address already in use",
            "socket | Cannot assign requested address | 2323 | socket error at 127.0.0.1:2323: Cannot assign requested address",
            "socket | Network is unreachable          | 2323 | socket error at 127.0.0.1:2323: Network is unreachable",
        })
        void explainsSocketFailures(String kind, String reason, int port, String expected) {
            IOException failure = kind.equals("bind") ? new BindException(reason) : new SocketException(reason);
            assertEquals(expected, Cli.explain(failure, new InetSocketAddress(LOCALHOST, port)));
        }
    }
}
