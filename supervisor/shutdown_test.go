package supervisor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// hangingSpec is a worker whose Terminate blocks until the returned
// channel is closed (closed at the end of the test at the latest).
func hangingSpec(t *testing.T, id string, probe *actortest.Probe, opts ...supervisor.ChildOption) (supervisor.ChildSpec, func()) {
	hang := make(chan struct{})
	closed := false
	release := func() {
		if !closed {
			closed = true
			close(hang)
		}
	}
	t.Cleanup(release) // runs before the node stops
	return supervisor.Worker(id, func() actor.Receiver {
		return &worker{id: id, report: probe.PID(), hang: hang}
	}, opts...), release
}

func TestShutdown_TimeoutThenKill(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	stuck, release := hangingSpec(t, "stuck", probe, supervisor.WithShutdown(supervisor.Shutdown(30*time.Millisecond)))
	sup, _ := startSup(t, n, []supervisor.ChildSpec{stuck}, ev.hook())
	pid := expectStarted(t, probe, "stuck")
	down, cancel := n.Monitor(pid)
	defer cancel()

	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "stuck"))
	// The child ignored Shutdown (its Terminate hangs), so it was killed,
	// and that is reported.
	to := nextEvent[supervisor.ShutdownTimedOut](t, ev)
	require.Equal(t, supervisor.ShutdownTimedOut{Supervisor: sup, ID: "stuck", PID: pid, Timeout: 30 * time.Millisecond}, to)
	term := nextEvent[supervisor.ChildTerminated](t, ev)
	require.ErrorIs(t, term.Reason, actor.Killed)
	require.ErrorIs(t, (<-down).Reason, actor.Killed)
	require.False(t, n.IsAlive(pid))
	require.Equal(t, supervisor.Undefined, which(t, n, sup)[0].Status)
	release()
	expectTerminated(t, probe, "stuck") // the goroutine finished its Terminate late
}

func TestShutdown_BrutalKillSkipsTerminate(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe, supervisor.WithShutdown(supervisor.BrutalKill))}, ev.hook())
	expectStarted(t, probe, "a")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	require.ErrorIs(t, nextEvent[supervisor.ChildTerminated](t, ev).Reason, actor.Killed)
	probe.ExpectNoMsg(t, 20*time.Millisecond) // no Terminate ran
}

func TestShutdown_TrappingChildRunsTerminate(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	expectStarted(t, probe, "a")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "a"))
}

func TestShutdown_InfinityWaits(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	slow, release := hangingSpec(t, "slow", probe, supervisor.WithShutdown(supervisor.Infinity))
	sup, _ := startSup(t, n, []supervisor.ChildSpec{slow})
	expectStarted(t, probe, "slow")
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(bg, time.Minute)
		defer cancel()
		done <- supervisor.TerminateChild(ctx, n, sup, "slow")
	}()
	select {
	case err := <-done:
		t.Fatalf("TerminateChild returned before the child ended: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	release()
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "slow"))
	require.NoError(t, <-done)
}

// OTP child_unlink: the supervisor monitors the child it stops, so a child
// that removed its link cannot hang it.
func TestShutdown_ChildThatUnlinkedStillStops(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{
		supervisor.Worker("u", func() actor.Receiver {
			return actor.ReceiveFunc(func(p *actor.Process, msg any) {
				if msg == "unlink" {
					p.Unlink(p.Parent())
					p.Send(probe.PID(), "unlinked")
				}
			})
		}),
	})
	pid := pidOf(t, n, sup, "u")
	n.Send(pid, "unlink")
	probe.ExpectMsg(t, "unlinked", wait)
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "u"))
	require.False(t, n.IsAlive(pid))
}

func TestShutdown_SimpleOneForOneParallelWithTimeout(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	tmpl := supervisor.DynamicWorker("w", func(args ...any) actor.Receiver {
		w := &worker{id: args[0].(string), report: probe.PID()}
		if w.id == "stuck" {
			w.hang = hang
		}
		return w
	}, supervisor.WithShutdown(supervisor.Shutdown(500*time.Millisecond))) // room for a and b on a loaded machine
	sup, parent := startSup(t, n, []supervisor.ChildSpec{tmpl}, supervisor.WithStrategy(supervisor.SimpleOneForOne), ev.hook())
	for _, id := range []string{"a", "stuck", "b"} {
		_, err := supervisor.StartChildArgs(bg, n, sup, id)
		require.NoError(t, err)
		expectStarted(t, probe, id)
	}
	parent.Do(func(p *actor.Process) { p.Exit(sup, actor.Shutdown) })
	to := nextEvent[supervisor.ShutdownTimedOut](t, ev)
	require.Equal(t, "", to.ID)
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
	got := map[string]bool{}
	for range 2 {
		got[actortest.ExpectType[terminated](t, probe, wait).ID] = true
	}
	require.Equal(t, map[string]bool{"a": true, "b": true}, got)
}

// Node.Stop sends Shutdown to a supervisor started from the node, which
// stops its children in reverse order, a nested supervisor's children
// before the nested supervisor.
func TestShutdown_NodeStopStopsTreeInReverseOrder(t *testing.T) {
	n, err := actor.NewNode()
	require.NoError(t, err)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	_, err = supervisor.Start(bg, n, []supervisor.ChildSpec{
		spec("a", probe),
		supervisor.Nested("sub", []supervisor.ChildSpec{spec("s1", probe), spec("s2", probe)}, ev.hook()),
		spec("c", probe),
	}, ev.hook())
	require.NoError(t, err)
	for _, id := range []string{"a", "s1", "s2", "c"} {
		expectStarted(t, probe, id)
	}
	ctx, cancel := context.WithTimeout(bg, 10*time.Second)
	defer cancel()
	require.NoError(t, n.Stop(ctx))
	for _, id := range []string{"c", "s2", "s1", "sub", "a"} {
		term := nextEvent[supervisor.ChildTerminated](t, ev)
		require.Equal(t, id, term.ID)
		require.ErrorIs(t, term.Reason, actor.Shutdown)
	}
}
