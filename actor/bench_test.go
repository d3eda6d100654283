package actor_test

// Benchmarks of gotp side by side with plain protoactor-go, in the same run.
//
//	go test -run '^$' -bench . -benchmem -count 3 ./actor/
//	GOTP_BENCH_N=1000000 go test -run '^$' -bench IdleProcess -benchtime 1x ./actor/
//
// Each pair does the same work both ways: gotp through its public API,
// protoactor-go with its defaults (default dispatcher and unbounded
// mailbox), logging silenced in both.

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	pa "github.com/asynkron/protoactor-go/actor"

	"github.com/gotp/gotp/actor"
)

// benchMsg is the message every benchmark sends: one shared pointer, so no
// benchmark measures the boxing of its payload.
type benchMsg struct{ n int }

var theMsg = &benchMsg{}

type startMsg struct{}

func quietSystem() *pa.ActorSystem {
	return pa.NewActorSystem(
		pa.WithLoggerFactory(func(*pa.ActorSystem) *slog.Logger { return slog.New(slog.DiscardHandler) }),
		pa.WithDeadLetterThrottleCount(0),
	)
}

// stopActors stops protoactor actors and waits until they are gone, so no
// mailbox goroutine outlives the benchmark.
func stopActors(b *testing.B, sys *pa.ActorSystem, pids ...*pa.PID) {
	b.Helper()
	futures := make([]*pa.Future, len(pids))
	for i, pid := range pids {
		futures[i] = sys.Root.StopFuture(pid)
	}
	for _, f := range futures {
		if err := f.Wait(); err != nil {
			b.Fatalf("stop actor: %v", err)
		}
	}
	sys.Shutdown()
}

// liveBytes returns the heap in use plus goroutine stacks after a full GC.
func liveBytes() int64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc + ms.StackInuse)
}

// idleCount is the number of processes BenchmarkIdleProcess spawns per
// round: GOTP_BENCH_N, or 10,000.
func idleCount(b *testing.B) int {
	s := os.Getenv("GOTP_BENCH_N")
	if s == "" {
		return 10_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("GOTP_BENCH_N=%q: want a positive integer", s)
	}
	return n
}

type idleProc struct{}

func (idleProc) Receive(*actor.Process, any) {}

// BenchmarkIdleProcess spawns N idle processes per round and reports the
// live memory each costs (bytes/proc: HeapAlloc+StackInuse delta after GC)
// and the spawn time (ns/spawn); for gotp also the share of Node.Stop per
// process (ns/stop, untimed otherwise). One op is one round of N spawns.
func BenchmarkIdleProcess(b *testing.B) {
	n := idleCount(b)
	report := func(b *testing.B, bytes int64) {
		b.ReportMetric(float64(bytes)/float64(b.N*n), "bytes/proc")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/spawn")
	}
	b.Run("gotp", func(b *testing.B) {
		var bytes int64
		var stopping time.Duration
		for range b.N {
			b.StopTimer()
			node, err := actor.NewNode()
			if err != nil {
				b.Fatal(err)
			}
			pids := make([]actor.PID, n)
			before := liveBytes()
			b.StartTimer()
			for i := range pids {
				if pids[i], err = node.Spawn(idleProc{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			bytes += liveBytes() - before
			runtime.KeepAlive(pids)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			t0 := time.Now()
			if err := node.Stop(ctx); err != nil {
				b.Fatal(err)
			}
			stopping += time.Since(t0)
			cancel()
		}
		report(b, bytes)
		b.ReportMetric(float64(stopping.Nanoseconds())/float64(b.N*n), "ns/stop")
	})
	b.Run("protoactor", func(b *testing.B) {
		var bytes int64
		for range b.N {
			b.StopTimer()
			sys := quietSystem()
			var started sync.WaitGroup
			props := pa.PropsFromFunc(func(c pa.Context) {
				if _, ok := c.Message().(*pa.Started); ok {
					started.Done()
				}
			})
			pids := make([]*pa.PID, n)
			started.Add(n)
			before := liveBytes()
			b.StartTimer()
			for i := range pids {
				pids[i] = sys.Root.Spawn(props)
			}
			started.Wait() // every mailbox has drained its Started
			b.StopTimer()
			bytes += liveBytes() - before
			runtime.KeepAlive(pids)
			// Idle protoactor actors own no goroutine: dropping the
			// system frees them.
			sys.Shutdown()
		}
		report(b, bytes)
	})
}

// BenchmarkSend measures one sender process sending b.N messages to one
// receiver process that counts them, until the receiver has them all.
func BenchmarkSend(b *testing.B) {
	b.Run("gotp", func(b *testing.B) {
		node := newNode(b)
		total := b.N
		done := make(chan struct{})
		count := 0
		recv, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			if _, ok := msg.(*benchMsg); ok {
				if count++; count == total {
					close(done)
				}
			}
		}))
		if err != nil {
			b.Fatal(err)
		}
		sender, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			for range total {
				p.Send(recv, theMsg)
			}
		}))
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		node.Send(sender, startMsg{})
		<-done
		b.StopTimer()
		b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "msgs/s")
	})
	b.Run("protoactor", func(b *testing.B) {
		sys := quietSystem()
		total := b.N
		done := make(chan struct{})
		count := 0
		recv := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(*benchMsg); ok {
				if count++; count == total {
					close(done)
				}
			}
		}))
		sender := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(startMsg); ok {
				for range total {
					c.Send(recv, theMsg)
				}
			}
		}))
		b.ResetTimer()
		sys.Root.Send(sender, startMsg{})
		<-done
		b.StopTimer()
		b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "msgs/s")
		stopActors(b, sys, sender, recv)
	})
}

