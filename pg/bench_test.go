package pg_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
)

// Benchmarks of pg side by side with a plain-Go baseline: a group table
// under a sync.RWMutex (map of group → slice, with an index for O(1)
// removal), the shape of raw-go and protoactor-map in
// shared/bench/baselines. Run:
//
//	go test -run '^$' -bench . -benchtime 2s ./pg/
//
// and the 100k churn/memory ones with -benchtime 3x.

// benchNode starts a node with default settings (all workers).
func benchNode(b *testing.B) *actor.Node {
	b.Helper()
	n, err := actor.NewNode()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = n.Stop(ctx)
	})
	return n
}

func spawnN(b *testing.B, n *actor.Node, k int) []actor.PID {
	b.Helper()
	pids := make([]actor.PID, k)
	for i := range pids {
		pid, err := n.Spawn(sleeper{})
		if err != nil {
			b.Fatal(err)
		}
		pids[i] = pid
	}
	return pids
}

func joinAll(b *testing.B, s *pg.Scope, group string, pids []actor.PID) {
	b.Helper()
	ctx := context.Background()
	for i := 0; i < len(pids); i += 1000 {
		if err := s.Join(ctx, group, pids[i:min(i+1000, len(pids))]...); err != nil {
			b.Fatal(err)
		}
	}
}

// rwTable is the baseline: groups in a map under an RWMutex.
type rwTable struct {
	mu     sync.RWMutex
	groups map[string][]actor.PID
	index  map[actor.PID]int // position in the (single) group, for O(1) removal
}

func newRWTable() *rwTable {
	return &rwTable{groups: map[string][]actor.PID{}, index: map[actor.PID]int{}}
}

func (t *rwTable) join(g string, pid actor.PID) {
	t.mu.Lock()
	t.index[pid] = len(t.groups[g])
	t.groups[g] = append(t.groups[g], pid)
	t.mu.Unlock()
}

func (t *rwTable) leave(g string, pid actor.PID) {
	t.mu.Lock()
	ms := t.groups[g]
	i, ok := t.index[pid]
	if ok {
		last := len(ms) - 1
		ms[i] = ms[last]
		t.index[ms[i]] = i
		t.groups[g] = ms[:last]
		delete(t.index, pid)
	}
	t.mu.Unlock()
}

func (t *rwTable) members(g string) []actor.PID {
	t.mu.RLock()
	out := append([]actor.PID(nil), t.groups[g]...)
	t.mu.RUnlock()
	return out
}

func (t *rwTable) forEach(g string, fn func(actor.PID) bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	for _, p := range t.groups[g] {
		if !fn(p) {
			return
		}
	}
}

var sinkPIDs []actor.PID
var sinkCount int

func BenchmarkMembers10k(b *testing.B) {
	n := benchNode(b)
	pids := spawnN(b, n, 10000)
	s, _ := pg.StartScope(n, "bench")
	joinAll(b, s, "g", pids)
	base := newRWTable()
	for _, p := range pids {
		base.join("g", p)
	}
	b.Run("impl=pg/Members", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkPIDs = s.Members("g")
		}
	})
	b.Run("impl=rwmutex/Members", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkPIDs = base.members("g")
		}
	})
	count := func(actor.PID) bool { sinkCount++; return true }
	b.Run("impl=pg/ForEach", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s.ForEachMember("g", count)
		}
	})
	b.Run("impl=rwmutex/ForEach", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			base.forEach("g", count)
		}
	})
	b.Run("impl=pg/ForEachParallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			c := 0
			for pb.Next() {
				s.ForEachMember("g", func(actor.PID) bool { c++; return true })
			}
		})
	})
	b.Run("impl=rwmutex/ForEachParallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			c := 0
			for pb.Next() {
				base.forEach("g", func(actor.PID) bool { c++; return true })
			}
		})
	})
}

