package actor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
)

func TestNodeStop_RunsTerminateOfTrappingTopLevelProcesses(t *testing.T) {
	n, err := actor.NewNode()
	require.NoError(t, err)
	terminated := make(chan error, 2)
	_, err = n.Spawn(&trapper{terminated: terminated})
	require.NoError(t, err)
	_, err = n.Spawn(exitWith{})
	require.NoError(t, err)
	require.NoError(t, n.Stop(context.Background()))
	require.ErrorIs(t, <-terminated, actor.Shutdown)
	require.Equal(t, 0, n.ProcessCount())
	_, err = n.Spawn(exitWith{})
	require.ErrorIs(t, err, actor.ErrNodeStopped)
}

func TestNodeStop_KillsProcessesThatIgnoreShutdown(t *testing.T) {
	n, err := actor.NewNode()
	require.NoError(t, err)
	parent, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		_, _ = p.Spawn(exitWith{}) // unlinked child
	}))
	require.NoError(t, err)
	n.Send(parent, "spawn")
	require.Eventually(t, func() bool { return n.ProcessCount() == 2 }, wait, time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	require.NoError(t, n.Stop(ctx))
	require.Equal(t, 0, n.ProcessCount())
}

func TestNodeStop_ReportsCallbackThatNeverReturns(t *testing.T) {
	n, err := actor.NewNode()
	require.NoError(t, err)
	release := make(chan struct{})
	entered := make(chan struct{})
	pid, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		close(entered)
		<-release
	}))
	require.NoError(t, err)
	n.Send(pid, "block")
	<-entered
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, n.Stop(ctx), context.DeadlineExceeded)
	close(release)
	// The stuck worker now returns; the node's goroutines end (goleak checks).
	require.Eventually(t, func() bool { return n.Stop(context.Background()) == nil }, wait, time.Millisecond)
}
