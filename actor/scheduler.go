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
//     StopProcess, Process.Blocking) says so: it hands its batch of
//     runnable processes back and, when work is queued, another worker is
//     woken or started in its place.
//   - A watchdog looks every few milliseconds for workers that have been
//     inside one process run since its last look (blocking in user code gotp
//     cannot see); it counts them as blocked, takes their batches back, and
//     adds workers the same way.
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
	buf      [64]any // messages taken from the mailbox of the process being run
	local    localQueue
	runs     atomic.Uint64 // process runs begun
	busy     atomic.Bool   // inside a process run
	seen     uint64        // runs at the watchdog's last look (watchdog only)
	presumed bool          // counted as blocked by the watchdog (s.mu)
	blocking int           // nesting depth of declared blocking sections (s.mu)
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
	s.runq.keep = true // a broadcast's burst would otherwise regrow it every time
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

// pushAll makes every process in ps runnable, in one lock.
func (s *scheduler) pushAll(ps []*Process) {
	if len(ps) == 0 {
		return
	}
	s.mu.Lock()
	for _, p := range ps {
		s.runq.push(p)
	}
	for i := 0; i < len(ps) && (s.idle > i/localQueueSize || s.active < s.target); i += localQueueSize {
		s.wakeLocked()
	}
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
	var grab [localQueueSize]*Process
	for {
		p := w.local.pop()
		if p == nil {
			n, ok := w.refill(grab[:])
			if !ok {
				return
			}
			p = grab[0]
			w.local.fill(grab[1:n])
		}
		w.runs.Add(1)
		w.busy.Store(true)
		again := p.run(w, s.throughput)
		w.busy.Store(false)
		if again {
			s.push(p)
		}
	}
}

// refill waits for queued processes and takes a batch of them into buf. It
// returns false when the worker must retire.
func (w *worker) refill(buf []*Process) (int, bool) {
	s := w.s
	s.mu.Lock()
	defer s.mu.Unlock()
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
			return 0, false
		}
		if s.runq.len() == 0 {
			s.idle++
			s.cond.Wait()
			s.idle--
			continue
		}
		n := min(s.runq.len()/max(s.active, 1)+1, len(buf), s.runq.len())
		for i := 0; i < n; i++ {
			buf[i], _ = s.runq.pop()
		}
		if s.runq.len() > 0 && s.idle > 0 {
			s.cond.Signal()
		}
		return n, true
	}
}

// enterBlocking is called by a worker about to block; see scheduler.
func (s *scheduler) enterBlocking(w *worker) {
	var buf [localQueueSize]*Process
	stolen := w.local.steal(buf[:0])
	s.mu.Lock()
	for _, p := range stolen {
		s.runq.push(p)
	}
	w.blocking++
	if w.blocking == 1 && !w.presumed {
		s.active--
	}
	if s.runq.len() > 0 {
		s.wakeLocked()
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
	t := time.NewTicker(s.stuckAfter)
	defer t.Stop()
	var stolen []*Process
	for {
		select {
		case <-s.stopWatch:
			return
		case <-t.C:
		}
		s.mu.Lock()
		for w := range s.workers {
			runs := w.runs.Load()
			stuck := w.busy.Load() && runs == w.seen
			w.seen = runs
			if !stuck || w.presumed || w.blocking > 0 {
				continue
			}
			w.presumed = true
			s.active--
			stolen = w.local.steal(stolen[:0])
			for _, p := range stolen {
				s.runq.push(p)
			}
		}
		for s.runq.len() > 0 && s.idle == 0 && s.active < s.target && !s.stopping {
			s.startWorkerLocked()
		}
		if s.runq.len() > 0 && s.idle > 0 {
			s.cond.Broadcast()
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

// workerCount returns the number of worker goroutines.
func (s *scheduler) workerCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.workers)
}
