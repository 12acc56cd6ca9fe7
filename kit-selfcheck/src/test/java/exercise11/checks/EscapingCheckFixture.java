package exercise11.checks;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A check that the code under test ends with a timeout, as an off-by-one in serve's loop does, for NamedFailuresTests;
 * surefire does not run it (its name is no *Tests). The stack says where serve and receive were.
 */
class EscapingCheckFixture {

    @Test
    @Tag("todo-6") @Tag("todo-7") @Tag("todo-8") @Tag("todo-9")
    void servesOneTooMany() throws Exception {
        SocketTimeoutException timeout = new SocketTimeoutException("Receive timed out");
        timeout.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.nio.ch.DatagramSocketAdaptor", "receive", "DatagramSocketAdaptor.java", 241),
            new StackTraceElement("exercise11.UdpServer", "receive", "UdpServer.java", 51),
            new StackTraceElement("exercise11.UdpServer", "serve", "UdpServer.java", 79),
            new StackTraceElement("exercise11.checks.UdpServerTests$Serve", "keepsServingAfterInvalidUtf8", "UdpServerTests.java", 300),
        });
        throw timeout;
    }
}
