package actor

import (
	"sync"
	"sync/atomic"
	"time"
)

// scheduler runs processes on a pool of worker goroutines.
//
// A fixed pool of GOMAXPROCS workers draining a shared run queue is much
// faster for fan-out than a goroutine per scheduling (protoactor's default
// dispatcher), but a pool whose workers all block (a Call waiting for its
// reply, a socket write) would stall every process. So the pool keeps
// `target` workers *runnable*, not `target` workers in all:
//
//   - A worker that enters a blocking operation gotp knows about (Call,
//     Stop, Process.Blocking, a spawn waiting for Init) says so; if work is
//     queued, another worker is woken or started in its place.
//   - A watchdog looks every few milliseconds for workers that have been
//     inside one callback for too long (blocking in user code gotp cannot
//     see) and, when work is waiting, counts them as blocked and adds
//     workers the same way.
//   - When blocked workers come back, surplus workers retire.
//
// This is how the Go runtime hands off its Ps around system calls.
type scheduler struct {
	mu         sync.Mutex
	cond       sync.Cond
	runq       ring[*Process]
	target     int // runnable workers wanted
	active     int // workers not counted as blocked (idle ones included)
	idle       int // workers waiting for work
	workers    map[*worker]struct{}
	stopping   bool
	throughput int
	wg         sync.WaitGroup
	stopWatch  chan struct{}
	stuckAfter time.Duration
}

type worker struct {
	s        *scheduler
	started  atomic.Int64 // unix nanos when the current process run began; 0 when none
	presumed bool         // counted as blocked by the watchdog (s.mu)
	blocking int          // nesting depth of declared blocking sections (s.mu)
}

func newScheduler(workers, throughput int, stuckAfter time.Duration) *scheduler {
	s := &scheduler{
		target:     workers,
		throughput: throughput,
		workers:    make(map[*worker]struct{}),
		stopWatch:  make(chan struct{}),
		stuckAfter: stuckAfter,
	}
	s.cond.L = &s.mu
	s.mu.Lock()
	for i := 0; i < workers; i++ {
		s.startWorkerLocked()
	}
	s.mu.Unlock()
	s.wg.Add(1)
	go s.watchdog()
	return s
}

func (s *scheduler) startWorkerLocked() {
	w := &worker{s: s}
	s.workers[w] = struct{}{}
	s.active++
	s.wg.Add(1)
	go w.loop()
}

// push makes p runnable. The caller has set p.scheduled.
func (s *scheduler) push(p *Process) {
	s.mu.Lock()
	s.runq.push(p)
	s.wakeLocked()
	s.mu.Unlock()
}

// wakeLocked makes sure a worker will pick up queued work.
func (s *scheduler) wakeLocked() {
	switch {
	case s.idle > 0:
		s.cond.Signal()
	case s.active < s.target && !s.stopping:
		s.startWorkerLocked()
	}
}

func (w *worker) loop() {
	s := w.s
	defer s.wg.Done()
	s.mu.Lock()
	for {
		if w.presumed {
			w.presumed = false
			s.active++
		}
		if s.active > s.target || (s.stopping && s.runq.len() == 0) {
			s.active--
			delete(s.workers, w)
			if s.idle > 0 && s.runq.len() > 0 {
				s.cond.Signal()
			}
			s.mu.Unlock()
			return
		}
		p, ok := s.runq.pop()
		if !ok {
			s.idle++
			s.cond.Wait()
			s.idle--
			continue
		}
		s.mu.Unlock()
		w.started.Store(time.Now().UnixNano())
		again := p.run(w, s.throughput)
		w.started.Store(0)
		s.mu.Lock()
		if again {
			s.runq.push(p)
		}
	}
}

// enterBlocking is called by a worker about to block; see scheduler.
func (s *scheduler) enterBlocking(w *worker) {
	s.mu.Lock()
	w.blocking++
	if w.blocking == 1 && !w.presumed {
		s.active--
		if s.runq.len() > 0 {
			s.wakeLocked()
		}
	}
	s.mu.Unlock()
}

func (s *scheduler) exitBlocking(w *worker) {
	s.mu.Lock()
	w.blocking--
	if w.blocking == 0 {
		if w.presumed {
			w.presumed = false
		}
		s.active++
	}
	s.mu.Unlock()
}

func (s *scheduler) watchdog() {
	defer s.wg.Done()
	t := time.NewTicker(s.stuckAfter / 2)
	defer t.Stop()
	for {
		select {
		case <-s.stopWatch:
			return
		case <-t.C:
		}
		now := time.Now().UnixNano()
		s.mu.Lock()
		if s.runq.len() > 0 && s.idle == 0 {
			for w := range s.workers {
				st := w.started.Load()
				if !w.presumed && w.blocking == 0 && st != 0 && time.Duration(now-st) > s.stuckAfter {
					w.presumed = true
					s.active--
				}
			}
			for s.active < s.target && !s.stopping {
				s.startWorkerLocked()
			}
		}
		s.mu.Unlock()
	}
}

// stop lets the workers finish the queued work and exit. It returns a
// channel closed when every worker and the watchdog have returned.
func (s *scheduler) stop() <-chan struct{} {
	s.mu.Lock()
	if !s.stopping {
		s.stopping = true
		close(s.stopWatch)
		s.cond.Broadcast()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	return done
}

// workerCount returns the number of worker goroutines (for tests).
func (s *scheduler) workerCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.workers)
}
