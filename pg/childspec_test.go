package pg_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
	"github.com/gotp/gotp/supervisor"
)

func TestChildSpec_ScopeRestartedBySupervisor(t *testing.T) {
	n := newNode(t)
	_, err := supervisor.Start(ctxT(t), n, []supervisor.ChildSpec{pg.ChildSpec("supervised")})
	require.NoError(t, err)
	s := pg.Open(n, "supervised")
	old, ok := s.PID()
	require.True(t, ok)
	member := spawn(t, n)
	require.NoError(t, s.Join(ctxT(t), "g", member))

	n.Exit(old, actor.Kill)
	require.Eventually(t, func() bool {
		cur, ok := s.PID()
		return ok && cur != old
	}, wait, time.Millisecond)
	require.Empty(t, s.Members("g"), "local memberships are lost with the scope, as in OTP")
	require.NoError(t, s.Join(ctxT(t), "g", member))
	require.Equal(t, []actor.PID{member}, s.Members("g"))
}

// joiner joins group "workers" of scope s in its Init.
type joiner struct{ s *pg.Scope }

func (j joiner) Init(p *actor.Process) error {
	return j.s.Via(p).Join(context.Background(), "workers", p.Self())
}
func (joiner) Receive(*actor.Process, any) {}

// A restarted child is a new process: the old PID leaves every group by
// itself and the new one joins in its Init (issue: supervisor × pg).
func TestSupervisedMember_RestartReplacesItsPIDInGroups(t *testing.T) {
	n, s := newScope(t)
	sup, err := supervisor.Start(ctxT(t), n, []supervisor.ChildSpec{
		supervisor.Worker("w", func() actor.Receiver { return joiner{s: s} }),
	}, supervisor.WithIntensity(5, time.Second))
	require.NoError(t, err)
	children, err := supervisor.WhichChildren(ctxT(t), n, sup)
	require.NoError(t, err)
	old := children[0].PID
	require.Equal(t, []actor.PID{old}, s.Members("workers"))

	n.Exit(old, actor.Kill)
	require.Eventually(t, func() bool {
		m := s.Members("workers")
		return len(m) == 1 && m[0] != old
	}, wait, time.Millisecond)
	children, err = supervisor.WhichChildren(ctxT(t), n, sup)
	require.NoError(t, err)
	require.Equal(t, s.Members("workers"), []actor.PID{children[0].PID})
}
