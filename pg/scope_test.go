package pg_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

func TestScope_StartTwiceIsAlreadyStarted(t *testing.T) {
	n, s := newScope(t)
	_, err := pg.StartScope(n, "scope")
	require.ErrorIs(t, err, pg.ErrAlreadyStarted)
	var ae *pg.AlreadyStartedError
	require.ErrorAs(t, err, &ae)
	pid, ok := s.PID()
	require.True(t, ok)
	require.Equal(t, pid, ae.PID)
}

func TestScope_DefaultScope(t *testing.T) {
	n := newNode(t)
	s, err := pg.StartScope(n, pg.DefaultScope)
	require.NoError(t, err)
	pid := spawn(t, n)
	require.NoError(t, s.Join(ctxT(t), "g", pid))
	require.Equal(t, []actor.PID{pid}, pg.Default(n).Members("g"))
	where, ok := n.Whereis(pg.DefaultScope)
	require.True(t, ok)
	got, _ := s.PID()
	require.Equal(t, where, got)
}

func TestScope_AbsentScopeReadsEmpty(t *testing.T) {
	n := newNode(t)
	s := pg.Open(n, "nothing")
	require.Empty(t, s.Members("g"))
	require.Empty(t, s.LocalMembers("g"))
	require.Empty(t, s.WhichGroups())
	require.Empty(t, s.WhichLocalGroups())
	require.Zero(t, s.Snapshot("g").Len())
	err := s.Join(ctxT(t), "g", spawn(t, n))
	require.ErrorIs(t, err, pg.ErrNoScope)
	require.ErrorIs(t, err, actor.NoProc)
}

func TestScope_AbsentGroupReadsEmpty(t *testing.T) {
	_, s := newScope(t)
	require.Empty(t, s.Members("none"))
	require.Empty(t, s.LocalMembers("none"))
	s.ForEachMember("none", func(actor.PID) bool { t.Fatal("visited"); return false })
}

func TestScope_UnexpectedMessageDoesNotCrash(t *testing.T) {
	n, s := newScope(t)
	pid, _ := s.PID()
	probe := actortest.NewProbe(t, n)
	probe.Do(func(p *actor.Process) { p.Monitor(pid) })
	n.Send(pid, "garbage")
	n.Send(pid, struct{ X int }{1})
	n.Send(pid, pg.JoinMsg{From: spawn(t, n), Group: "g"}) // from an unknown peer: ignored
	_, err := n.Call(ctxT(t), pid, "a call")
	require.ErrorIs(t, err, pg.ErrUnexpected)
	m := spawn(t, n)
	require.NoError(t, s.Join(ctxT(t), "g", m))
	require.Equal(t, []actor.PID{m}, s.Members("g"))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
	require.True(t, n.IsAlive(pid))
}

func TestScope_RestartLosesLocalMemberships(t *testing.T) {
	n, s := newScope(t)
	m := spawn(t, n)
	require.NoError(t, s.Join(ctxT(t), "g", m))
	old, _ := s.PID()
	kill(t, n, old)
	require.Eventually(t, func() bool { return len(s.Members("g")) == 0 }, wait, time.Millisecond)
	_, err := pg.StartScope(n, "scope")
	require.NoError(t, err)
	now, ok := s.PID()
	require.True(t, ok)
	require.NotEqual(t, old, now)
	require.Empty(t, s.Members("g"), "local memberships are lost on restart")
	require.NoError(t, s.Join(ctxT(t), "g", m))
	require.Equal(t, []actor.PID{m}, s.Members("g"))
}

func TestScope_StopThenReadsEmpty(t *testing.T) {
	n, s := newScope(t)
	require.NoError(t, s.Join(ctxT(t), "g", spawn(t, n)))
	require.NoError(t, s.Stop(ctxT(t)))
	require.Empty(t, s.Members("g"))
	require.True(t, errors.Is(s.Join(ctxT(t), "g", spawn(t, n)), pg.ErrNoScope))
}

type starter struct {
	scope *pg.Scope
	err   error
}

func (st *starter) Init(p *actor.Process) error {
	st.scope, st.err = pg.StartScopeLink(p, "linked")
	return nil
}
func (st *starter) Receive(p *actor.Process, msg any) {}

func TestScope_StartScopeLinkLinksToCaller(t *testing.T) {
	n := newNode(t)
	st := &starter{}
	parent, err := n.Spawn(st)
	require.NoError(t, err)
	require.NoError(t, st.err)
	scopePID, ok := st.scope.PID()
	require.True(t, ok)
	info, err := n.ProcessInfo(scopePID)
	require.NoError(t, err)
	require.Equal(t, []actor.PID{parent}, info.Links)
	kill(t, n, parent)
	require.Eventually(t, func() bool { return !n.IsAlive(scopePID) }, wait, time.Millisecond)
}
