package exercise11.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Blame: each check charged to the TODO at fault")
class BlameTests {

    private static Blame.Check check(String key, List<Integer> todos, Outcome status, String reason) {
        return new Blame.Check(key, todos, status, reason);
    }

    private static final Blame.Check TIMESTAMP_FAILS = check("TimestampProperties#matchesPythonExamples", List.of(1), Outcome.FAILED,
            "Python prints 2024-01-01 00:00:00 but pythonTimestamp gave 2024-01-01T00:00. TODO 1: ...");

    @Test
    @DisplayName("a check not run because a needed check failed is charged where that check is, through a chain")
    void notRunFollowsTheCheckItNeeds() {
        Blame.Check client = check("UdpClientTests.SendOnce#sendsOne", List.of(2, 3, 4), Outcome.NOT_RUN,
                Dependencies.NOT_RUN + "UdpClientTests.OpenBroadcastSocket (UdpClientTests.OpenBroadcastSocket#returnsAnOpenSocket failed): fix that first");
        Blame.Check socket = check("UdpClientTests.OpenBroadcastSocket#returnsAnOpenSocket", List.of(3), Outcome.FAILED, "TODO 3: SO_BROADCAST is off");
        Blame.Check program = check("ProgramTests#clientWorksWithNobodyListening", List.of(1, 2, 3, 4), Outcome.NOT_RUN,
                Dependencies.NOT_RUN + "TimestampProperties (TimestampProperties#matchesPythonExamples failed): fix that first");
        List<Blame.Charge> charges = Blame.charges(List.of(TIMESTAMP_FAILS, socket, client, program));
        assertEquals(new Blame.Charge(1, Optional.empty()), charges.get(0));
        assertEquals(new Blame.Charge(3, Optional.empty()), charges.get(1));
        assertEquals(new Blame.Charge(3, Optional.of(socket.key())), charges.get(2));
        assertEquals(new Blame.Charge(1, Optional.of(TIMESTAMP_FAILS.key())), charges.get(3));
    }

    @Test
    @DisplayName("a failure of a check of several TODOs goes to the earliest of them whose own checks fail, not the one its message names")
    void consequenceGoesToTheTodoWhoseOwnChecksFail() {
        Blame.Check decode = check("UdpServerTests.Decode#decodesOnlyTheBytesReceived", List.of(7), Outcome.FAILED, "TODO 7: decode gave ...");
        Blame.Check serve = check("UdpServerTests.Serve#printsOneLine", List.of(6, 7, 8, 9), Outcome.FAILED,
                "printed ('127.0.0.1', 5) on\u0000 ... TODO 9: print formatLine of each datagram");
        List<Blame.Charge> charges = Blame.charges(List.of(decode, serve));
        assertEquals(new Blame.Charge(7, Optional.of(decode.key())), charges.get(1));
    }

    @Test
    @DisplayName("with no own failure among its TODOs, a failure is charged to the TODO its message names, else to its latest TODO")
    void ownFailureIsChargedToTheNamedTodo() {
        Blame.Check serve = check("UdpServerTests.Serve#printsOneLine", List.of(6, 7, 8, 9), Outcome.FAILED, "TODO 9: return after limit datagrams");
        Blame.Check silent = check("UdpServerTests.Serve#keepsServing", List.of(6, 7, 8, 9), Outcome.FAILED, "Receive timed out");
        Blame.Check foreign = check("UdpClientTests.Encode#x", List.of(2), Outcome.FAILED, "see TODO 9");
        List<Blame.Charge> charges = Blame.charges(List.of(serve, silent, foreign));
        assertEquals(9, charges.get(0).todo());
        assertEquals(9, charges.get(1).todo());
        assertEquals(2, charges.get(2).todo(), "a TODO the check does not need is never charged");
    }

    @Test
    @DisplayName("a pending check is charged to the TODO whose stub it reached; a passed one stays at home")
    void pendingGoesToItsStub() {
        Blame.Check pending = check("ProgramTests#clientToServerEndToEnd", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Outcome.PENDING,
                "TODO 5: open a socket bound to address");
        Blame.Check passed = check("UdpClientTests.SendOnce#x", List.of(2, 3, 4), Outcome.PASSED, "");
        Blame.Check given = check("CliTests.Parse#x", List.of(), Outcome.FAILED, "wrong");
        List<Blame.Charge> charges = Blame.charges(List.of(pending, passed, given));
        assertEquals(5, charges.get(0).todo());
        assertEquals(4, charges.get(1).todo());
        assertEquals(Blame.NO_TODO, charges.get(2).todo());
    }

    @Test
    @DisplayName("a not-run check whose reason names no check of the run stays at home")
    void notRunWithoutACauseStaysHome() {
        Blame.Check cut = check("UdpServerTests.Serve#x", List.of(6, 7, 8, 9), Outcome.NOT_RUN, "not run: the time limit was reached");
        Blame.Check missing = check("ProgramTests#y", List.of(1, 2, 3, 4), Outcome.NOT_RUN,
                Dependencies.NOT_RUN + "TimestampProperties (TimestampProperties#gone failed): fix that first");
        List<Blame.Charge> charges = Blame.charges(List.of(cut, missing));
        assertEquals(new Blame.Charge(9, Optional.empty()), charges.get(0));
        assertEquals(new Blame.Charge(4, Optional.empty()), charges.get(1));
    }
}
