package supervisor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

func TestIntensity_DefaultSecondCrashStopsSupervisor(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	clk := newFakeClock()
	sup, parent := startSup(t, n, []supervisor.ChildSpec{spec("a", probe), spec("b", probe)},
		supervisor.WithClock(clk), ev.hook())
	expectStarted(t, probe, "a")
	b := expectStarted(t, probe, "b")

	crash(n, b, errBoom)
	expectTerminated(t, probe, "b")
	b = expectStarted(t, probe, "b")
	clk.Advance(4 * time.Second)
	crash(n, b, errBoom)
	expectTerminated(t, probe, "b")
	// The second restart within 5s is not attempted: the supervisor stops
	// its other children and exits with Shutdown.
	require.ErrorIs(t, expectTerminated(t, probe, "a"), actor.Shutdown)
	ie := nextEvent[supervisor.IntensityExceeded](t, ev)
	require.Equal(t, supervisor.IntensityExceeded{Supervisor: sup, ID: "b", MaxRestarts: 1, Period: 5 * time.Second}, ie)
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestIntensity_ZeroFirstCrashStopsSupervisor(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, parent := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)}, supervisor.WithIntensity(0, time.Second))
	a := expectStarted(t, probe, "a")
	crash(n, a, errBoom)
	expectTerminated(t, probe, "a")
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
}

// The window is inclusive: a restart exactly Period after another still
// counts with it; one a little later does not.
func TestIntensity_WindowIsInclusiveAndSlides(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	clk := newFakeClock()
	sup, parent := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)},
		supervisor.WithClock(clk), supervisor.WithIntensity(1, 5*time.Second))
	a := expectStarted(t, probe, "a")
	for range 3 {
		crash(n, a, errBoom)
		expectTerminated(t, probe, "a")
		a = expectStarted(t, probe, "a")
		clk.Advance(5*time.Second + time.Millisecond)
	}
	clk.Advance(-time.Millisecond) // the next restart is exactly 5s after the last
	crash(n, a, errBoom)
	expectTerminated(t, probe, "a")
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
}

// A restart whose start fails is retried (message to self) and each retry
// counts: a child that can never start takes the supervisor down.
func TestIntensity_FailedRestartsAreRetriedAndCounted(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	fails := &counter{}
	sup, parent := startSup(t, n, []supervisor.ChildSpec{failingSpec("a", probe, fails)},
		supervisor.WithClock(newFakeClock()), supervisor.WithIntensity(3, time.Second), ev.hook())
	a := expectStarted(t, probe, "a")
	fails.n.Store(1 << 30)
	crash(n, a, errBoom)
	expectTerminated(t, probe, "a")
	for range 3 {
		probe.ExpectMsg(t, startFailed{"a"}, wait)
		rf := nextEvent[supervisor.RestartFailed](t, ev)
		require.ErrorIs(t, rf.Err, errBoom)
	}
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

// Escalation through three levels: leaf crashes exhaust mid's intensity,
// mid exits Shutdown and top restarts it; when that happens too often, top
// exits Shutdown and its own parent sees it.
func TestEscalation_ThreeLevelTree(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	clk := newFakeClock()
	ev := newEvents()
	mid := supervisor.Nested("mid", []supervisor.ChildSpec{spec("leaf", probe)},
		supervisor.WithClock(clk), supervisor.WithIntensity(1, time.Minute))
	top, parent := startSup(t, n, []supervisor.ChildSpec{spec("sibling", probe), mid},
		supervisor.WithClock(clk), supervisor.WithIntensity(1, time.Minute), ev.hook())
	expectStarted(t, probe, "sibling")
	leaf := expectStarted(t, probe, "leaf")
	midPID := pidOf(t, n, top, "mid")

	crashLeafTwice := func() {
		t.Helper()
		crash(n, leaf, errBoom)
		expectTerminated(t, probe, "leaf")
		leaf = expectStarted(t, probe, "leaf")
		crash(n, leaf, errBoom)
		expectTerminated(t, probe, "leaf")
	}

	crashLeafTwice() // mid exceeds its intensity and exits Shutdown
	exited := nextEvent[supervisor.ChildExited](t, ev)
	require.Equal(t, midPID, exited.PID)
	require.Equal(t, actor.Shutdown, exited.Reason)
	leaf = expectStarted(t, probe, "leaf") // top restarted mid, which started a new leaf
	restarted := nextEvent[supervisor.ChildRestarted](t, ev)
	require.NotEqual(t, midPID, restarted.PID)
	require.True(t, n.IsAlive(top))

	crashLeafTwice() // the new mid exits again: top's second restart in the window
	require.ErrorIs(t, expectTerminated(t, probe, "sibling"), actor.Shutdown)
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, top, wait))
	nextEvent[supervisor.IntensityExceeded](t, ev)
}
