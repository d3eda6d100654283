package actor_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

// exitWith is a process that ends with the reason it is sent.
type exitWith struct{}

func (exitWith) Receive(p *actor.Process, msg any) {
	switch m := msg.(type) {
	case error:
		p.Stop(m)
	case string:
		if m == "panic" {
			panic("boom")
		}
	}
}

var errOops = errors.New("oops")

// spawnLinked spawns a child linked to the probe.
func spawnLinked(t *testing.T, probe *actortest.Probe, b actor.Receiver) actor.PID {
	t.Helper()
	var pid actor.PID
	var err error
	probe.Do(func(p *actor.Process) { pid, err = p.SpawnLink(b) })
	require.NoError(t, err)
	return pid
}

func TestLink_AbnormalExitKillsLinkedProcess(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	a := actortest.NewProbe(t, n)
	b := spawnLinked(t, a, exitWith{})
	watcher.Do(func(p *actor.Process) { p.Monitor(a.PID()) })
	n.Send(b, errOops)
	require.ErrorIs(t, watcher.ExpectDown(t, a.PID(), wait), errOops)
}

func TestLink_NormalExitDoesNotPropagate(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	b := spawnLinked(t, a, exitWith{})
	mon, _ := n.Monitor(b)
	n.Send(b, actor.Normal)
	require.ErrorIs(t, (<-mon).Reason, actor.Normal)
	a.Do(func(p *actor.Process) {}) // a still answers
	require.True(t, n.IsAlive(a.PID()))
}

func TestLink_TrappingProcessGetsExitMsg(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	a.Do(func(p *actor.Process) { p.TrapExit(true) })
	b := spawnLinked(t, a, exitWith{})
	n.Send(b, errOops)
	require.ErrorIs(t, a.ExpectExit(t, b, wait), errOops)

	c := spawnLinked(t, a, exitWith{})
	n.Send(c, actor.Normal)
	require.ErrorIs(t, a.ExpectExit(t, c, wait), actor.Normal)
}

func TestLink_PanicReasonCarriesValueAndStack(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	a.Do(func(p *actor.Process) { p.TrapExit(true) })
	b := spawnLinked(t, a, exitWith{})
	n.Send(b, "panic")
	reason := a.ExpectExit(t, b, wait)
	var pe *actor.PanicError
	require.ErrorAs(t, reason, &pe)
	require.Equal(t, "boom", pe.Value)
	require.Contains(t, string(pe.Stack), "exitWith")
}

func TestExit_KillIsUntrappable(t *testing.T) {
	n := newNode(t)
	observer := actortest.NewProbe(t, n)
	observer.Do(func(p *actor.Process) { p.TrapExit(true) })
	target := actortest.NewProbe(t, n)
	target.Do(func(p *actor.Process) { p.TrapExit(true); require.NoError(t, p.Link(observer.PID())) })
	n.Exit(target.PID(), actor.Kill)
	require.ErrorIs(t, observer.ExpectExit(t, target.PID(), wait), actor.Killed)
	require.False(t, n.IsAlive(target.PID()))
}

func TestExit_KilledLinkSignalKillsNonTrappingPeer(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	peer := actortest.NewProbe(t, n)
	victim := spawnLinked(t, peer, exitWith{})
	watcher.Do(func(p *actor.Process) { p.Monitor(peer.PID()) })
	n.Exit(victim, actor.Kill)
	require.ErrorIs(t, watcher.ExpectDown(t, peer.PID(), wait), actor.Killed)
}

func TestExit_SelfKillLinkSignalIsTrappable(t *testing.T) {
	// A process that ends itself with reason Kill sends a link signal
	// carrying kill: trappable, and not turned into killed.
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	a.Do(func(p *actor.Process) { p.TrapExit(true) })
	b := spawnLinked(t, a, exitWith{})
	n.Send(b, actor.Kill)
	require.Equal(t, actor.Kill, a.ExpectExit(t, b, wait))
}

func TestExit_NormalToNonTrappingIsIgnored(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	sender := actortest.NewProbe(t, n)
	sender.Do(func(p *actor.Process) { p.Exit(a.PID(), actor.Normal) })
	a.Do(func(p *actor.Process) {})
	require.True(t, n.IsAlive(a.PID()))
}

func TestExit_NormalToTrappingBecomesExitMsg(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	a.Do(func(p *actor.Process) { p.TrapExit(true) })
	sender := actortest.NewProbe(t, n)
	sender.Do(func(p *actor.Process) { p.Exit(a.PID(), actor.Normal) })
	require.ErrorIs(t, a.ExpectExit(t, sender.PID(), wait), actor.Normal)
}

