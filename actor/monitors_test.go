package actor_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestMonitor_DownExactlyOnceWithReason(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	var ref actor.Ref
	watcher.Do(func(p *actor.Process) { ref = p.Monitor(pid) })
	n.Send(pid, errOops)
	d := actortest.ExpectType[actor.Down](t, watcher, wait)
	require.Equal(t, ref, d.Ref)
	require.Equal(t, pid, d.PID)
	require.ErrorIs(t, d.Reason, errOops)
	watcher.ExpectNoMsg(t, wait/50)
}

func TestMonitor_DeadTargetGivesNoProcAtOnce(t *testing.T) {
	n := newNode(t)
	dead := deadPID(t, n)
	watcher := actortest.NewProbe(t, n)
	watcher.Do(func(p *actor.Process) { p.Monitor(dead) })
	require.ErrorIs(t, watcher.ExpectDown(t, dead, wait), actor.NoProc)
}

func TestMonitor_IndependentMonitorsEachDeliver(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	var r1, r2 actor.Ref
	watcher.Do(func(p *actor.Process) { r1, r2 = p.Monitor(pid), p.Monitor(pid) })
	require.NotEqual(t, r1, r2)
	n.Send(pid, actor.Shutdown)
	d1 := actortest.ExpectType[actor.Down](t, watcher, wait)
	d2 := actortest.ExpectType[actor.Down](t, watcher, wait)
	require.ElementsMatch(t, []actor.Ref{r1, r2}, []actor.Ref{d1.Ref, d2.Ref})
}

func TestMonitor_IsUnidirectional(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	target := actortest.NewProbe(t, n)
	watcher.Do(func(p *actor.Process) { p.Monitor(target.PID()) })
	mon, _ := n.Monitor(target.PID())
	n.Exit(watcher.PID(), errOops)
	target.Do(func(p *actor.Process) {})
	select {
	case d := <-mon:
		t.Fatalf("target died: %v", d.Reason)
	default:
	}
}

func TestDemonitor_NoDownAfterReturn(t *testing.T) {
	n := newNode(t)
	for i := 0; i < 100; i++ {
		watcher := actortest.NewProbe(t, n)
		pid, err := n.Spawn(exitWith{})
		require.NoError(t, err)
		var ref actor.Ref
		watcher.Do(func(p *actor.Process) { ref = p.Monitor(pid) })
		n.Send(pid, errOops) // races with the Demonitor below
		watcher.Do(func(p *actor.Process) { p.Demonitor(ref) })
		// A Down handled before the Demonitor is legitimate: drop it.
		watcher.Receive(0)
		watcher.Do(func(p *actor.Process) {}) // a barrier
		if m, ok := watcher.Receive(0); ok {
			t.Fatalf("got %v after Demonitor", m)
		}
	}
}

func TestSpawnMonitor_InitFailureStillDeliversDown(t *testing.T) {
	n := newNode(t)
	watcher := actortest.NewProbe(t, n)
	var pid actor.PID
	var ref actor.Ref
	var err error
	watcher.Do(func(p *actor.Process) { pid, ref, err = p.SpawnMonitor(failInit{}) })
	require.ErrorIs(t, err, errOops)
	require.True(t, pid.IsZero())
	d := actortest.ExpectType[actor.Down](t, watcher, wait)
	require.Equal(t, ref, d.Ref)
	require.ErrorIs(t, d.Reason, errOops)
}

func TestSpawnLink_InitFailureDeliversExit(t *testing.T) {
	n := newNode(t)
	parent := actortest.NewProbe(t, n)
	var err error
	parent.Do(func(p *actor.Process) { p.TrapExit(true); _, err = p.SpawnLink(failInit{}) })
	require.ErrorIs(t, err, errOops)
	e := actortest.ExpectType[actor.ExitMsg](t, parent, wait)
	require.ErrorIs(t, e.Reason, errOops)
}

type failInit struct{}

func (failInit) Init(p *actor.Process) error     { return errOops }
func (failInit) Receive(p *actor.Process, m any) {}

func TestSpawn_InitIgnore(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(ignoreInit{})
	require.ErrorIs(t, err, actor.Ignore)
	require.True(t, pid.IsZero())
	require.Equal(t, 0, n.ProcessCount())
}

type ignoreInit struct{}

func (ignoreInit) Init(p *actor.Process) error     { return actor.Ignore }
func (ignoreInit) Receive(p *actor.Process, m any) {}

func TestSpawn_InitPanicIsAnError(t *testing.T) {
	n := newNode(t)
	_, err := n.Spawn(panicInit{})
	var pe *actor.PanicError
	require.ErrorAs(t, err, &pe)
}

type panicInit struct{}

func (panicInit) Init(p *actor.Process) error     { panic("init") }
func (panicInit) Receive(p *actor.Process, m any) {}

func TestMonitorFunc_CalledOnceWhenTheProcessEnds(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	got := make(chan actor.Down, 2)
	n.MonitorFunc(pid, func(d actor.Down) { got <- d })
	n.Send(pid, errOops)
	d := <-got
	require.Equal(t, pid, d.PID)
	require.ErrorIs(t, d.Reason, errOops)

	n.MonitorFunc(pid, func(d actor.Down) { got <- d }) // already dead: at once
	require.ErrorIs(t, (<-got).Reason, actor.NoProc)
	require.Empty(t, got)
}

func TestMonitorFunc_Cancel(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	called := make(chan struct{}, 1)
	cancel := n.MonitorFunc(pid, func(actor.Down) { called <- struct{}{} })
	cancel()
	mon, _ := n.Monitor(pid)
	n.Send(pid, errOops)
	<-mon
	require.Empty(t, called)
}
