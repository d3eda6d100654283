package pubsub_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pubsub"
)

// counter is a subscriber that counts down a shared total per message.
type counter struct {
	left *atomic.Int64
	done chan struct{}
}

func (c counter) Receive(p *actor.Process, msg any) {
	if c.left.Add(-1) == 0 {
		c.done <- struct{}{}
	}
}

// subscribe spawns n counting subscribers joined to channel in one batch.
func subscribe(b *testing.B, ps *pubsub.PubSub, channel string, n int, c counter) {
	pids := make([]actor.PID, n)
	for i := range pids {
		pid, err := ps.Node().Spawn(c)
		if err != nil {
			b.Fatal(err)
		}
		pids[i] = pid
	}
	if err := ps.Scope().Join(context.Background(), channel, pids...); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBroadcast measures one publisher broadcasting to one channel of
// N members (the fan-out benchmark's W2); op = one broadcast.
func BenchmarkBroadcast(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run("members="+strconv.Itoa(n), func(b *testing.B) {
			_, ps := setup(b)
			c := counter{left: new(atomic.Int64), done: make(chan struct{}, 1)}
			subscribe(b, ps, "posts", n, c)
			c.left.Store(int64(n * b.N))
			b.ResetTimer()
			for range b.N {
				ps.Broadcast(actor.PID{}, "posts", "new_post", "0123456789abcdef0123456789abcdef")
			}
			<-c.done
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds()/1e6, "Mdeliveries/s")
		})
	}
}

// BenchmarkBroadcastParallel is the fan-out benchmark's W3: 4 publishers,
// 100 channels of 100 members; op = one broadcast.
func BenchmarkBroadcastParallel(b *testing.B) {
	const channels, members, publishers = 100, 100, 4
	_, ps := setup(b)
	c := counter{left: new(atomic.Int64), done: make(chan struct{}, 1)}
	names := make([]string, channels)
	for i := range names {
		names[i] = "g" + strconv.Itoa(i)
		subscribe(b, ps, names[i], members, c)
	}
	per := b.N/publishers + 1
	c.left.Store(int64(per * publishers * members))
	b.ResetTimer()
	var wg sync.WaitGroup
	for pub := range publishers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range per {
				ps.Broadcast(actor.PID{}, names[(i+pub*channels/publishers)%channels], "new_post", "x")
			}
		}()
	}
	wg.Wait()
	<-c.done
	b.ReportMetric(float64(per*publishers*members)/b.Elapsed().Seconds()/1e6, "Mdeliveries/s")
}
