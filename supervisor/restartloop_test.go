package supervisor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// drain discards the messages already queued at the probe.
func drain(p *actortest.Probe) {
	for {
		if _, ok := p.Receive(0); !ok {
			return
		}
	}
}

// OTP hanging_restart_loop: while a failed restart is being retried the
// child shows as restarting, RestartChild and DeleteChild say so,
// StartChild of the same spec says already present, and TerminateChild
// stops the loop.
func TestRestartLoop_HangingRestart(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	fails := &counter{}
	ev := newEvents()
	a := failingSpec("a", probe, fails)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{a, spec("b", probe)},
		supervisor.WithClock(newFakeClock()), supervisor.WithIntensity(1_000_000, time.Hour),
		supervisor.WithRestartDelay(time.Millisecond, 0.5), ev.hook())
	pid := expectStarted(t, probe, "a")
	expectStarted(t, probe, "b")

	fails.n.Store(1 << 30)
	crash(n, pid, errBoom)
	expectTerminated(t, probe, "a")
	probe.ExpectMsg(t, startFailed{"a"}, wait)
	probe.ExpectMsg(t, startFailed{"a"}, wait) // retried, again and again
	nextEvent[supervisor.RestartFailed](t, ev)

	require.Equal(t, supervisor.Restarting, which(t, n, sup)[1].Status)
	counts, err := supervisor.CountChildren(bg, n, sup)
	require.NoError(t, err)
	require.Equal(t, 1, counts.Active)
	_, err = supervisor.RestartChild(bg, n, sup, "a")
	require.ErrorIs(t, err, supervisor.ErrRestarting)
	require.ErrorIs(t, supervisor.DeleteChild(bg, n, sup, "a"), supervisor.ErrRestarting)
	_, err = supervisor.StartChild(bg, n, sup, a)
	require.ErrorIs(t, err, supervisor.ErrAlreadyPresent)

	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	require.Equal(t, supervisor.Undefined, which(t, n, sup)[1].Status)
	drain(probe)
	probe.ExpectNoMsg(t, 30*time.Millisecond) // no more attempts

	fails.n.Store(0)
	_, err = supervisor.RestartChild(bg, n, sup, "a")
	require.NoError(t, err)
	expectStarted(t, probe, "a")
}

// Without a restart delay the retry is an immediate message to self: a
// supervisor busy retrying still answers requests in between.
func TestRestartLoop_RequestsInterleaveWithRetries(t *testing.T) {
	n := newNode(t)
	var attempts counter
	first := true
	flaky := supervisor.ChildSpec{ID: "f", Start: func(p *actor.Process, _ ...any) (actor.PID, error) {
		attempts.n.Add(1)
		if first {
			first = false
			return p.SpawnLink(actor.ReceiveFunc(func(p *actor.Process, msg any) { p.Stop(errBoom) }))
		}
		return actor.PID{}, errBoom
	}}
	sup, _ := startSup(t, n, []supervisor.ChildSpec{flaky},
		supervisor.WithClock(newFakeClock()), supervisor.WithIntensity(1<<20, time.Hour))
	n.Send(pidOf(t, n, sup, "f"), "crash")
	require.Eventually(t, func() bool { return attempts.n.Load() > 10 }, wait, time.Millisecond)
	for range 5 {
		info := which(t, n, sup)
		require.Equal(t, supervisor.Restarting, info[0].Status)
	}
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "f"))
	stopped := attempts.n.Load()
	require.Equal(t, supervisor.Undefined, which(t, n, sup)[0].Status)
	require.Equal(t, stopped, attempts.n.Load(), "the loop stopped")
}

// A SimpleOneForOne child being restarted can be stopped by its old PID.
func TestRestartLoop_SimpleOneForOneTerminateByOldPID(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	fails := &counter{}
	sup, _ := startSup(t, n, []supervisor.ChildSpec{failingSpec("w", probe, fails)},
		supervisor.WithStrategy(supervisor.SimpleOneForOne), supervisor.WithClock(newFakeClock()),
		supervisor.WithIntensity(1_000_000, time.Hour), supervisor.WithRestartDelay(time.Millisecond, 0))
	pid, err := supervisor.StartChildArgs(bg, n, sup)
	require.NoError(t, err)
	expectStarted(t, probe, "w")
	fails.n.Store(1 << 30)
	crash(n, pid, errBoom)
	expectTerminated(t, probe, "w")
	probe.ExpectMsg(t, startFailed{"w"}, wait)
	counts, err := supervisor.CountChildren(bg, n, sup)
	require.NoError(t, err)
	require.Equal(t, supervisor.Counts{Specs: 1, Active: 0, Workers: 1}, counts)
	require.NoError(t, supervisor.TerminateChildPID(bg, n, sup, pid))
	require.Empty(t, which(t, n, sup))
	drain(probe)
	probe.ExpectNoMsg(t, 30*time.Millisecond)
}
