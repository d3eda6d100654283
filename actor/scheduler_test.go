package actor_test

import (
	"context"
	"testing"
	"time"

	"github.com/gotp/gotp/actor"
)

// gatherer answers no call until it holds want of them, then answers all.
type gatherer struct {
	want    int
	waiting []actor.From
}

func (g *gatherer) Receive(p *actor.Process, msg any) {}

func (g *gatherer) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	g.waiting = append(g.waiting, from)
	if len(g.waiting) == g.want {
		for _, f := range g.waiting {
			actor.Reply(f, "ok")
		}
		g.waiting = nil
	}
	return actor.NoReply, nil
}

// TestScheduler_ManyCallersDoNotStall parks far more processes in Call than
// the node has workers: every reply depends on the last caller getting to
// run, so a pool that lost its workers to blocked callers would stall.
func TestScheduler_ManyCallersDoNotStall(t *testing.T) {
	const callers = 200
	n := newNode(t, actor.WithWorkers(2))
	server, err := n.Spawn(&gatherer{want: callers})
	if err != nil {
		t.Fatal(err)
	}
	results := make(chan error, callers)
	caller := actor.ReceiveFunc(func(p *actor.Process, msg any) {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		_, err := p.Call(ctx, server, "join")
		results <- err
	})
	for range callers {
		pid, err := n.Spawn(caller)
		if err != nil {
			t.Fatal(err)
		}
		n.Send(pid, "go")
	}
	deadline := time.After(wait)
	for i := range callers {
		select {
		case err := <-results:
			if err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
		case <-deadline:
			t.Fatalf("stalled: %d of %d calls answered", i, callers)
		}
	}
}

// TestScheduler_WatchdogAddsWorkersForHiddenBlocking blocks 50 processes in
// user code the scheduler cannot see (a channel receive inside Receive).
// They are released only when a 51st process runs, which needs the
// watchdog to notice the stuck workers and add new ones.
func TestScheduler_WatchdogAddsWorkersForHiddenBlocking(t *testing.T) {
	n := newNode(t, actor.WithWorkers(2))
	runBlockers(t, n, func(p *actor.Process, gate <-chan struct{}) {
		<-gate // invisible to the scheduler
	})
}

// TestScheduler_BlockingSectionHandsOverWorker does the same with the
// blocking declared through Process.Blocking, which must not need the
// watchdog: it works even when the watchdog would take an hour to react.
func TestScheduler_BlockingSectionHandsOverWorker(t *testing.T) {
	n := newNode(t, actor.WithWorkers(2), actor.WithStuckAfter(time.Hour))
	runBlockers(t, n, func(p *actor.Process, gate <-chan struct{}) {
		p.Blocking(func() { <-gate })
	})
}

// runBlockers starts 50 processes that block with block until a 51st
// process, which can only run if the scheduler still has a free worker,
// opens the gate; it fails t unless all 50 are released.
func runBlockers(t *testing.T, n *actor.Node, block func(p *actor.Process, gate <-chan struct{})) {
	t.Helper()
	const blockers = 50
	gate := make(chan struct{})
	released := make(chan struct{}, blockers)
	blocker := actor.ReceiveFunc(func(p *actor.Process, msg any) {
		block(p, gate)
		released <- struct{}{}
	})
	for range blockers {
		pid, err := n.Spawn(blocker)
		if err != nil {
			t.Fatal(err)
		}
		n.Send(pid, "go")
	}
	opener, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		close(gate)
	}))
	if err != nil {
		t.Fatal(err)
	}
	n.Send(opener, "open")

	deadline := time.After(wait)
	for i := range blockers {
		select {
		case <-released:
		case <-deadline:
			t.Fatalf("stalled: %d of %d blocked processes released", i, blockers)
		}
	}
}
