package actor_test

import (
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newNode starts a node that is stopped when the test ends.
func newNode(t testing.TB, opts ...actor.Option) *actor.Node { return actortest.NewNode(t, opts...) }

const wait = 5 * time.Second
