package pubsub_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
	"github.com/gotp/gotp/pubsub"
)

// cluster starts k nodes, each with pubsub, connected by one pg.Network.
func cluster(t *testing.T, k int) (*pg.Network, []*pubsub.PubSub) {
	t.Helper()
	net := pg.NewNetwork()
	pss := make([]*pubsub.PubSub, k)
	for i := range pss {
		pss[i] = start(t, newNode(t), pubsub.WithTransport(net))
	}
	return net, pss
}

// converge waits until every PubSub sees want members in channel.
func converge(t *testing.T, pss []*pubsub.PubSub, channel string, want int) {
	t.Helper()
	require.Eventually(t, func() bool {
		for _, ps := range pss {
			if len(ps.Members(channel)) != want {
				return false
			}
		}
		return true
	}, wait, time.Millisecond)
}

func TestCluster_BroadcastReachesEveryNode(t *testing.T) {
	_, pss := cluster(t, 3)
	probes := make([]*actortest.Probe, 3)
	for i, ps := range pss {
		probes[i] = joinProbe(t, ps, "posts")
	}
	converge(t, pss, "posts", 3)
	probes[0].Do(func(p *actor.Process) { pss[0].Broadcast(p.Self(), "posts", "post_created", 7) })
	for _, pr := range probes {
		m := expectMessage(t, pr)
		require.Equal(t, 7, m.Payload)
		require.Equal(t, probes[0].PID(), m.Sender)
	}
	require.Len(t, pss[1].LocalMembers("posts"), 1)
}

func TestCluster_LocalBroadcastStaysOnItsNode(t *testing.T) {
	_, pss := cluster(t, 2)
	a, b := joinProbe(t, pss[0], "c"), joinProbe(t, pss[1], "c")
	converge(t, pss, "c", 2)
	pss[0].LocalBroadcast(actor.PID{}, "c", "t", "local")
	require.Equal(t, "local", expectMessage(t, a).Payload)
	b.ExpectNoMsg(t, wait/50)
}

func TestCluster_PerPublisherOrderAcrossNodes(t *testing.T) {
	_, pss := cluster(t, 2)
	remote := make([]*actortest.Probe, 3)
	for i := range remote {
		remote[i] = joinProbe(t, pss[1], "c")
	}
	converge(t, pss, "c", 3)
	const count = 2000
	for i := 0; i < count; i++ {
		pss[0].Broadcast(actor.PID{}, "c", "t", i)
	}
	for _, pr := range remote {
		for i := 0; i < count; i++ {
			require.Equal(t, i, expectMessage(t, pr).Payload)
		}
	}
}

func TestCluster_OneMessagePerRemoteNode(t *testing.T) {
	_, pss := cluster(t, 2)
	probes := make([]*actortest.Probe, 50)
	for i := range probes {
		probes[i] = joinProbe(t, pss[1], "wide")
	}
	converge(t, pss, "wide", 50)
	// Groups are published one by one: wait for node 1's relay to be
	// known on node 0 too (before that, node 0 sends to each member).
	converge(t, pss, "$gotp.pubsub.relay", 2)
	pss[0].Broadcast(actor.PID{}, "wide", "t", "x")
	for _, pr := range probes {
		expectMessage(t, pr)
	}
	sent, got := pss[0].Stats(), pss[1].Stats()
	require.Equal(t, uint64(1), sent.Forwards, "one message for the whole remote node")
	require.Zero(t, sent.DirectRemote)
	require.Equal(t, uint64(1), got.Relayed)
	require.Equal(t, uint64(50), got.LocalDeliveries)
}

func TestCluster_NetsplitDropsAndHealRestores(t *testing.T) {
	net, pss := cluster(t, 2)
	a, b := joinProbe(t, pss[0], "c"), joinProbe(t, pss[1], "c")
	converge(t, pss, "c", 2)
	net.Cut(pss[0].Node().Name(), pss[1].Node().Name())
	require.Eventually(t, func() bool {
		return len(pss[0].Members("c")) == 1 && len(pss[1].Members("c")) == 1
	}, wait, time.Millisecond)
	pss[0].Broadcast(actor.PID{}, "c", "t", "split")
	require.Equal(t, "split", expectMessage(t, a).Payload)
	b.ExpectNoMsg(t, wait/50)
	net.Heal(pss[0].Node().Name(), pss[1].Node().Name())
	converge(t, pss, "c", 2)
	require.Eventually(t, func() bool {
		pss[0].Broadcast(actor.PID{}, "c", "t", "healed")
		_, ok := b.Receive(time.Millisecond)
		return ok
	}, wait, time.Millisecond)
}

func TestCluster_RemoteMemberDeathIsDropped(t *testing.T) {
	_, pss := cluster(t, 2)
	_ = joinProbe(t, pss[0], "c")
	b := joinProbe(t, pss[1], "c")
	converge(t, pss, "c", 2)
	pss[1].Node().Exit(b.PID(), actor.Kill)
	converge(t, pss, "c", 1)
	_ = context.Background()
}
