package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import exercise11.harness.ProgressSummary.Result;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

@DisplayName("NamedFailures")
class NamedFailuresTests {

    private static StackTraceElement at(String className, String method, int line) {
        return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    @DisplayName("names the TODO whose method threw: the innermost of the check's TODOs in the stack")
    void namesTheTodoWhoseMethodThrew() {
        NullPointerException thrown = new NullPointerException("packet is null");
        thrown.setStackTrace(new StackTraceElement[] {
            at("java.lang.String", "<init>", 1), at("exercise11.UdpServer", "decode", 58), at("exercise11.UdpServer", "serve", 80),
            at("exercise11.checks.UdpServerTests", "check", 1)});
        assertEquals(Optional.of("TODO 7: decode threw java.lang.NullPointerException: packet is null (UdpServer.java:58)."),
                NamedFailures.explain(new RuntimeException("wrapped", thrown), List.of(6, 7, 8, 9)));
        // decode is not a TODO this check depends on: serve is the one to name
        assertEquals(Optional.of("TODO 9: serve threw java.lang.NullPointerException: packet is null (UdpServer.java:80)."),
                NamedFailures.explain(thrown, List.of(9)));
    }

    @Test
    @DisplayName("charges a receive that timed out to the loop that asked for it, not to receive")
    void chargesATimeoutToTheOutermostTodo() {
        SocketTimeoutException timeout = new SocketTimeoutException("Receive timed out");
        timeout.setStackTrace(new StackTraceElement[] {
            at("sun.nio.ch.DatagramSocketAdaptor", "receive", 241), at("exercise11.UdpServer", "receive", 51),
            at("exercise11.UdpServer", "serve", 79)});
        String explained = NamedFailures.explain(timeout, List.of(6, 7, 8, 9)).orElseThrow();
        assertTrue(explained.startsWith("TODO 9: serve waited for a datagram that never came, in receive (TODO 6)"
                + " (UdpServer.java:51)"), explained);
        assertTrue(explained.contains("java.net.SocketTimeoutException: Receive timed out"), explained);
    }

    @Test
    @DisplayName("leaves an exception that passed through no TODO of the check as it is")
    void leavesOtherExceptionsAlone() {
        IllegalStateException thrown = new IllegalStateException("the check's own socket");
        thrown.setStackTrace(new StackTraceElement[] {at("exercise11.harness.Loopback", "receiver", 40),
            at("exercise11.Cli", "parse", 12)});
        assertEquals(Optional.empty(), NamedFailures.explain(thrown, List.of(9)));
    }

    @Test
    @DisplayName("in a run, a check ended by a timeout fails naming its TODO, and the summary knows it for a consequence")
    void failsTheCheckNamingItsTodo() {
        List<String> printed = new java.util.ArrayList<>();
        ProgressSummary summary = new ProgressSummary(printed::addAll);
        LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass("exercise11.checks.EscapingCheckFixture"))
                        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                        .configurationParameter("junit.jupiter.extensions.autodetection.include", NamedFailures.class.getName())
                        .build(), summary);
        List<Result> outcomes = summary.outcomes();
        assertEquals(1, outcomes.size(), outcomes::toString);
        Result result = outcomes.get(0);
        assertEquals(Outcome.FAILED, result.status(), result::toString);
        assertTrue(result.escaped(), result::toString);
        assertTrue(result.reason().startsWith("TODO 9: serve waited for a datagram that never came"), result::toString);
    }
}
