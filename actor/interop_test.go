package actor_test

import (
	"testing"
	"time"

	pa "github.com/asynkron/protoactor-go/actor"
	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestInterop_ProtoactorActorSendsToGotpProcess(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sys := n.ActorSystem()
	relay := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
		if m, ok := c.Message().(string); ok {
			c.Send(probe.PID().Proto(), "via protoactor: "+m)
		}
	}))
	defer sys.Root.Stop(relay)
	sys.Root.Send(relay, "hi")
	probe.ExpectMsg(t, "via protoactor: hi", wait)
	require.Equal(t, probe.PID(), actor.FromProto(n, probe.PID().Proto()))
}

func TestInterop_GotpProcessSendsToProtoactorActor(t *testing.T) {
	n := newNode(t)
	got := make(chan any, 1)
	sys := n.ActorSystem()
	target := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
		if m, ok := c.Message().(string); ok {
			got <- m
		}
	}))
	defer sys.Root.Stop(target)
	foreign := actor.FromProto(n, target)
	require.False(t, foreign.IsLocal())
	require.Equal(t, foreign, actor.FromProto(n, target), "foreign PIDs are comparable")
	n.Send(foreign, "hello")
	select {
	case m := <-got:
		require.Equal(t, "hello", m)
	case <-time.After(wait):
		t.Fatal("no message")
	}
}

func TestInterop_ProtoactorWatchSeesTermination(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(exitWith{})
	require.NoError(t, err)
	terminated := make(chan *pa.Terminated, 1)
	sys := n.ActorSystem()
	watcher := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
		switch m := c.Message().(type) {
		case *pa.PID:
			c.Watch(m)
			terminated <- nil
		case *pa.Terminated:
			terminated <- m
		}
	}))
	defer sys.Root.Stop(watcher)
	sys.Root.Send(watcher, pid.Proto())
	require.Nil(t, <-terminated)
	n.Send(pid, errOops)
	select {
	case m := <-terminated:
		require.Equal(t, pid.Proto().Id, m.Who.Id)
	case <-time.After(wait):
		t.Fatal("no Terminated")
	}
}
