package pg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

// cluster starts k nodes, each with the scope "scope" on one Network.
func cluster(t *testing.T, k int) (*pg.Network, []*actor.Node, []*pg.Scope) {
	t.Helper()
	net := pg.NewNetwork()
	nodes := make([]*actor.Node, k)
	scopes := make([]*pg.Scope, k)
	for i := range k {
		nodes[i] = newNode(t)
		s, err := pg.StartScope(nodes[i], "scope", pg.WithTransport(net))
		require.NoError(t, err)
		scopes[i] = s
	}
	return net, nodes, scopes
}

// converge waits until group's members on scope s are exactly want.
func converge(t *testing.T, s *pg.Scope, group string, want ...actor.PID) {
	t.Helper()
	w := sorted(want)
	require.Eventually(t, func() bool {
		got := sorted(s.Members(group))
		if len(got) != len(w) {
			return false
		}
		for i := range got {
			if got[i] != w[i] {
				return false
			}
		}
		return true
	}, wait, time.Millisecond, "members of %q on %s", group, s.Node().Name())
}

func TestCluster_MembersVisibleOnEveryNode(t *testing.T) {
	_, nodes, scopes := cluster(t, 3)
	ctx := ctxT(t)
	pids := make([]actor.PID, 3)
	for i, n := range nodes {
		pids[i] = spawn(t, n)
		require.NoError(t, scopes[i].Join(ctx, "g", pids[i]))
	}
	for _, s := range scopes {
		converge(t, s, "g", pids...)
	}
	snap := scopes[0].Snapshot("g")
	require.Equal(t, []actor.PID{pids[0]}, snap.LocalMembers())
	require.Len(t, snap.Remote(), 2)
	for _, rm := range snap.Remote() {
		require.Equal(t, 1, rm.Len())
		owner := nodes[1]
		if rm.Node == nodes[2].Name() {
			owner = nodes[2]
		}
		scopePID, _ := pg.Open(owner, "scope").PID()
		require.Equal(t, scopePID, rm.Scope)
	}
	require.Equal(t, []string{"g"}, scopes[1].WhichGroups())
	require.Equal(t, []string{"g"}, scopes[1].WhichLocalGroups())

	require.NoError(t, scopes[1].Leave(ctx, "g", pids[1]))
	require.Empty(t, scopes[1].WhichLocalGroups())
	kill(t, nodes[2], pids[2])
	for _, s := range scopes {
		converge(t, s, "g", pids[0])
	}
}

func TestCluster_LateScopeLearnsExistingMembers(t *testing.T) {
	net := pg.NewNetwork()
	a, b := newNode(t), newNode(t)
	sa, err := pg.StartScope(a, "scope", pg.WithTransport(net))
	require.NoError(t, err)
	pa := spawn(t, a)
	require.NoError(t, sa.Join(ctxT(t), "g", pa, pa))
	sb, err := pg.StartScope(b, "scope", pg.WithTransport(net))
	require.NoError(t, err)
	converge(t, sb, "g", pa, pa)
	pb := spawn(t, b)
	require.NoError(t, sb.Join(ctxT(t), "g", pb))
	converge(t, sa, "g", pa, pa, pb)
}

func TestCluster_NetsplitAndHeal(t *testing.T) {
	net, nodes, scopes := cluster(t, 3)
	ctx := ctxT(t)
	p := []actor.PID{spawn(t, nodes[0]), spawn(t, nodes[1]), spawn(t, nodes[2])}
	for i := range p {
		require.NoError(t, scopes[i].Join(ctx, "g", p[i]))
	}
	for _, s := range scopes {
		converge(t, s, "g", p...)
	}
	n0, n1 := nodes[0].Name(), nodes[1].Name()
	net.Cut(n0, n1)
	converge(t, scopes[0], "g", p[0], p[2])
	converge(t, scopes[1], "g", p[1], p[2])
	converge(t, scopes[2], "g", p...)

	// changes during the split reach only the connected side
	extra := spawn(t, nodes[0])
	require.NoError(t, scopes[0].Join(ctx, "g", extra))
	kill(t, nodes[1], p[1])
	late := spawn(t, nodes[1])
	require.NoError(t, scopes[1].Join(ctx, "g", late))
	converge(t, scopes[2], "g", p[0], extra, late, p[2])
	converge(t, scopes[0], "g", p[0], extra, p[2])
	converge(t, scopes[1], "g", late, p[2])

	net.Heal(n0, n1)
	for _, s := range scopes {
		converge(t, s, "g", p[0], extra, late, p[2])
	}
}

func TestCluster_MonitorSeesRemoteChangesAndSplit(t *testing.T) {
	net, nodes, scopes := cluster(t, 2)
	ctx := ctxT(t)
	probe := actortest.NewProbe(t, nodes[0])
	ref, _, err := scopes[0].Monitor(ctx, probe.PID(), "g")
	require.NoError(t, err)
	remote := spawn(t, nodes[1])
	require.NoError(t, scopes[1].Join(ctx, "g", remote))
	require.Equal(t, pg.Joined{Ref: ref, Group: "g", PIDs: []actor.PID{remote}}, probe.Expect(t, wait))
	net.Cut(nodes[0].Name(), nodes[1].Name())
	require.Equal(t, pg.Left{Ref: ref, Group: "g", PIDs: []actor.PID{remote}}, probe.Expect(t, wait))
	net.Heal(nodes[0].Name(), nodes[1].Name())
	require.Equal(t, pg.Joined{Ref: ref, Group: "g", PIDs: []actor.PID{remote}}, probe.Expect(t, wait))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestCluster_ScopeRestart(t *testing.T) {
	net, nodes, scopes := cluster(t, 2)
	ctx := ctxT(t)
	pa, pb := spawn(t, nodes[0]), spawn(t, nodes[1])
	require.NoError(t, scopes[0].Join(ctx, "g", pa))
	require.NoError(t, scopes[1].Join(ctx, "g", pb))
	converge(t, scopes[0], "g", pa, pb)
	converge(t, scopes[1], "g", pa, pb)

	old, _ := scopes[0].PID()
	kill(t, nodes[0], old)
	converge(t, scopes[1], "g", pb) // the peer drops what the old scope contributed
	_, err := pg.StartScope(nodes[0], "scope", pg.WithTransport(net))
	require.NoError(t, err)
	converge(t, scopes[0], "g", pb) // remote members learned again; local ones lost
	require.NoError(t, scopes[0].Join(ctx, "g", pa))
	converge(t, scopes[1], "g", pa, pb)
}

func TestCluster_PeerScopeStopDropsItsMembers(t *testing.T) {
	_, nodes, scopes := cluster(t, 2)
	ctx := ctxT(t)
	pb := spawn(t, nodes[1])
	require.NoError(t, scopes[1].Join(ctx, "g", pb))
	converge(t, scopes[0], "g", pb)
	require.NoError(t, scopes[1].Stop(ctx))
	converge(t, scopes[0], "g")
	require.True(t, nodes[1].IsAlive(pb), "the member lives on; only its scope went away")
}
