package pg_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

func TestExit_MemberRemovedFromEveryGroupOncePerJoin(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	probe := actortest.NewProbe(t, n)
	ref, _, err := s.MonitorScope(ctx, probe.PID())
	require.NoError(t, err)
	a, b := spawn(t, n), spawn(t, n)
	require.NoError(t, s.Join(ctx, "g1", a, a))
	require.NoError(t, s.Join(ctx, "g2", a))
	require.NoError(t, s.Join(ctx, "g2", b))
	for range 3 {
		actortest.ExpectType[pg.Joined](t, probe, wait)
	}
	kill(t, n, a)
	left := map[string]int{}
	for range 3 {
		l := actortest.ExpectType[pg.Left](t, probe, wait)
		require.Equal(t, ref, l.Ref)
		require.Equal(t, []actor.PID{a}, l.PIDs)
		left[l.Group]++
	}
	require.Equal(t, map[string]int{"g1": 2, "g2": 1}, left)
	probe.ExpectNoMsg(t, 20*time.Millisecond)
	require.Empty(t, s.Members("g1"))
	require.Equal(t, []actor.PID{b}, s.Members("g2"))
	require.Equal(t, []string{"g2"}, s.WhichGroups())
}

func TestExit_AnyReasonRemoves(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	normal, crash := spawn(t, n), spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", normal, crash))
	n.Send(normal, "stop")
	n.Exit(crash, errors.New("boom"))
	require.Eventually(t, func() bool { return len(s.Members("g")) == 0 }, wait, time.Millisecond)
}

func TestExit_JoinDeadProcess(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	dead := spawn(t, n)
	kill(t, n, dead)
	require.NoError(t, s.Join(ctx, "g", dead))
	flush(t, s)
	require.Empty(t, s.Members("g"))
	require.ErrorIs(t, s.Leave(ctx, "g", dead), pg.ErrNotJoined)
}

// A Leave racing the member's end: exactly one of them removes the
// membership, and exactly one Left is notified.
func TestExit_LeaveRacingExit(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	probe := actortest.NewProbe(t, n)
	_, _, err := s.Monitor(ctx, probe.PID(), "g")
	require.NoError(t, err)
	for range 100 {
		a := spawn(t, n)
		require.NoError(t, s.Join(ctx, "g", a))
		actortest.ExpectType[pg.Joined](t, probe, wait)
		var wg sync.WaitGroup
		var leaveErr error
		wg.Go(func() { leaveErr = s.Leave(ctx, "g", a) })
		n.Exit(a, actor.Kill)
		wg.Wait()
		if leaveErr != nil {
			require.ErrorIs(t, leaveErr, pg.ErrNotJoined)
		}
		l := actortest.ExpectType[pg.Left](t, probe, wait)
		require.Equal(t, []actor.PID{a}, l.PIDs)
		flush(t, s)
		require.Empty(t, s.Members("g"))
	}
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestExit_MassDeathEmptiesGroup(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	pids := make([]actor.PID, 5000)
	for i := range pids {
		pids[i] = spawn(t, n)
	}
	require.NoError(t, s.Join(ctx, "g", pids...))
	require.NoError(t, s.Join(ctx, "h", pids[:100]...))
	for _, pid := range pids[:4000] {
		n.Exit(pid, actor.Kill)
	}
	flush(t, s)
	require.Equal(t, sorted(pids[4000:]), sorted(s.Members("g")))
	require.Empty(t, s.Members("h"))
	for _, pid := range pids[4000:] {
		n.Exit(pid, actor.Kill)
	}
	flush(t, s)
	require.Empty(t, s.WhichGroups())
}

// OTP's thundering_herd: 10,000 groups and 2,000 queued syncs from a peer
// must not keep a join from completing.
func TestScope_ThunderingHerd(t *testing.T) {
	n, s := newScope(t, pg.WithTransport(pg.NewNetwork()))
	ctx := ctxT(t)
	self := spawn(t, n)
	for i := range 10000 {
		require.NoError(t, s.Join(ctx, "group"+itoa(i), self))
	}
	peer := newNode(t)
	peerScope := spawn(t, peer)
	peerPID := spawn(t, peer)
	scopePID, _ := s.PID()
	for range 2000 {
		n.Send(scopePID, pg.Sync{From: peerScope, Node: peer.Name(), Groups: []pg.GroupMembers{{Group: "group1", PIDs: []actor.PID{peerPID, peerPID}}}})
	}
	jctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, s.Join(jctx, "scope", self))
	require.Len(t, s.Members("group1"), 3)
}

func itoa(i int) string { return strconv.Itoa(i) }
