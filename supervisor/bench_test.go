package supervisor_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/supervisor"
)

// idle is a child that does nothing.
type idle struct{}

func (idle) Receive(*actor.Process, any) {}
func (idle) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	return req, nil
}

func idleTemplate() supervisor.ChildSpec {
	return supervisor.DynamicWorker("idle", func(...any) actor.Receiver { return idle{} })
}

// BenchmarkSimpleOneForOne_StartTerminate measures StartChildArgs +
// TerminateChildPID on a SimpleOneForOne supervisor that already has 1,000
// or 100,000 children: the cost per child must not grow with their number.
func BenchmarkSimpleOneForOne_StartTerminate(b *testing.B) {
	for _, size := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("children=%d", size), func(b *testing.B) {
			n := newNode(b)
			sup, err := supervisor.Start(bg, n, []supervisor.ChildSpec{idleTemplate()},
				supervisor.WithStrategy(supervisor.SimpleOneForOne))
			require.NoError(b, err)
			for range size {
				if _, err := supervisor.StartChildArgs(bg, n, sup); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				pid, err := supervisor.StartChildArgs(bg, n, sup)
				if err != nil {
					b.Fatal(err)
				}
				if err := supervisor.TerminateChildPID(bg, n, sup, pid); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// crasher ends right after it starts, for ever: a restart storm.
type crasher struct{ starts *atomic.Int64 }

func (c crasher) Init(p *actor.Process) error {
	c.starts.Add(1)
	p.Send(p.Self(), "crash")
	return nil
}

func (c crasher) Receive(p *actor.Process, msg any) { p.Stop(errBoom) }

// startStorm starts a supervisor with echo children and, if storm, a
// child that crashes as soon as it is (re)started. It returns the echo
// children's PIDs.
func startStorm(t testing.TB, n *actor.Node, storm bool) (echoes []actor.PID, starts *atomic.Int64) {
	starts = new(atomic.Int64)
	var children []supervisor.ChildSpec
	for i := range 8 {
		children = append(children, supervisor.Worker(fmt.Sprint("echo", i), func() actor.Receiver { return idle{} }))
	}
	if storm {
		children = append(children, supervisor.Worker("crasher", func() actor.Receiver { return crasher{starts} }))
	}
	sup, err := supervisor.Start(bg, n, children, supervisor.WithIntensity(1<<30, 100*time.Millisecond))
	require.NoError(t, err)
	info, err := supervisor.WhichChildren(bg, n, sup)
	require.NoError(t, err)
	for _, c := range info {
		if c.ID != "crasher" {
			echoes = append(echoes, c.PID)
		}
	}
	return echoes, starts
}

// BenchmarkSiblingCall measures a call to a supervised child while its
// supervisor is quiet, and while it restarts a crashing sibling in a loop:
// children's messages do not go through the supervisor, so the storm
// costs them only CPU, not queueing behind restarts.
func BenchmarkSiblingCall(b *testing.B) {
	for _, storm := range []bool{false, true} {
		b.Run(map[bool]string{false: "quiet", true: "restart_storm"}[storm], func(b *testing.B) {
			n := newNode(b)
			echoes, starts := startStorm(b, n, storm)
			before := starts.Load()
			i := 0
			for b.Loop() {
				i++
				if _, err := n.Call(bg, echoes[i%len(echoes)], 1); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(starts.Load()-before)/b.Elapsed().Seconds(), "restarts/s")
		})
	}
}

// A supervisor restarting a crashing child does not hold up its other
// children: calls to a sibling keep being answered while the restarts go on.
func TestRestartStorm_SiblingMessagesNotDelayed(t *testing.T) {
	n := newNode(t)
	echoes, starts := startStorm(t, n, true)
	require.Eventually(t, func() bool { return starts.Load() > 100 }, wait, time.Millisecond)
	before := starts.Load()
	var slowest time.Duration
	for i := range 500 {
		t0 := time.Now()
		_, err := n.Call(bg, echoes[i%len(echoes)], 1)
		require.NoError(t, err)
		slowest = max(slowest, time.Since(t0))
	}
	require.Eventually(t, func() bool { return starts.Load() > before }, wait, time.Millisecond,
		"the storm went on during the calls")
	t.Logf("500 sibling calls during %d restarts; slowest call %v", starts.Load()-before, slowest)
}

// While the supervisor is busy inside a restart (a start function that
// blocks), its other children still answer at once: their messages never
// pass through the supervisor.
func TestRestartStorm_SiblingsServedWhileSupervisorBlockedInRestart(t *testing.T) {
	n := newNode(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var starts atomic.Int64
	slow := supervisor.ChildSpec{ID: "slow", Start: func(p *actor.Process, _ ...any) (actor.PID, error) {
		if starts.Add(1) > 1 {
			close(entered)
			p.Blocking(func() { <-release })
		}
		return p.SpawnLink(actor.ReceiveFunc(func(p *actor.Process, msg any) { p.Stop(errBoom) }))
	}}
	var specs []supervisor.ChildSpec
	for i := range 8 {
		specs = append(specs, supervisor.Worker(fmt.Sprint("echo", i), func() actor.Receiver { return idle{} }))
	}
	sup, err := supervisor.Start(bg, n, append(specs, slow))
	require.NoError(t, err)
	info, err := supervisor.WhichChildren(bg, n, sup)
	require.NoError(t, err)
	slowPID := info[0].PID
	var echoes []actor.PID
	for _, c := range info[1:] {
		echoes = append(echoes, c.PID)
	}

	n.Send(slowPID, "crash")
	<-entered // the supervisor is now stuck in the restart
	for i := range 100 {
		got, err := n.Call(bg, echoes[i%len(echoes)], i)
		require.NoError(t, err)
		require.Equal(t, i, got)
	}
	close(release)
	_, err = supervisor.WhichChildren(bg, n, sup)
	require.NoError(t, err)
}
