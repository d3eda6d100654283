package pg_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
)

func sorted(pids []actor.PID) []string {
	out := make([]string, len(pids))
	for i, p := range pids {
		out[i] = p.String()
	}
	slices.Sort(out)
	return out
}

func TestJoin_CountedJoinsAndLeaves(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", a))
	require.NoError(t, s.Join(ctx, "g", a))
	require.NoError(t, s.Join(ctx, "g", a, a))
	require.Equal(t, []actor.PID{a, a, a, a}, s.Members("g"))
	require.Equal(t, []actor.PID{a, a, a, a}, s.LocalMembers("g"))
	for i := 3; i >= 0; i-- {
		require.NoError(t, s.Leave(ctx, "g", a))
		require.Len(t, s.Members("g"), i)
	}
	require.ErrorIs(t, s.Leave(ctx, "g", a), pg.ErrNotJoined)
	require.Empty(t, s.WhichGroups(), "an empty group is deleted")
}

func TestJoin_ListJoinAndLeave(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a, b, c := spawn(t, n), spawn(t, n), spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", a, b))
	require.NoError(t, s.Join(ctx, "g", c, a))
	require.Equal(t, sorted([]actor.PID{a, a, b, c}), sorted(s.Members("g")))
	require.NoError(t, s.Leave(ctx, "g", a, b))
	require.Equal(t, sorted([]actor.PID{a, c}), sorted(s.Members("g")))
}

func TestLeave_NotJoined(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a, b := spawn(t, n), spawn(t, n)
	require.ErrorIs(t, s.Leave(ctx, "g", a), pg.ErrNotJoined, "absent group")
	require.NoError(t, s.Join(ctx, "g", a))
	require.ErrorIs(t, s.Leave(ctx, "g", b), pg.ErrNotJoined, "not a member")
	require.ErrorIs(t, s.Leave(ctx, "other", a), pg.ErrNotJoined, "member of another group")
	require.NoError(t, s.Leave(ctx, "g", b, a), "a list with one member is ok")
	require.ErrorIs(t, s.Leave(ctx, "g", a, b), pg.ErrNotJoined, "none of the list joined")
	require.Empty(t, s.WhichGroups())
}

func TestJoin_OnlyLocalProcesses(t *testing.T) {
	n, s := newScope(t)
	other := newNode(t)
	ctx := ctxT(t)
	local, remote := spawn(t, n), spawn(t, other)
	err := s.Join(ctx, "g", local, remote)
	require.ErrorIs(t, err, pg.ErrNotLocal)
	require.Empty(t, s.Members("g"), "nothing joined")
	require.ErrorIs(t, s.Join(ctx, "g", actor.PID{}), pg.ErrNotLocal)
	require.ErrorIs(t, s.Leave(ctx, "g", remote), pg.ErrNotLocal)
}

func TestJoin_EmptyListRejected(t *testing.T) {
	_, s := newScope(t)
	require.ErrorIs(t, s.Join(ctxT(t), "g"), pg.ErrNoPIDs)
	require.ErrorIs(t, s.Leave(ctxT(t), "g"), pg.ErrNoPIDs)
	require.Empty(t, s.WhichGroups(), "no phantom group")
}

func TestJoin_WhichGroups(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "b", a))
	require.NoError(t, s.Join(ctx, "a", a))
	require.Equal(t, []string{"a", "b"}, s.WhichGroups())
	require.Equal(t, []string{"a", "b"}, s.WhichLocalGroups())
	require.NoError(t, s.Leave(ctx, "a", a))
	require.Equal(t, []string{"b"}, s.WhichGroups())
}

func TestJoin_ManyMembersSnapshotIsConsistent(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	pids := make([]actor.PID, 1000)
	for i := range pids {
		pids[i] = spawn(t, n)
	}
	require.NoError(t, s.Join(ctx, "g", pids...))
	old := s.Snapshot("g")
	for i := 0; i < len(pids); i += 2 {
		require.NoError(t, s.Leave(ctx, "g", pids[i]))
	}
	require.Equal(t, sorted(pids), sorted(old.Members()), "an old snapshot never changes")
	require.Equal(t, sorted(pids), sorted(slices.Collect(old.All())))
	var odd []actor.PID
	for i := 1; i < len(pids); i += 2 {
		odd = append(odd, pids[i])
	}
	require.Equal(t, sorted(odd), sorted(s.Members("g")))
	require.NoError(t, s.Join(ctx, "g", pids[0], pids[0]))
	require.Equal(t, sorted(append(odd, pids[0], pids[0])), sorted(s.Members("g")))
	require.Equal(t, sorted(pids), sorted(old.Members()))
}

func TestJoin_ForEachStopsEarly(t *testing.T) {
	n, s := newScope(t)
	require.NoError(t, s.Join(ctxT(t), "g", spawn(t, n), spawn(t, n), spawn(t, n)))
	count := 0
	s.ForEachMember("g", func(actor.PID) bool { count++; return count < 2 })
	require.Equal(t, 2, count)
}

func TestJoin_FromInsideAProcess(t *testing.T) {
	n, s := newScope(t)
	errs := make(chan error, 1)
	pid, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		if msg == "join" {
			errs <- s.Via(p).Join(ctxT(t), "g", p.Self())
		}
	}))
	require.NoError(t, err)
	n.Send(pid, "join")
	require.NoError(t, <-errs)
	require.Equal(t, []actor.PID{pid}, s.Members("g"))
}

// Readers on other goroutines run while the scope changes the group: no
// lock, no race, and every read sees a whole snapshot.
func TestRead_ConcurrentWithWrites(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	pids := make([]actor.PID, 300)
	for i := range pids {
		pids[i] = spawn(t, n)
	}
	stop := make(chan struct{})
	done := make(chan int, 2)
	for range 2 {
		go func() {
			reads := 0
			for { // read first: every reader reads at least once, however loaded the machine
				snap := s.Snapshot("g")
				count := 0
				snap.ForEach(func(actor.PID) bool { count++; return true })
				if count != snap.Len() || len(snap.Members()) != count {
					panic("torn snapshot")
				}
				_ = s.WhichGroups()
				reads++
				select {
				case <-stop:
					done <- reads
					return
				default:
				}
			}
		}()
	}
	for round := range 5 {
		require.NoError(t, s.Join(ctx, "g", pids...))
		for i, pid := range pids {
			if i%3 == round%3 {
				require.NoError(t, s.Leave(ctx, "g", pid))
			}
		}
		require.NoError(t, s.Join(ctx, "g", pids[:round*10+1]...))
	}
	close(stop)
	require.Positive(t, <-done+<-done)
}
