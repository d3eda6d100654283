package actor

import "sync/atomic"

// localQueue is a worker's small batch of runnable processes, taken from the
// shared run queue in one lock. Its owner pops from it; the watchdog (or a
// worker about to block) steals what is left, so a blocked worker never
// strands processes. Both ends use a CAS on head, as the Go runtime's per-P
// run queues do; only the owner writes slots and tail, and only while the
// queue is empty.
type localQueue struct {
	head atomic.Uint32
	tail atomic.Uint32
	buf  [localQueueSize]atomic.Pointer[Process]
}

const localQueueSize = 16

// fill stores ps; the queue must be empty and owned by the caller.
func (q *localQueue) fill(ps []*Process) {
	h := q.head.Load()
	for i, p := range ps {
		q.buf[(h+uint32(i))%localQueueSize].Store(p)
	}
	q.tail.Store(h + uint32(len(ps)))
}

// pop takes the next process; it is called by the owner only.
func (q *localQueue) pop() *Process {
	for {
		h := q.head.Load()
		t := q.tail.Load()
		if h == t {
			return nil
		}
		p := q.buf[h%localQueueSize].Load()
		if q.head.CompareAndSwap(h, h+1) {
			return p
		}
	}
}

// steal takes every queued process, appending them to out.
func (q *localQueue) steal(out []*Process) []*Process {
	for {
		h := q.head.Load()
		t := q.tail.Load()
		if h == t {
			return out
		}
		n := len(out)
		for i := h; i != t; i++ {
			out = append(out, q.buf[i%localQueueSize].Load())
		}
		if q.head.CompareAndSwap(h, t) {
			return out
		}
		out = out[:n]
	}
}
