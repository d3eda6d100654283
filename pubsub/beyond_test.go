package pubsub_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pubsub"
)

func startErr(n *actor.Node) (*pubsub.PubSub, error) {
	return pubsub.Start(context.Background(), n)
}

func TestBroadcastFrom_SkipsSender(t *testing.T) {
	_, ps := setup(t)
	a, b := joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan")
	a.Do(func(p *actor.Process) { ps.BroadcastFrom(p.Self(), "chan", "t", "x") })
	require.Equal(t, a.PID(), expectMessage(t, b).Sender)
	a.ExpectNoMsg(t, wait/100)

	a.Do(func(p *actor.Process) { ps.LocalBroadcastFrom(p.Self(), "chan", "t", "y") })
	require.Equal(t, "y", expectMessage(t, b).Payload)
	a.ExpectNoMsg(t, wait/100)
}

func TestMessage_JSONShape(t *testing.T) {
	_, ps := setup(t)
	a := joinProbe(t, ps, "posts")
	ps.Broadcast(actor.PID{}, "posts", "post_created", map[string]any{"id": 1})
	data, err := expectMessage(t, a).JSON()
	require.NoError(t, err)
	require.JSONEq(t, `{"channel":"posts","event":"post_created","data":{"id":1}}`, string(data))
}

func TestSlowSubscriber_DoesNotSlowOthers(t *testing.T) {
	n, ps := setup(t)
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	slow, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-release
	}), actor.WithMailboxLimit(100, actor.OverflowDrop))
	require.NoError(t, err)
	require.NoError(t, ps.JoinPID(context.Background(), slow, "flood"))
	fast := joinProbe(t, ps, "flood")

	const count = 10000
	for i := 0; i < count; i++ { // a flooding publisher; never blocks
		ps.Broadcast(actor.PID{}, "flood", "t", i)
	}
	<-entered
	for i := 0; i < count; i++ { // the fast subscriber gets everything while slow is stuck
		require.Equal(t, i, expectMessage(t, fast).Payload)
	}
	info, err := n.ProcessInfo(slow)
	require.NoError(t, err)
	require.Greater(t, info.Dropped, uint64(count-200), "the slow subscriber dropped the overflow")
	close(release)
}

func TestSlowSubscriber_OverflowExitLeavesItsChannels(t *testing.T) {
	n, ps := setup(t)
	release := make(chan struct{})
	defer close(release)
	slow, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) { <-release }),
		actor.WithMailboxLimit(10, actor.OverflowExit))
	require.NoError(t, err)
	require.NoError(t, ps.JoinPID(context.Background(), slow, "flood"))
	mon, _ := n.Monitor(slow)
	for i := 0; i < 100; i++ {
		ps.Broadcast(actor.PID{}, "flood", "t", i)
	}
	require.ErrorIs(t, (<-mon).Reason, actor.MailboxOverflow)
	require.Eventually(t, func() bool { return len(ps.Members("flood")) == 0 }, wait, 1e6)
}

func TestScopeRestart_MembersAreRejoined(t *testing.T) {
	n, ps := setup(t)
	a := joinProbe(t, ps, "posts")
	a.Do(func(p *actor.Process) { require.NoError(t, ps.Join(context.Background(), p, "posts")) })
	b := joinProbe(t, ps, "comments")
	old, ok := ps.Scope().PID()
	require.True(t, ok)
	n.Exit(old, actor.Kill) // the supervisor restarts it; the relay re-joins
	require.Eventually(t, func() bool {
		cur, ok := ps.Scope().PID()
		return ok && cur != old && len(ps.Members("posts")) == 2 && len(ps.Members("comments")) == 1
	}, wait, 1e6)
	ps.Broadcast(actor.PID{}, "posts", "t", "after restart")
	require.Equal(t, "after restart", expectMessage(t, a).Payload)
	require.Equal(t, "after restart", expectMessage(t, a).Payload, "joined twice, still twice")
	ps.Broadcast(actor.PID{}, "comments", "t", "c")
	expectMessage(t, b)

	// The mirror keeps following: a member that ends after the restart is
	// not re-joined by a second restart.
	n.Exit(b.PID(), actor.Kill)
	require.Eventually(t, func() bool { return len(ps.Members("comments")) == 0 }, wait, 1e6)
	cur, _ := ps.Scope().PID()
	n.Exit(cur, actor.Kill)
	require.Eventually(t, func() bool {
		now, ok := ps.Scope().PID()
		return ok && now != cur && len(ps.Members("posts")) == 2
	}, wait, 1e6)
	require.Empty(t, ps.Members("comments"))
}

func TestStop_StopsScopeAndRelay(t *testing.T) {
	n, ps := setup(t)
	_ = joinProbe(t, ps, "x")
	before := n.ProcessCount()
	require.NoError(t, ps.Stop(context.Background()))
	require.Equal(t, before-3, n.ProcessCount(), "supervisor, scope and relay are gone")
	_, ok := ps.Scope().PID()
	require.False(t, ok)
	_ = actortest.NewProbe(t, n)
}