// sendWindow is the flow-control window of BenchmarkSendWindowed: the
// receiver acknowledges every sendWindow messages and the sender keeps at
// most two windows in flight.
const sendWindow = 1000

type ackMsg struct{}

// windowSender sends total messages to recv, a window at a time.
type windowSender struct {
	recv actor.PID
	left int
}

func (ws *windowSender) Receive(p *actor.Process, msg any) {
	windows := 1
	if _, ok := msg.(startMsg); ok {
		windows = 2
	}
	for ; windows > 0 && ws.left > 0; windows-- {
		for range min(sendWindow, ws.left) {
			p.Send(ws.recv, theMsg)
		}
		ws.left -= min(sendWindow, ws.left)
	}
}

// BenchmarkSendWindowed is BenchmarkSend with flow control: the receiver
// acks every 1,000 messages and the sender keeps at most 2,000 in flight,
// so mailboxes stay small and the figure is the steady per-message cost
// rather than the cost of growing a multi-million-entry mailbox.
func BenchmarkSendWindowed(b *testing.B) {
	b.Run("gotp", func(b *testing.B) {
		node := newNode(b)
		total := b.N
		done := make(chan struct{})
		ws := &windowSender{left: total}
		sender, err := node.Spawn(ws)
		if err != nil {
			b.Fatal(err)
		}
		count := 0
		recv, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			count++
			if count == total {
				close(done)
			} else if count%sendWindow == 0 {
				p.Send(sender, ackMsg{})
			}
		}))
		if err != nil {
			b.Fatal(err)
		}
		ws.recv = recv // before the start message: the send publishes it
		b.ResetTimer()
		node.Send(sender, startMsg{})
		<-done
		b.StopTimer()
		b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "msgs/s")
	})
	b.Run("protoactor", func(b *testing.B) {
		sys := quietSystem()
		total := b.N
		done := make(chan struct{})
		var recv *pa.PID
		left := total
		sender := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			windows := 0
			switch c.Message().(type) {
			case startMsg:
				windows = 2
			case ackMsg:
				windows = 1
			}
			for ; windows > 0 && left > 0; windows-- {
				for range min(sendWindow, left) {
					c.Send(recv, theMsg)
				}
				left -= min(sendWindow, left)
			}
		}))
		count := 0
		recv = sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(*benchMsg); !ok {
				return
			}
			count++
			if count == total {
				close(done)
			} else if count%sendWindow == 0 {
				c.Send(sender, ackMsg{})
			}
		}))
		b.ResetTimer()
		sys.Root.Send(sender, startMsg{})
		<-done
		b.StopTimer()
		b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "msgs/s")
		stopActors(b, sys, sender, recv)
	})
}