func TestExit_NormalToSelfEndsProcess(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	mon, _ := n.Monitor(a.PID())
	a.Do(func(p *actor.Process) { p.Exit(p.Self(), actor.Normal) })
	require.ErrorIs(t, (<-mon).Reason, actor.Normal)
}

func TestExit_AbnormalToNonTrappingEndsIt(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	mon, _ := n.Monitor(a.PID())
	n.Exit(a.PID(), errOops)
	require.ErrorIs(t, (<-mon).Reason, errOops)
}

func TestLink_DeadProcessTrappingGetsNoProcExit(t *testing.T) {
	n := newNode(t)
	dead := deadPID(t, n)
	a := actortest.NewProbe(t, n)
	var err error
	a.Do(func(p *actor.Process) { p.TrapExit(true); err = p.Link(dead) })
	require.NoError(t, err)
	require.ErrorIs(t, a.ExpectExit(t, dead, wait), actor.NoProc)
}

func TestLink_DeadProcessNotTrappingReturnsNoProc(t *testing.T) {
	n := newNode(t)
	dead := deadPID(t, n)
	a := actortest.NewProbe(t, n)
	var err error
	a.Do(func(p *actor.Process) { err = p.Link(dead) })
	require.ErrorIs(t, err, actor.NoProc)
}

func TestLink_AtMostOneLinkPerPair(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	b := actortest.NewProbe(t, n)
	a.Do(func(p *actor.Process) {
		require.NoError(t, p.Link(b.PID()))
		require.NoError(t, p.Link(b.PID()))
		p.TrapExit(true)
	})
	info, err := n.ProcessInfo(a.PID())
	require.NoError(t, err)
	require.Equal(t, []actor.PID{b.PID()}, info.Links)
	n.Exit(b.PID(), errOops)
	require.ErrorIs(t, a.ExpectExit(t, b.PID(), wait), errOops)
	a.ExpectNoMsg(t, 20*wait/1000)
}

func TestUnlink_RemovesEffect(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	b := spawnLinked(t, a, exitWith{})
	a.Do(func(p *actor.Process) { p.Unlink(b) })
	mon, _ := n.Monitor(b)
	n.Send(b, errOops)
	require.ErrorIs(t, (<-mon).Reason, errOops)
	a.Do(func(p *actor.Process) {})
	require.True(t, n.IsAlive(a.PID()))
}

func TestTrapExit_ParentExitRunsTerminate(t *testing.T) {
	// gen_server rule: a trapping process whose parent sends an exit signal
	// ends with that reason and runs Terminate.
	n := newNode(t)
	terminated := make(chan error, 1)
	pid, err := n.Spawn(&trapper{terminated: terminated})
	require.NoError(t, err)
	n.Exit(pid, actor.Shutdown) // from outside: the node is the parent
	require.ErrorIs(t, <-terminated, actor.Shutdown)
}

func TestTrapExit_NonParentExitIsAMessage(t *testing.T) {
	n := newNode(t)
	terminated := make(chan error, 1)
	got := make(chan any, 1)
	pid, err := n.Spawn(&trapper{terminated: terminated, got: got})
	require.NoError(t, err)
	other := actortest.NewProbe(t, n)
	other.Do(func(p *actor.Process) { p.Exit(pid, actor.Shutdown) })
	msg := (<-got).(actor.ExitMsg)
	require.Equal(t, other.PID(), msg.From)
	require.True(t, n.IsAlive(pid))
}

type trapper struct {
	terminated chan error
	got        chan any
}

func (t *trapper) Init(p *actor.Process) error { p.TrapExit(true); return nil }
func (t *trapper) Receive(p *actor.Process, msg any) {
	if t.got != nil {
		t.got <- msg
	}
}
func (t *trapper) Terminate(p *actor.Process, reason error) { t.terminated <- reason }

func TestTerminate_NotRunWhenKilled(t *testing.T) {
	n := newNode(t)
	terminated := make(chan error, 1)
	pid, err := n.Spawn(&trapper{terminated: terminated})
	require.NoError(t, err)
	mon, _ := n.Monitor(pid)
	n.Exit(pid, actor.Kill)
	require.ErrorIs(t, (<-mon).Reason, actor.Killed)
	select {
	case r := <-terminated:
		t.Fatalf("Terminate ran with %v", r)
	default:
	}
}

// deadPID returns the PID of a process that has ended.
func deadPID(t *testing.T, n *actor.Node) actor.PID {
	t.Helper()
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	mon, _ := n.Monitor(pid)
	n.Send(pid, actor.Normal)
	<-mon
	return pid
}
