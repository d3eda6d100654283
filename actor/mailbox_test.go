package actor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

// gate blocks in Receive until released, so its mailbox fills up.
type gate struct {
	entered chan struct{}
	release chan struct{}
}

func (g *gate) Receive(p *actor.Process, msg any) {
	if msg == "block" {
		g.entered <- struct{}{}
		<-g.release
	}
}

func (g *gate) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	return req, nil
}

func TestMailbox_OverflowExit(t *testing.T) {
	n := newNode(t)
	g := &gate{entered: make(chan struct{}), release: make(chan struct{})}
	pid, err := n.Spawn(g, actor.WithMailboxLimit(3, actor.OverflowExit))
	require.NoError(t, err)
	mon, _ := n.Monitor(pid)
	n.Send(pid, "block")
	<-g.entered
	for i := 0; i < 4; i++ { // never blocks the sender
		n.Send(pid, i)
	}
	close(g.release)
	require.ErrorIs(t, (<-mon).Reason, actor.MailboxOverflow)
}

func TestMailbox_OverflowDropCounts(t *testing.T) {
	n := newNode(t)
	g := &gate{entered: make(chan struct{}), release: make(chan struct{})}
	pid, err := n.Spawn(g, actor.WithMailboxLimit(2, actor.OverflowDrop))
	require.NoError(t, err)
	n.Send(pid, "block")
	<-g.entered
	for i := 0; i < 5; i++ {
		n.Send(pid, i)
	}
	_, err = n.Call(context.Background(), pid, "x")
	require.ErrorIs(t, err, actor.ErrMailboxFull, "a dropped call fails at once")
	info, err := n.ProcessInfo(pid)
	require.NoError(t, err)
	require.Equal(t, uint64(4), info.Dropped)
	require.Equal(t, 2, info.QueueLen)
	close(g.release)
	require.Eventually(t, func() bool {
		info, err := n.ProcessInfo(pid)
		return err == nil && info.QueueLen == 0
	}, wait, time.Millisecond)
	got, err := n.Call(context.Background(), pid, "y")
	require.NoError(t, err)
	require.Equal(t, "y", got)
}

func TestOrder_PerSenderOrderIsPreserved(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	const count = 10000
	senders := 4
	done := make(chan struct{})
	for s := 0; s < senders; s++ {
		go func() {
			for i := 0; i < count; i++ {
				n.Send(probe.PID(), [2]int{s, i})
			}
			done <- struct{}{}
		}()
	}
	next := make([]int, senders)
	for i := 0; i < senders*count; i++ {
		m := probe.Expect(t, wait).([2]int)
		require.Equal(t, next[m[0]], m[1])
		next[m[0]]++
	}
	for s := 0; s < senders; s++ {
		<-done
	}
}

func TestOrder_MessagesBeforeExitSignal(t *testing.T) {
	// A trapping receiver sees a sender's messages before its exit.
	n := newNode(t)
	receiver := actortest.NewProbe(t, n)
	receiver.Do(func(p *actor.Process) { p.TrapExit(true) })
	sender := spawnLinked(t, receiver, actor.ReceiveFunc(func(p *actor.Process, msg any) {
		for i := 0; i < 100; i++ {
			p.Send(msg.(actor.PID), i)
		}
		p.Stop(errOops)
	}))
	n.Send(sender, receiver.PID())
	for i := 0; i < 100; i++ {
		receiver.ExpectMsg(t, i, wait)
	}
	require.ErrorIs(t, receiver.ExpectExit(t, sender, wait), errOops)
}