type echoServer struct{}

func (echoServer) Receive(*actor.Process, any) {}

func (echoServer) HandleCall(_ *actor.Process, req any, _ actor.From) (any, error) {
	return req, nil
}

func echoProps() *pa.Props {
	return pa.PropsFromFunc(func(c pa.Context) {
		if m, ok := c.Message().(*benchMsg); ok {
			c.Respond(m)
		}
	})
}

// BenchmarkCall measures a request/reply round trip: gotp's Call against
// protoactor's RequestFuture(...).Result(), from a plain goroutine and from
// inside a process (actor).
func BenchmarkCall(b *testing.B) {
	b.Run("gotp", func(b *testing.B) {
		node := newNode(b)
		pid, err := node.Spawn(echoServer{})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		b.ResetTimer()
		for range b.N {
			if _, err := node.Call(ctx, pid, theMsg); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Without a deadline Call applies DefaultCallTimeout itself.
	b.Run("gotp-no-deadline", func(b *testing.B) {
		node := newNode(b)
		pid, err := node.Spawn(echoServer{})
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if _, err := node.Call(context.Background(), pid, theMsg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("protoactor", func(b *testing.B) {
		sys := quietSystem()
		pid := sys.Root.Spawn(echoProps())
		b.ResetTimer()
		for range b.N {
			if _, err := sys.Root.RequestFuture(pid, theMsg, time.Minute).Result(); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		stopActors(b, sys, pid)
	})
	b.Run("gotp-in-process", func(b *testing.B) {
		node := newNode(b)
		server, err := node.Spawn(echoServer{})
		if err != nil {
			b.Fatal(err)
		}
		total := b.N
		done := make(chan error, 1)
		client, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			for range total {
				if _, err := p.Call(ctx, server, theMsg); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}))
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		node.Send(client, startMsg{})
		if err := <-done; err != nil {
			b.Fatal(err)
		}
	})
	b.Run("protoactor-in-actor", func(b *testing.B) {
		sys := quietSystem()
		server := sys.Root.Spawn(echoProps())
		total := b.N
		done := make(chan error, 1)
		client := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(startMsg); !ok {
				return
			}
			for range total {
				if _, err := c.RequestFuture(server, theMsg, time.Minute).Result(); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}))
		b.ResetTimer()
		sys.Root.Send(client, startMsg{})
		if err := <-done; err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		stopActors(b, sys, client, server)
	})
}

var errBenchExit = errors.New("bench: child exit")

// linkParent traps exits and, b.N times, spawns a linked child, tells it to
// exit with errBenchExit and waits for its ExitMsg.
type linkParent struct {
	left int
	done chan error
}

var dier = actor.ReceiveFunc(func(p *actor.Process, msg any) { p.Stop(errBenchExit) })

func (lp *linkParent) Init(p *actor.Process) error {
	p.TrapExit(true)
	return nil
}

func (lp *linkParent) Receive(p *actor.Process, msg any) {
	switch m := msg.(type) {
	case startMsg:
	case actor.ExitMsg:
		if m.Reason != errBenchExit {
			lp.done <- m.Reason
			return
		}
		if lp.left--; lp.left == 0 {
			lp.done <- nil
			return
		}
	default:
		return
	}
	child, err := p.SpawnLink(dier)
	if err != nil {
		lp.done <- err
		return
	}
	p.Send(child, theMsg)
}

// BenchmarkSpawnLinkExit measures one link life cycle: SpawnLink, the child
// exits with a reason, the trapping parent receives the ExitMsg. The
// protoactor line does the nearest thing there: spawn a child, it stops
// itself, the parent receives Terminated (which carries no reason).
func BenchmarkSpawnLinkExit(b *testing.B) {
	b.Run("gotp", func(b *testing.B) {
		node := newNode(b)
		lp := &linkParent{left: b.N, done: make(chan error, 1)}
		parent, err := node.Spawn(lp)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		node.Send(parent, startMsg{})
		if err := <-lp.done; err != nil {
			b.Fatal(err)
		}
	})
	b.Run("protoactor", func(b *testing.B) {
		sys := quietSystem()
		left := b.N
		done := make(chan struct{})
		child := pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(*benchMsg); ok {
				c.Stop(c.Self())
			}
		})
		next := func(c pa.Context) { c.Send(c.Spawn(child), theMsg) }
		parent := sys.Root.Spawn(pa.PropsFromFunc(func(c pa.Context) {
			switch c.Message().(type) {
			case startMsg:
				next(c)
			case *pa.Terminated:
				if left--; left == 0 {
					close(done)
					return
				}
				next(c)
			}
		}))
		b.ResetTimer()
		sys.Root.Send(parent, startMsg{})
		<-done
		b.StopTimer()
		stopActors(b, sys, parent)
	})
}

// fanOut is the number of receivers in BenchmarkFanOut.
const fanOut = 10_000

// spawnCountdown spawns fanOut processes that each decrement remaining on
// every message; the one that reaches zero signals round.
func spawnCountdown(b *testing.B, node *actor.Node) ([]actor.PID, *atomic.Int64, chan struct{}) {
	remaining := new(atomic.Int64)
	round := make(chan struct{}, 1)
	recv := actor.ReceiveFunc(func(p *actor.Process, msg any) {
		if remaining.Add(-1) == 0 {
			round <- struct{}{}
		}
	})
	pids := make([]actor.PID, fanOut)
	for i := range pids {
		var err error
		if pids[i], err = node.Spawn(recv); err != nil {
			b.Fatal(err)
		}
	}
	return pids, remaining, round
}

// BenchmarkFanOut sends one message to each of 10,000 processes per round
// (op) from one goroutine and waits until all have received it. Each
// receiver decrements a shared countdown; the last one ends the round.
func BenchmarkFanOut(b *testing.B) {
	report := func(b *testing.B) {
		b.ReportMetric(float64(b.N*fanOut)/b.Elapsed().Seconds(), "deliveries/s")
	}
	b.Run("gotp", func(b *testing.B) {
		node := newNode(b)
		pids, remaining, round := spawnCountdown(b, node)
		b.ResetTimer()
		for range b.N {
			remaining.Store(fanOut)
			for _, pid := range pids {
				node.Send(pid, theMsg)
			}
			<-round
		}
		b.StopTimer()
		report(b)
	})
	// SendAll is gotp's batched fan-out (what pubsub broadcasts use).
	b.Run("gotp-SendAll", func(b *testing.B) {
		node := newNode(b)
		pids, remaining, round := spawnCountdown(b, node)
		b.ResetTimer()
		for range b.N {
			remaining.Store(fanOut)
			node.SendAll(pids, theMsg)
			<-round
		}
		b.StopTimer()
		report(b)
	})
	b.Run("protoactor", func(b *testing.B) {
		sys := quietSystem()
		var remaining atomic.Int64
		round := make(chan struct{}, 1)
		props := pa.PropsFromFunc(func(c pa.Context) {
			if _, ok := c.Message().(*benchMsg); ok && remaining.Add(-1) == 0 {
				round <- struct{}{}
			}
		})
		pids := make([]*pa.PID, fanOut)
		for i := range pids {
			pids[i] = sys.Root.Spawn(props)
		}
		b.ResetTimer()
		for range b.N {
			remaining.Store(fanOut)
			for _, pid := range pids {
				sys.Root.Send(pid, theMsg)
			}
			<-round
		}
		b.StopTimer()
		report(b)
		stopActors(b, sys, pids...)
	})
}
