package supervisor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// startABC starts a supervisor with the given strategy and children ids,
// returning their PIDs in start order.
func startChildren(t *testing.T, n *actor.Node, probe *actortest.Probe, strategy supervisor.Strategy,
	specs []supervisor.ChildSpec, opts ...supervisor.Option) (actor.PID, *actortest.Probe, map[string]actor.PID) {
	t.Helper()
	opts = append([]supervisor.Option{supervisor.WithStrategy(strategy), supervisor.WithIntensity(10, time.Hour)}, opts...)
	sup, parent := startSup(t, n, specs, opts...)
	pids := make(map[string]actor.PID)
	for _, s := range specs {
		pids[s.ID] = expectStarted(t, probe, s.ID)
	}
	return sup, parent, pids
}

func TestStart_ChildrenStartInOrderStopInReverse(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe), spec("c", probe)}
	sup, parent, pids := startChildren(t, n, probe, supervisor.OneForOne, specs)

	// OTP's which_children lists the most recently started first.
	info := which(t, n, sup)
	require.Equal(t, []supervisor.ChildInfo{
		{ID: "c", PID: pids["c"], Status: supervisor.Running},
		{ID: "b", PID: pids["b"], Status: supervisor.Running},
		{ID: "a", PID: pids["a"], Status: supervisor.Running},
	}, info)

	require.NoError(t, n.StopProcess(bg, sup, actor.Shutdown))
	for _, id := range []string{"c", "b", "a"} {
		require.ErrorIs(t, expectTerminated(t, probe, id), actor.Shutdown)
	}
	require.ErrorIs(t, parent.ExpectExit(t, sup, wait), actor.Shutdown)
}

