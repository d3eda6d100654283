package pubsub_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pubsub"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const wait = 5 * time.Second

// newNode starts a node that is stopped when the test ends.
func newNode(t testing.TB) *actor.Node { return actortest.NewNode(t) }

func start(t testing.TB, n *actor.Node, opts ...pubsub.Option) *pubsub.PubSub {
	t.Helper()
	ps, err := pubsub.Start(context.Background(), n, opts...)
	require.NoError(t, err)
	return ps
}

// setup starts a node with pubsub.
func setup(t testing.TB) (*actor.Node, *pubsub.PubSub) {
	n := newNode(t)
	return n, start(t, n)
}

// joinProbe spawns a probe that joins channel (as itself).
func joinProbe(t testing.TB, ps *pubsub.PubSub, channel string) *actortest.Probe {
	t.Helper()
	pr := actortest.NewProbe(t, ps.Node())
	var err error
	pr.Do(func(p *actor.Process) { err = ps.Join(context.Background(), p, channel) })
	require.NoError(t, err)
	return pr
}

func expectMessage(t testing.TB, pr *actortest.Probe) pubsub.Message {
	t.Helper()
	return actortest.ExpectType[pubsub.Message](t, pr, wait)
}