func BenchmarkJoinLeave(b *testing.B) {
	n := benchNode(b)
	s, _ := pg.StartScope(n, "bench")
	pids := spawnN(b, n, 64)
	ctx := context.Background()
	pairs := func(b *testing.B) {
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	}
	b.Run("impl=pg/sequential", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := s.Join(ctx, "g", pids[0]); err != nil {
				b.Fatal(err)
			}
			if err := s.Leave(ctx, "g", pids[0]); err != nil {
				b.Fatal(err)
			}
		}
		pairs(b)
	})
	b.Run("impl=pg/parallel", func(b *testing.B) {
		b.ReportAllocs()
		var next sync.Mutex
		i := 0
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			next.Lock()
			pid := pids[i%len(pids)]
			i++
			next.Unlock()
			for pb.Next() {
				if err := s.Join(ctx, "g", pid); err != nil {
					b.Fatal(err)
				}
				if err := s.Leave(ctx, "g", pid); err != nil {
					b.Fatal(err)
				}
			}
		})
		pairs(b)
	})
	base := newRWTable()
	b.Run("impl=rwmutex/sequential", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			base.join("g", pids[0])
			base.leave("g", pids[0])
		}
		pairs(b)
	})
}

// BenchmarkJoinBigGroup joins and leaves one member of a 100,000-member
// group: the chunked snapshot keeps this independent of the group size.
func BenchmarkJoinBigGroup(b *testing.B) {
	n := benchNode(b)
	s, _ := pg.StartScope(n, "bench")
	pids := spawnN(b, n, 100001)
	joinAll(b, s, "g", pids[1:])
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Join(ctx, "g", pids[0])
		_ = s.Leave(ctx, "g", pids[0])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkMassDeath100k kills 100,000 members and measures the time until
// the group is empty for readers. The baseline removes each member from an
// RWMutex table in the killing loop itself (no process, no monitor): a lower
// bound.
func BenchmarkMassDeath100k(b *testing.B) {
	const k = 100000
	b.Run("impl=pg", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			n := benchNode(b)
			s, _ := pg.StartScope(n, "bench")
			pids := spawnN(b, n, k)
			joinAll(b, s, "g", pids)
			runtime.GC()
			b.StartTimer()
			start := time.Now()
			for _, pid := range pids {
				n.Exit(pid, actor.Kill)
			}
			killed := time.Now()
			for s.Snapshot("g").Len() > 0 {
				runtime.Gosched()
			}
			end := time.Now()
			b.ReportMetric(float64(end.Sub(start).Microseconds())/1000, "ms-to-empty")
			b.ReportMetric(float64(killed.Sub(start).Microseconds())/1000, "ms-to-kill")
			b.ReportMetric(float64(end.Sub(killed).Microseconds())/1000, "ms-after-last-kill")
		}
	})
	b.Run("impl=rwmutex", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			n := benchNode(b)
			pids := spawnN(b, n, k)
			base := newRWTable()
			for _, p := range pids {
				base.join("g", p)
			}
			runtime.GC()
			b.StartTimer()
			start := time.Now()
			for _, pid := range pids {
				n.Exit(pid, actor.Kill)
				base.leave("g", pid)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "ms-to-empty")
		}
	})
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

type monitorAll struct{ pids []actor.PID }

func (m *monitorAll) Init(p *actor.Process) error {
	for _, pid := range m.pids {
		p.Monitor(pid)
	}
	return nil
}
func (m *monitorAll) Receive(p *actor.Process, msg any) {}

// BenchmarkMemoryPerMember measures the heap added by joining 100,000
// existing processes to one group, per member. "monitor-only" is the cost
// of the actor monitor alone (one process monitoring them all), which pg
// pays per member too; pg's own bookkeeping is the difference.
func BenchmarkMemoryPerMember(b *testing.B) {
	const k = 100000
	b.Run("impl=pg", func(b *testing.B) {
		for b.Loop() {
			n := benchNode(b)
			s, _ := pg.StartScope(n, "bench")
			pids := spawnN(b, n, k)
			before := heap()
			joinAll(b, s, "g", pids)
			after := heap()
			b.ReportMetric(float64(after-before)/k, "B/member")
			runtime.KeepAlive(pids)
		}
	})
	b.Run("impl=monitor-only", func(b *testing.B) {
		for b.Loop() {
			n := benchNode(b)
			pids := spawnN(b, n, k)
			before := heap()
			if _, err := n.Spawn(&monitorAll{pids: pids}); err != nil {
				b.Fatal(err)
			}
			after := heap()
			b.ReportMetric(float64(after-before)/k, "B/member")
		}
	})
	b.Run("impl=rwmutex", func(b *testing.B) {
		for b.Loop() {
			n := benchNode(b)
			pids := spawnN(b, n, k)
			before := heap()
			base := newRWTable()
			for _, p := range pids {
				base.join("g", p)
			}
			after := heap()
			b.ReportMetric(float64(after-before)/k, "B/member")
			runtime.KeepAlive(base)
		}
	})
}
