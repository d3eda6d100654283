package supervisor_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// exitReasons are the rows of the restart-type × exit-reason table (§5.4).
var exitReasons = []struct {
	name   string
	reason error // actor.Kill means: killed by someone else (reason Killed)
	normal bool
}{
	{"normal", actor.Normal, true},
	{"shutdown", actor.Shutdown, true},
	{"shutdown_with", actor.ShutdownWith("bye"), true},
	{"error", errBoom, false},
	{"killed", actor.Kill, false},
}

// endChild makes child pid end with reason and consumes its end report.
func endChild(t *testing.T, n *actor.Node, probe *actortest.Probe, id string, pid actor.PID, reason error) {
	t.Helper()
	if reason == actor.Kill {
		n.Exit(pid, actor.Kill)
		return
	}
	crash(n, pid, reason)
	require.ErrorIs(t, expectTerminated(t, probe, id), reason)
}

// runRestartCase starts one child of the given restart type, ends it with
// reason, and reports whether it was restarted and whether its spec stayed.
func runRestartCase(t *testing.T, restart supervisor.RestartType, reason error) (restarted bool, info []supervisor.ChildInfo) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe, supervisor.WithRestart(restart))},
		supervisor.WithIntensity(10, 1e9), ev.hook())
	old := expectStarted(t, probe, "a")
	endChild(t, n, probe, "a", old, reason)
	exited := nextEvent[supervisor.ChildExited](t, ev)
	require.Equal(t, old, exited.PID)
	if exited.Restart {
		pid := expectStarted(t, probe, "a")
		require.NotEqual(t, old, pid, "a restarted child is a new process")
		nextEvent[supervisor.ChildRestarted](t, ev)
	}
	return exited.Restart, which(t, n, sup)
}

func TestRestart_PermanentAlwaysRestarted(t *testing.T) {
	for _, r := range exitReasons {
		t.Run(r.name, func(t *testing.T) {
			restarted, info := runRestartCase(t, supervisor.Permanent, r.reason)
			require.True(t, restarted)
			require.Len(t, info, 1)
			require.Equal(t, supervisor.Running, info[0].Status)
		})
	}
}

func TestRestart_TransientNormalNotRestarted(t *testing.T) {
	for _, r := range exitReasons {
		if !r.normal {
			continue
		}
		t.Run(r.name, func(t *testing.T) {
			restarted, info := runRestartCase(t, supervisor.Transient, r.reason)
			require.False(t, restarted)
			require.Equal(t, []supervisor.ChildInfo{{ID: "a", Status: supervisor.Undefined}}, info,
				"the spec is kept with no PID")
		})
	}
}

func TestRestart_TransientAbnormalRestarted(t *testing.T) {
	for _, r := range exitReasons {
		if r.normal {
			continue
		}
		t.Run(r.name, func(t *testing.T) {
			restarted, info := runRestartCase(t, supervisor.Transient, r.reason)
			require.True(t, restarted)
			require.Equal(t, supervisor.Running, info[0].Status)
		})
	}
}

func TestRestart_TemporaryNeverRestartedAndRemoved(t *testing.T) {
	for _, r := range exitReasons {
		t.Run(r.name, func(t *testing.T) {
			restarted, info := runRestartCase(t, supervisor.Temporary, r.reason)
			require.False(t, restarted)
			require.Empty(t, info, "a temporary child's spec is removed")
		})
	}
}

func TestRestart_PanicIsAbnormal(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	panicky := supervisor.Worker("p", func() actor.Receiver {
		return actor.ReceiveFunc(func(p *actor.Process, msg any) { panic("oops") })
	}, supervisor.WithRestart(supervisor.Transient))
	sup, _ := startSup(t, n, []supervisor.ChildSpec{panicky}, ev.hook())
	old := pidOf(t, n, sup, "p")
	n.Send(old, "go")
	exited := nextEvent[supervisor.ChildExited](t, ev)
	var pe *actor.PanicError
	require.ErrorAs(t, exited.Reason, &pe)
	require.True(t, exited.Restart)
	restarted := nextEvent[supervisor.ChildRestarted](t, ev)
	require.Equal(t, old, restarted.OldPID)
	require.NotEqual(t, old, restarted.PID)
	_ = probe
}

func TestRestart_ExitFromNonChildIgnored(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, parent := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	a := expectStarted(t, probe, "a")

	// A process that is neither parent nor child links to the supervisor
	// and dies; another sends it Shutdown: both are ignored (OTP).
	other := actortest.NewProbe(t, n)
	other.Do(func(p *actor.Process) {
		require.NoError(t, p.Link(sup))
		p.Exit(sup, actor.Shutdown)
	})
	n.Exit(other.PID(), errBoom)
	// A call after those signals is served: the supervisor is alive.
	info := which(t, n, sup)
	require.Equal(t, a, info[0].PID)
	require.True(t, n.IsAlive(sup))
	parent.ExpectNoMsg(t, 20e6)
	probe.ExpectNoMsg(t, 20e6)
}

func TestRestart_ParentExitStopsSupervisor(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, parent := startSup(t, n, []supervisor.ChildSpec{spec("a", probe), spec("b", probe)})
	expectStarted(t, probe, "a")
	expectStarted(t, probe, "b")
	parent.Do(func(p *actor.Process) { p.Exit(sup, actor.ShutdownWith("bye")) })
	require.ErrorIs(t, expectTerminated(t, probe, "b"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "a"), actor.Shutdown)
	reason := parent.ExpectExit(t, sup, wait)
	require.Equal(t, actor.ShutdownWith("bye"), reason, "the supervisor exits with its parent's reason")
}
