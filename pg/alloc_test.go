package pg_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
)

func TestRead_ForEachAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	n, s := newScope(t)
	pids := make([]actor.PID, 1000)
	for i := range pids {
		pids[i] = spawn(t, n)
	}
	require.NoError(t, s.Join(ctxT(t), "g", pids...))
	count := 0
	require.Zero(t, testing.AllocsPerRun(100, func() {
		s.ForEachMember("g", func(actor.PID) bool { count++; return true })
	}))
	require.Zero(t, testing.AllocsPerRun(100, func() {
		for range s.Snapshot("g").All() {
			count++
		}
	}))
	require.Zero(t, testing.AllocsPerRun(100, func() {
		for range s.Snapshot("g").Local() {
			count++
		}
	}))
	require.Equal(t, 1, int(testing.AllocsPerRun(100, func() { _ = s.Members("g") })))
}
