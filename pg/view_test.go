package pg_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
)

func TestInstance_ReadableAfterTheScopeEnds(t *testing.T) {
	n, s := newScope(t)
	a, b := spawn(t, n), spawn(t, n)
	require.NoError(t, s.Join(ctxT(t), "g", a, a, b))
	require.NoError(t, s.Join(ctxT(t), "h", b))
	inst, ok := s.Instance()
	require.True(t, ok)
	kill(t, n, inst.PID())
	_, ok = s.Instance()
	require.False(t, ok)
	got := map[string][]actor.PID{}
	inst.ForEachLocalGroup(func(g string, pids []actor.PID) bool { got[g] = pids; return true })
	require.ElementsMatch(t, []actor.PID{a, a, b}, got["g"])
	require.Equal(t, []actor.PID{b}, got["h"])
}
