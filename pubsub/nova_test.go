package pubsub_test

// The tests of nova's test/nova_pubsub_tests.erl, and Nova's semantics
// (erlang-reference.md §2.2–2.3).

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/pg"
)

func TestNova_JoinAndGetMembers(t *testing.T) {
	_, ps := setup(t)
	pr := joinProbe(t, ps, "chan")
	require.Equal(t, []actor.PID{pr.PID()}, ps.Members("chan"))
	require.Equal(t, []actor.PID{pr.PID()}, ps.LocalMembers("chan"))
}

func TestNova_JoinWithPidReturnsOk(t *testing.T) {
	n, ps := setup(t)
	pr := actortest.NewProbe(t, n)
	require.NoError(t, ps.JoinPID(context.Background(), pr.PID(), "chan"))
	require.Equal(t, []actor.PID{pr.PID()}, ps.Members("chan"))
}

func TestNova_LeaveRemovesMember(t *testing.T) {
	_, ps := setup(t)
	pr := joinProbe(t, ps, "chan")
	var err error
	pr.Do(func(p *actor.Process) { err = ps.Leave(context.Background(), p, "chan") })
	require.NoError(t, err)
	require.Empty(t, ps.Members("chan"))
	pr.Do(func(p *actor.Process) { err = ps.Leave(context.Background(), p, "chan") })
	require.ErrorIs(t, err, pg.ErrNotJoined, "leaving again is not_joined")
}

func TestNova_LeaveWithPidReturnsOk(t *testing.T) {
	n, ps := setup(t)
	pr := actortest.NewProbe(t, n)
	require.NoError(t, ps.JoinPID(context.Background(), pr.PID(), "chan"))
	require.NoError(t, ps.LeavePID(context.Background(), pr.PID(), "chan"))
	require.Empty(t, ps.Members("chan"))
}

func TestNova_BroadcastSendsToAllIncludingSelf(t *testing.T) {
	_, ps := setup(t)
	a, b, c := joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan")
	a.Do(func(p *actor.Process) { ps.Broadcast(p.Self(), "chan", "topic1", "hello") })
	for _, pr := range []*actortest.Probe{a, b, c} {
		m := expectMessage(t, pr)
		require.Equal(t, "chan", m.Channel)
		require.Equal(t, "topic1", m.Topic)
		require.Equal(t, "hello", m.Payload)
		require.Equal(t, a.PID(), m.Sender)
	}
}

func TestNova_LocalBroadcastSendsToLocal(t *testing.T) {
	_, ps := setup(t)
	a, b := joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan")
	ps.LocalBroadcast(actor.PID{}, "chan", "t", 1)
	expectMessage(t, a)
	expectMessage(t, b)
}

func TestNova_EmptyChannelReturnsEmpty(t *testing.T) {
	_, ps := setup(t)
	require.Empty(t, ps.Members("nobody"))
	require.Empty(t, ps.LocalMembers("nobody"))
	ps.Broadcast(actor.PID{}, "nobody", "t", 1) // a no-op, never an error
}

func TestNova_MultipleProcessesSameChannel(t *testing.T) {
	_, ps := setup(t)
	a, b, c := joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan"), joinProbe(t, ps, "chan")
	require.ElementsMatch(t, []actor.PID{a.PID(), b.PID(), c.PID()}, ps.Members("chan"))
}

func TestNova_EnvelopeStructure(t *testing.T) {
	_, ps := setup(t)
	a := joinProbe(t, ps, "test_channel")
	payload := map[string]int{"data": 42}
	a.Do(func(p *actor.Process) { ps.Broadcast(p.Self(), "test_channel", "test_topic", payload) })
	m := expectMessage(t, a)
	require.Equal(t, "test_channel", m.Channel)
	require.Equal(t, a.PID(), m.Sender)
	require.Equal(t, "test_topic", m.Topic)
	require.Equal(t, payload, m.Payload)
}

func TestNova_BroadcastFromOutsideAnyProcessHasZeroSender(t *testing.T) {
	_, ps := setup(t)
	a := joinProbe(t, ps, "chan")
	ps.Broadcast(actor.PID{}, "chan", "t", "x")
	require.True(t, expectMessage(t, a).Sender.IsZero())
}

func TestNova_DuplicateJoinDeliversTwice(t *testing.T) {
	_, ps := setup(t)
	a := joinProbe(t, ps, "chan")
	a.Do(func(p *actor.Process) { require.NoError(t, ps.Join(context.Background(), p, "chan")) })
	require.Len(t, ps.Members("chan"), 2)
	ps.Broadcast(actor.PID{}, "chan", "t", "x")
	expectMessage(t, a)
	expectMessage(t, a)
	a.ExpectNoMsg(t, wait/100)
}

func TestNova_TopicIsNotAFilter(t *testing.T) {
	_, ps := setup(t)
	a := joinProbe(t, ps, "chan")
	ps.Broadcast(actor.PID{}, "chan", "one", 1)
	ps.Broadcast(actor.PID{}, "chan", "two", 2)
	require.Equal(t, "one", expectMessage(t, a).Topic)
	require.Equal(t, "two", expectMessage(t, a).Topic)
}

func TestNova_BroadcastToDeadMemberNeverFails(t *testing.T) {
	n, ps := setup(t)
	a := joinProbe(t, ps, "chan")
	b := joinProbe(t, ps, "chan")
	n.Exit(b.PID(), actor.Kill) // still listed for a moment
	ps.Broadcast(actor.PID{}, "chan", "t", "x")
	expectMessage(t, a)
}

func TestNova_DeadSubscriberDroppedWithoutLeaving(t *testing.T) {
	n, ps := setup(t)
	a := joinProbe(t, ps, "posts")
	b := joinProbe(t, ps, "posts")
	b.Do(func(p *actor.Process) { require.NoError(t, ps.Join(context.Background(), p, "comments")) })
	n.Exit(b.PID(), actor.Kill)
	require.Eventually(t, func() bool {
		return len(ps.Members("posts")) == 1 && len(ps.Members("comments")) == 0
	}, wait, 1e6)
	require.Equal(t, []actor.PID{a.PID()}, ps.Members("posts"))
}

func TestNova_SecondStartOfSameScopeIsAnError(t *testing.T) {
	// Nova's start/0 returns ok when the scope runs already; gotp reports
	// it, since a second PubSub would not own the scope.
	n, _ := setup(t)
	_, err := startErr(n)
	require.ErrorIs(t, err, pg.ErrAlreadyStarted)
}
