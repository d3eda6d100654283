package actor_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

type echo struct{}

func (echo) Receive(p *actor.Process, msg any) {}
func (echo) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	if req == "crash" {
		panic("boom")
	}
	return req, nil
}

func TestSmoke(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(echo{})
	require.NoError(t, err)
	got, err := n.Call(context.Background(), pid, "hi")
	require.NoError(t, err)
	require.Equal(t, "hi", got)

	probe := actortest.NewProbe(t, n)
	probe.Do(func(p *actor.Process) { p.Monitor(pid) })
	_, err = n.Call(context.Background(), pid, "crash")
	var pe *actor.PanicError
	require.ErrorAs(t, err, &pe)
	reason := probe.ExpectDown(t, pid, wait)
	require.ErrorAs(t, reason, &pe)

	_, err = n.Call(context.Background(), pid, "hi")
	require.True(t, errors.Is(err, actor.NoProc), "%v", err)
}
