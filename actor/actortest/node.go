package actortest

import (
	"context"
	"testing"
	"time"

	"github.com/gotp/gotp/actor"
)

// NewNode starts a node for a test and stops it when the test ends,
// failing the test if the node does not stop within 10 seconds.
func NewNode(t testing.TB, opts ...actor.Option) *actor.Node {
	t.Helper()
	n, err := actor.NewNode(opts...)
	if err != nil {
		t.Fatalf("actortest: new node: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := n.Stop(ctx); err != nil {
			t.Errorf("actortest: node stop: %v", err)
		}
	})
	return n
}
