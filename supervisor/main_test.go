package supervisor_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const wait = 5 * time.Second

var (
	errBoom = errors.New("boom")
	bg      = context.Background()
)

// newNode starts a node that is stopped when the test ends.
func newNode(t testing.TB) *actor.Node { return actortest.NewNode(t) }

// started and terminated are what test workers report to their probe.
type started struct {
	ID  string
	PID actor.PID
}

type terminated struct {
	ID     string
	PID    actor.PID
	Reason error
}

// stopWith makes a test worker end with reason (p.Stop).
type stopWith struct{ reason error }

// worker is a test child: it traps exits (so the supervisor's Shutdown
// runs its Terminate), reports its start and its end, and ends on stopWith.
type worker struct {
	id     string
	report actor.PID
	noTrap bool
	hang   chan struct{} // if set, Terminate blocks until it is closed
}

func (w *worker) Init(p *actor.Process) error {
	if !w.noTrap {
		p.TrapExit(true)
	}
	p.Send(w.report, started{w.id, p.Self()})
	return nil
}

func (w *worker) Receive(p *actor.Process, msg any) {
	if m, ok := msg.(stopWith); ok {
		p.Stop(m.reason)
	}
}

func (w *worker) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	return req, nil
}

func (w *worker) Terminate(p *actor.Process, reason error) {
	if w.hang != nil {
		<-w.hang
	}
	p.Send(w.report, terminated{w.id, p.Self(), reason})
}

// spec returns a worker child spec reporting to probe.
func spec(id string, probe *actortest.Probe, opts ...supervisor.ChildOption) supervisor.ChildSpec {
	return supervisor.Worker(id, func() actor.Receiver { return &worker{id: id, report: probe.PID()} }, opts...)
}

// expectStarted waits for the next message, a start report of id.
func expectStarted(t *testing.T, probe *actortest.Probe, id string) actor.PID {
	t.Helper()
	m := actortest.ExpectType[started](t, probe, wait)
	require.Equal(t, id, m.ID, "start order")
	return m.PID
}

// expectTerminated waits for the next message, an end report of id.
func expectTerminated(t *testing.T, probe *actortest.Probe, id string) error {
	t.Helper()
	m := actortest.ExpectType[terminated](t, probe, wait)
	require.Equal(t, id, m.ID, "termination order")
	return m.Reason
}

// crash makes a test worker end with reason.
func crash(n *actor.Node, pid actor.PID, reason error) { n.Send(pid, stopWith{reason}) }

// fakeClock is a Clock that moves only when told.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1_000_000, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// events collects the events of a supervisor for a test.
type events struct {
	ch chan supervisor.Event
}

func newEvents() *events { return &events{ch: make(chan supervisor.Event, 1<<14)} }

func (e *events) hook() supervisor.Option {
	return supervisor.WithEventHook(func(ev supervisor.Event) {
		select {
		case e.ch <- ev:
		default:
		}
	})
}

// next returns the next event of type T, skipping others.
func nextEvent[T supervisor.Event](t *testing.T, e *events) T {
	t.Helper()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case ev := <-e.ch:
			if v, ok := ev.(T); ok {
				return v
			}
		case <-timer.C:
			var zero T
			t.Fatalf("no %T event within %v", zero, wait)
			return zero
		}
	}
}

// startSup starts a supervisor as a child of a trapping probe (its parent),
// which also monitors it. It returns the supervisor and the parent probe.
func startSup(t *testing.T, n *actor.Node, children []supervisor.ChildSpec, opts ...supervisor.Option) (actor.PID, *actortest.Probe) {
	t.Helper()
	parent := actortest.NewProbe(t, n)
	var sup actor.PID
	var err error
	parent.Do(func(p *actor.Process) {
		p.TrapExit(true)
		sup, err = supervisor.StartLink(bg, p, children, opts...)
		if err == nil {
			p.Monitor(sup)
		}
	})
	require.NoError(t, err)
	return sup, parent
}

// whichIDs returns the IDs and statuses WhichChildren reports.
func which(t *testing.T, n *actor.Node, sup actor.PID) []supervisor.ChildInfo {
	t.Helper()
	children, err := supervisor.WhichChildren(bg, n, sup)
	require.NoError(t, err)
	return children
}

func pidOf(t *testing.T, n *actor.Node, sup actor.PID, id string) actor.PID {
	t.Helper()
	for _, c := range which(t, n, sup) {
		if c.ID == id {
			return c.PID
		}
	}
	t.Fatalf("no child %q", id)
	return actor.PID{}
}

// counter counts start attempts, to make start functions fail on demand.
type counter struct{ n atomic.Int64 }
