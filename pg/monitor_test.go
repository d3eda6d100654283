package pg_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

func TestMonitor_ReturnsMembersThenNotifies(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a, b := spawn(t, n), spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", a))
	probe := actortest.NewProbe(t, n)
	ref, members, err := s.Monitor(ctx, probe.PID(), "g")
	require.NoError(t, err)
	require.Equal(t, []actor.PID{a}, members)

	require.NoError(t, s.Join(ctx, "g", b, b))
	require.Equal(t, pg.Joined{Ref: ref, Group: "g", PIDs: []actor.PID{b, b}}, probe.Expect(t, wait))
	require.NoError(t, s.Join(ctx, "other", b))
	require.NoError(t, s.Leave(ctx, "g", b))
	require.Equal(t, pg.Left{Ref: ref, Group: "g", PIDs: []actor.PID{b}}, probe.Expect(t, wait))

	require.NoError(t, s.Demonitor(ctx, ref))
	require.ErrorIs(t, s.Demonitor(ctx, ref), pg.ErrNotMonitoring)
	require.NoError(t, s.Leave(ctx, "g", b))
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestMonitorScope_SeesEveryGroup(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "g1", a))
	probe := actortest.NewProbe(t, n)
	ref, all, err := s.MonitorScope(ctx, probe.PID())
	require.NoError(t, err)
	require.Equal(t, map[string][]actor.PID{"g1": {a}}, all)
	require.NoError(t, s.Join(ctx, "g2", a))
	require.Equal(t, pg.Joined{Ref: ref, Group: "g2", PIDs: []actor.PID{a}}, probe.Expect(t, wait))
}

// pg_SUITE multi_monitor: two group monitors and a scope monitor, joins of
// two groups: exactly one message per subscription and change.
func TestMonitor_ManySubscriptions(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	probe := actortest.NewProbe(t, n)
	r1, _, err := s.Monitor(ctx, probe.PID(), "g1")
	require.NoError(t, err)
	r2, _, err := s.Monitor(ctx, probe.PID(), "g2")
	require.NoError(t, err)
	rs, _, err := s.MonitorScope(ctx, probe.PID())
	require.NoError(t, err)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "g1", a))
	require.NoError(t, s.Join(ctx, "g2", a))
	got := map[actor.Ref]int{}
	for range 4 {
		got[actortest.ExpectType[pg.Joined](t, probe, wait).Ref]++
	}
	require.Equal(t, map[actor.Ref]int{r1: 1, r2: 1, rs: 2}, got)
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestMonitor_EndsWhenSubscriberEnds(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	sub := spawn(t, n)
	ref, _, err := s.Monitor(ctx, sub, "g")
	require.NoError(t, err)
	kill(t, n, sub)
	flush(t, s)
	require.ErrorIs(t, s.Demonitor(ctx, ref), pg.ErrNotMonitoring, "the subscription ended with its subscriber")
	require.NoError(t, s.Join(ctx, "g", spawn(t, n)))
}

// OTP GH-7625: a process that monitors a group and joins it, in either
// order, then ends, must not crash the scope; the other subscribers see one
// Left per membership.
func TestMonitor_SubscriberThatJoinsThenExits(t *testing.T) {
	for _, monitorFirst := range []bool{true, false} {
		name := "join first"
		if monitorFirst {
			name = "monitor first"
		}
		t.Run(name, func(t *testing.T) {
			n, s := newScope(t)
			ctx := ctxT(t)
			watcher := actortest.NewProbe(t, n)
			wref, _, err := s.Monitor(ctx, watcher.PID(), "g")
			require.NoError(t, err)
			both := actortest.NewProbe(t, n)
			if monitorFirst {
				_, _, err = s.Monitor(ctx, both.PID(), "g")
				require.NoError(t, err)
			}
			require.NoError(t, s.Join(ctx, "g", both.PID()))
			if !monitorFirst {
				_, _, err = s.Monitor(ctx, both.PID(), "g")
				require.NoError(t, err)
			}
			require.Equal(t, pg.Joined{Ref: wref, Group: "g", PIDs: []actor.PID{both.PID()}}, watcher.Expect(t, wait))
			kill(t, n, both.PID())
			require.Equal(t, pg.Left{Ref: wref, Group: "g", PIDs: []actor.PID{both.PID()}}, watcher.Expect(t, wait))
			pid, _ := s.PID()
			require.True(t, n.IsAlive(pid))
			require.Empty(t, s.Members("g"))
			require.NoError(t, s.Join(ctx, "g", spawn(t, n)))
		})
	}
}

func TestMonitor_NotificationCountOnExit(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	probe := actortest.NewProbe(t, n)
	ref, _, err := s.Monitor(ctx, probe.PID(), "g")
	require.NoError(t, err)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", a))
	require.NoError(t, s.Join(ctx, "g", a))
	probe.Expect(t, wait)
	probe.Expect(t, wait)
	kill(t, n, a)
	for range 2 {
		require.Equal(t, pg.Left{Ref: ref, Group: "g", PIDs: []actor.PID{a}}, probe.Expect(t, wait))
	}
	probe.ExpectNoMsg(t, 20*time.Millisecond)
}

func TestMonitor_NotifiedChangeIsVisible(t *testing.T) {
	n, s := newScope(t)
	ctx := ctxT(t)
	seen := make(chan int, 1)
	sub, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		if _, ok := msg.(pg.Left); ok {
			seen <- len(s.Members("g"))
		}
	}))
	require.NoError(t, err)
	_, _, err = s.Monitor(ctx, sub, "g")
	require.NoError(t, err)
	a := spawn(t, n)
	require.NoError(t, s.Join(ctx, "g", a))
	kill(t, n, a)
	require.Equal(t, 0, <-seen, "a subscriber told of a Left reads the group without it")
}
