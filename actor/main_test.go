package actor_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// newNode starts a node that is stopped when the test ends.
func newNode(t testing.TB, opts ...actor.Option) *actor.Node {
	t.Helper()
	n, err := actor.NewNode(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := n.Stop(ctx); err != nil {
			t.Errorf("node stop: %v", err)
		}
	})
	return n
}

const wait = 5 * time.Second
