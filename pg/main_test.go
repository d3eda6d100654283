package pg_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const wait = 5 * time.Second

// newNode starts a node that is stopped when the test ends.
func newNode(t testing.TB, opts ...actor.Option) *actor.Node { return actortest.NewNode(t, opts...) }

// newScope starts a scope named after the test on a fresh node.
func newScope(t testing.TB, opts ...pg.Option) (*actor.Node, *pg.Scope) {
	t.Helper()
	n := newNode(t)
	s, err := pg.StartScope(n, "scope", opts...)
	if err != nil {
		t.Fatal(err)
	}
	return n, s
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// sleeper is a process that does nothing until it is told to stop.
type sleeper struct{}

func (sleeper) Receive(p *actor.Process, msg any) {
	if msg == "stop" {
		p.Stop(actor.Normal)
	}
}

func spawn(t testing.TB, n *actor.Node) actor.PID {
	t.Helper()
	pid, err := n.Spawn(sleeper{})
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// kill ends pid and waits until it has ended.
func kill(t testing.TB, n *actor.Node, pid actor.PID) {
	t.Helper()
	downs, _ := n.Monitor(pid)
	n.Exit(pid, actor.Kill)
	select {
	case <-downs:
	case <-time.After(wait):
		t.Fatalf("%v did not end", pid)
	}
}

// flush waits until the scope has handled everything sent to it before.
func flush(t testing.TB, s *pg.Scope) {
	t.Helper()
	if err := s.Flush(ctxT(t)); err != nil {
		t.Fatal(err)
	}
}
