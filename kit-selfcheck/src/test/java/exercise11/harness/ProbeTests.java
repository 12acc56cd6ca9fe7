package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import exercise11.harness.platform.Behaviour;
import exercise11.harness.platform.Finding;
import exercise11.harness.platform.Probe;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The probe on the kit's own machine, Linux, whose loopback shows every behaviour: none may read as absent, however
 * loaded the machine ({@code .ci/stress} runs this under CPU hogs). The namespaces that lack them are in
 * {@code exercise11.selfcheck.platforms}.
 */
@DisplayName("Probe (of this machine's loopback)")
class ProbeTests {

    @Test
    @DisplayName("finds every behaviour the checks rest on present on Linux's loopback, and says what it saw")
    void linuxShowsEveryBehaviour() {
        List<Finding> all = Probe.all();
        assertEquals(Behaviour.values().length, all.size());
        for (Finding finding : all) {
            assertTrue(finding.holds(), () -> finding.behaviour() + ": " + finding.seen());
            assertTrue(!finding.seen().isBlank() && !finding.seen().contains("cannot tell"), () -> finding.behaviour() + ": " + finding.seen());
        }
    }
}
