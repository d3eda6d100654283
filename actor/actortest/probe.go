package actortest

import (
	"reflect"
	"testing"
	"time"

	"github.com/gotp/gotp/actor"
)

// Probe is a process that records what it receives. Its methods may be
// called from the test goroutine; they are safe for concurrent use.
type Probe struct {
	node *actor.Node
	pid  actor.PID
	msgs chan any
}

type doRequest struct {
	fn   func(p *actor.Process)
	done chan struct{}
}

type probeProcess struct{ msgs chan any }

func (pp *probeProcess) Receive(p *actor.Process, msg any) {
	if d, ok := msg.(doRequest); ok {
		d.fn(p)
		close(d.done)
		return
	}
	pp.msgs <- msg
}

// NewProbe spawns a probe on node. It buffers up to 65536 messages.
func NewProbe(t testing.TB, node *actor.Node, opts ...actor.SpawnOption) *Probe {
	t.Helper()
	msgs := make(chan any, 1<<16)
	pid, err := node.Spawn(&probeProcess{msgs: msgs}, opts...)
	if err != nil {
		t.Fatalf("actortest: spawn probe: %v", err)
	}
	return &Probe{node: node, pid: pid, msgs: msgs}
}

// PID returns the probe's PID.
func (pr *Probe) PID() actor.PID { return pr.pid }

// Do runs fn inside the probe process (as its callback) and waits for it,
// so a test can link, monitor, trap exits, spawn or call as the probe.
func (pr *Probe) Do(fn func(p *actor.Process)) {
	done := make(chan struct{})
	pr.node.Send(pr.pid, doRequest{fn: fn, done: done})
	<-done
}

// Receive returns the next message, or false when none arrives within
// timeout.
func (pr *Probe) Receive(timeout time.Duration) (any, bool) {
	select {
	case m := <-pr.msgs:
		return m, true
	default:
		if timeout <= 0 {
			return nil, false
		}
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case m := <-pr.msgs:
		return m, true
	case <-t.C:
		return nil, false
	}
}

// Expect returns the next message, failing t if none arrives within timeout.
func (pr *Probe) Expect(t testing.TB, timeout time.Duration) any {
	t.Helper()
	m, ok := pr.Receive(timeout)
	if !ok {
		t.Fatalf("actortest: no message within %v", timeout)
	}
	return m
}

// ExpectMsg fails t unless the next message, within timeout, equals want
// (reflect.DeepEqual).
func (pr *Probe) ExpectMsg(t testing.TB, want any, timeout time.Duration) {
	t.Helper()
	got := pr.Expect(t, timeout)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("actortest: got %T %v, want %T %v", got, got, want, want)
	}
}

// ExpectNoMsg fails t if a message arrives within d. It is the one helper
// that must wait its whole duration: keep d short.
func (pr *Probe) ExpectNoMsg(t testing.TB, d time.Duration) {
	t.Helper()
	if m, ok := pr.Receive(d); ok {
		t.Fatalf("actortest: unexpected message %T %v", m, m)
	}
}

// ExpectType returns the next message as a T, failing t if none arrives
// within timeout or it has another type.
func ExpectType[T any](t testing.TB, pr *Probe, timeout time.Duration) T {
	t.Helper()
	m := pr.Expect(t, timeout)
	v, ok := m.(T)
	if !ok {
		var zero T
		t.Fatalf("actortest: got %T %v, want a %T", m, m, zero)
	}
	return v
}

// ExpectDown waits for a Down about pid and returns its reason.
func (pr *Probe) ExpectDown(t testing.TB, pid actor.PID, timeout time.Duration) error {
	t.Helper()
	d := ExpectType[actor.Down](t, pr, timeout)
	if d.PID != pid {
		t.Fatalf("actortest: Down for %v, want %v", d.PID, pid)
	}
	return d.Reason
}

// ExpectExit waits for an ExitMsg from pid and returns its reason.
func (pr *Probe) ExpectExit(t testing.TB, from actor.PID, timeout time.Duration) error {
	t.Helper()
	e := ExpectType[actor.ExitMsg](t, pr, timeout)
	if e.From != from {
		t.Fatalf("actortest: ExitMsg from %v, want %v", e.From, from)
	}
	return e.Reason
}
