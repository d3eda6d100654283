package actor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestSendAfter_Delivers(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ref := n.SendAfter(probe.PID(), "tick", time.Millisecond)
	probe.ExpectMsg(t, "tick", wait)
	require.False(t, n.CancelTimer(ref), "a fired timer cannot be cancelled")
}

func TestCancelTimer_BeforeFiring(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ref := n.SendAfter(probe.PID(), "tick", time.Hour)
	require.True(t, n.CancelTimer(ref))
	require.False(t, n.CancelTimer(ref))
}

func TestSendAfter_TimerDiesWithDestination(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ref := n.SendAfter(probe.PID(), "tick", time.Hour)
	mon, _ := n.Monitor(probe.PID())
	n.Exit(probe.PID(), actor.Kill)
	<-mon
	require.False(t, n.CancelTimer(ref), "the timer was cancelled with its process")
}

func TestSendAfter_FromProcessToSelf(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	probe.Do(func(p *actor.Process) { p.SendAfter(p.Self(), "later", time.Millisecond) })
	probe.ExpectMsg(t, "later", wait)
}
