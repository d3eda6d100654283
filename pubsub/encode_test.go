package pubsub

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
)

func TestEncodeOnce_OneEncodeForManySubscribers(t *testing.T) {
	n, err := actor.NewNode()
	require.NoError(t, err)
	defer n.Stop(context.Background())
	ps, err := Start(context.Background(), n)
	require.NoError(t, err)

	const subscribers = 1000
	var wg sync.WaitGroup
	wg.Add(subscribers)
	var encodes atomic.Int64
	frames := make(chan []byte, subscribers)
	for i := 0; i < subscribers; i++ {
		pid, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			data, err := msg.(Message).JSON()
			require.NoError(t, err)
			frames <- data
			wg.Done()
		}))
		require.NoError(t, err)
		require.NoError(t, ps.JoinPID(context.Background(), pid, "posts"))
	}
	encodeHook = func() { encodes.Add(1) }
	defer func() { encodeHook = nil }()
	ps.Broadcast(actor.PID{}, "posts", "post_created", map[string]int{"id": 1})
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("not every subscriber got the broadcast")
	}
	require.Equal(t, int64(1), encodes.Load())
	first := <-frames
	for i := 1; i < subscribers; i++ {
		f := <-frames
		require.Same(t, &first[0], &f[0], "every subscriber shares the same bytes")
	}
}
