package pg_test

import (
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