func TestStrategy_OneForOneRestartsOnlyTheDeadChild(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe), spec("c", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.OneForOne, specs)

	crash(n, pids["b"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), errBoom)
	newB := expectStarted(t, probe, "b")
	require.NotEqual(t, pids["b"], newB)
	require.Equal(t, pids["a"], pidOf(t, n, sup, "a"))
	require.Equal(t, pids["c"], pidOf(t, n, sup, "c"))
	require.Equal(t, newB, pidOf(t, n, sup, "b"))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestStrategy_OneForAllRestartsAll(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe), spec("c", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.OneForAll, specs)

	crash(n, pids["b"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), errBoom)
	// The others are terminated in reverse start order, then all start in order.
	require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "a"), actor.Shutdown)
	for _, id := range []string{"a", "b", "c"} {
		require.NotEqual(t, pids[id], expectStarted(t, probe, id))
	}
	require.Len(t, which(t, n, sup), 3)
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestStrategy_RestForOneRestartsLaterChildren(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe), spec("c", probe), spec("d", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.RestForOne, specs)

	crash(n, pids["b"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "d"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
	for _, id := range []string{"b", "c", "d"} {
		require.NotEqual(t, pids[id], expectStarted(t, probe, id))
	}
	require.Equal(t, pids["a"], pidOf(t, n, sup, "a"), "earlier children are untouched")
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

// VERIFIED(OTP25): kill b in [a, b, c(temporary), d] under rest_for_one →
// d, c terminated; b, d restarted; c gone; a keeps its PID.
func TestStrategy_RestForOneTemporaryBystanderRemoved(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe),
		spec("c", probe, supervisor.WithRestart(supervisor.Temporary)), spec("d", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.RestForOne, specs)

	n.Exit(pids["b"], actor.Kill)
	require.ErrorIs(t, expectTerminated(t, probe, "d"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
	expectStarted(t, probe, "b")
	expectStarted(t, probe, "d")
	ids := []string{}
	for _, c := range which(t, n, sup) {
		ids = append(ids, c.ID)
	}
	require.Equal(t, []string{"d", "b", "a"}, ids)
	require.Equal(t, pids["a"], pidOf(t, n, sup, "a"))
}

func TestStrategy_OneForAllTemporaryBystanderRemoved(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	specs := []supervisor.ChildSpec{spec("a", probe, supervisor.WithRestart(supervisor.Temporary)), spec("b", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.OneForAll, specs)

	crash(n, pids["b"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "a"), actor.Shutdown)
	expectStarted(t, probe, "b")
	info := which(t, n, sup)
	require.Len(t, info, 1)
	require.Equal(t, "b", info[0].ID)
}

// VERIFIED(OTP25): b stopped with terminate_child, then a dies → a, b and c
// all get new PIDs, for both one_for_all and rest_for_one.
func TestStrategy_MultiRestartAlsoStartsTerminatedChildren(t *testing.T) {
	for _, strategy := range []supervisor.Strategy{supervisor.OneForAll, supervisor.RestForOne} {
		t.Run(strategy.String(), func(t *testing.T) {
			n := newNode(t)
			probe := actortest.NewProbe(t, n)
			specs := []supervisor.ChildSpec{spec("a", probe), spec("b", probe), spec("c", probe)}
			sup, _, pids := startChildren(t, n, probe, strategy, specs)

			require.NoError(t, supervisor.TerminateChild(bg, n, sup, "b"))
			require.ErrorIs(t, expectTerminated(t, probe, "b"), actor.Shutdown)
			n.Exit(pids["a"], actor.Kill)
			require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
			for _, id := range []string{"a", "b", "c"} {
				require.NotEqual(t, pids[id], expectStarted(t, probe, id))
			}
			for _, c := range which(t, n, sup) {
				require.Equal(t, supervisor.Running, c.Status, c.ID)
			}
		})
	}
}

// failingSpec is a worker whose start fails while fails > 0 (decrementing).
func failingSpec(id string, probe *actortest.Probe, fails *counter, opts ...supervisor.ChildOption) supervisor.ChildSpec {
	s := spec(id, probe, opts...)
	start := s.Start
	s.Start = func(p *actor.Process, args ...any) (actor.PID, error) {
		if fails.n.Add(-1) >= 0 {
			p.Send(probe.PID(), startFailed{id})
			return actor.PID{}, errBoom
		}
		fails.n.Store(0)
		return start(p, args...)
	}
	return s
}

type startFailed struct{ ID string }

// OTP one_for_all_other_child_fails_restart: when b fails to restart, the
// retry is a new one_for_all restart: a is terminated again.
func TestStrategy_OneForAllOtherChildFailsRestart(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	fails := &counter{}
	specs := []supervisor.ChildSpec{spec("a", probe), failingSpec("b", probe, fails), spec("c", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.OneForAll, specs)

	fails.n.Store(1)
	crash(n, pids["a"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "a"), errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), actor.Shutdown)
	expectStarted(t, probe, "a")
	probe.ExpectMsg(t, startFailed{"b"}, wait)
	// The retry: a is terminated again, then a, b, c start.
	require.ErrorIs(t, expectTerminated(t, probe, "a"), actor.Shutdown)
	expectStarted(t, probe, "a")
	expectStarted(t, probe, "b")
	expectStarted(t, probe, "c")
	require.Len(t, which(t, n, sup), 3)
}

// OTP rest_for_one_other_child_fails_restart: the retry restarts only the
// failed child and those after it.
func TestStrategy_RestForOneOtherChildFailsRestart(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	fails := &counter{}
	specs := []supervisor.ChildSpec{spec("a", probe), failingSpec("b", probe, fails), spec("c", probe)}
	sup, _, pids := startChildren(t, n, probe, supervisor.RestForOne, specs)

	fails.n.Store(1)
	crash(n, pids["a"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "a"), errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "c"), actor.Shutdown)
	require.ErrorIs(t, expectTerminated(t, probe, "b"), actor.Shutdown)
	newA := expectStarted(t, probe, "a")
	probe.ExpectMsg(t, startFailed{"b"}, wait)
	expectStarted(t, probe, "b")
	expectStarted(t, probe, "c")
	require.Equal(t, newA, pidOf(t, n, sup, "a"), "a is kept")
}

func TestStrategy_SimpleOneForOne(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	tmpl := supervisor.DynamicWorker("w", func(args ...any) actor.Receiver {
		return &worker{id: args[0].(string), report: probe.PID()}
	})
	sup, parent := startSup(t, n, []supervisor.ChildSpec{tmpl},
		supervisor.WithStrategy(supervisor.SimpleOneForOne), supervisor.WithIntensity(10, time.Hour))
	require.Empty(t, which(t, n, sup), "no children at start")

	pids := map[string]actor.PID{}
	for _, id := range []string{"x", "y", "z"} {
		pid, err := supervisor.StartChildArgs(bg, n, sup, id)
		require.NoError(t, err)
		require.Equal(t, pid, expectStarted(t, probe, id))
		pids[id] = pid
	}
	// A crashed child is restarted alone, with the same arguments.
	crash(n, pids["y"], errBoom)
	require.ErrorIs(t, expectTerminated(t, probe, "y"), errBoom)
	newY := expectStarted(t, probe, "y")
	require.NotEqual(t, pids["y"], newY)

	counts, err := supervisor.CountChildren(bg, n, sup)
	require.NoError(t, err)
	require.Equal(t, supervisor.Counts{Specs: 1, Active: 3, Workers: 3}, counts)
	for _, c := range which(t, n, sup) {
		require.Equal(t, "", c.ID, "dynamic children have no ID")
	}

	// Stopping the supervisor stops all children (in parallel, any order).
	require.NoError(t, n.StopProcess(bg, sup, actor.Shutdown))
	got := map[string]bool{}
	for range 3 {
		m := actortest.ExpectType[terminated](t, probe, wait)
		require.ErrorIs(t, m.Reason, actor.Shutdown)
		got[m.ID] = true
	}
	require.Len(t, got, 3)
	require.ErrorIs(t, parent.ExpectExit(t, sup, wait), actor.Shutdown)
}

func TestStrategy_SimpleOneForOneTransientNormalExitRemoved(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	tmpl := supervisor.DynamicWorker("w", func(args ...any) actor.Receiver {
		return &worker{id: "w", report: probe.PID()}
	}, supervisor.WithRestart(supervisor.Transient))
	sup, _ := startSup(t, n, []supervisor.ChildSpec{tmpl}, supervisor.WithStrategy(supervisor.SimpleOneForOne), ev.hook())
	pid, err := supervisor.StartChildArgs(bg, n, sup)
	require.NoError(t, err)
	expectStarted(t, probe, "w")
	crash(n, pid, actor.Normal)
	nextEvent[supervisor.ChildExited](t, ev)
	require.Empty(t, which(t, n, sup))
}
