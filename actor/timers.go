package actor

import (
	"sync"
	"time"
)

// timerTable holds a node's pending timers.
type timerTable struct {
	mu sync.Mutex
	m  map[Ref]*time.Timer
}

func (t *timerTable) init() { t.m = make(map[Ref]*time.Timer) }

// cancel stops a timer; it reports whether it had not fired yet.
func (t *timerTable) cancel(ref Ref) bool {
	t.mu.Lock()
	tm, ok := t.m[ref]
	delete(t.m, ref)
	t.mu.Unlock()
	if ok {
		tm.Stop()
	}
	return ok // a timer removed from the table never delivers
}

func (t *timerTable) stopAll() {
	t.mu.Lock()
	for ref, tm := range t.m {
		tm.Stop()
		delete(t.m, ref)
	}
	t.mu.Unlock()
}

// SendAfter sends msg to pid after d and returns the timer's Ref (OTP's
// erlang:send_after/3). The timer is cancelled if pid's process ends first.
func (n *Node) SendAfter(pid PID, msg any, d time.Duration) Ref {
	ref := newRef()
	p := pid.p
	if p != nil {
		p.mu.Lock()
		if p.dead {
			p.mu.Unlock()
			return ref
		}
		if p.timers == nil {
			p.timers = make(map[Ref]struct{})
		}
		p.timers[ref] = struct{}{}
		p.mu.Unlock()
	}
	n.timers.mu.Lock()
	n.timers.m[ref] = time.AfterFunc(d, func() {
		n.timers.mu.Lock()
		_, pending := n.timers.m[ref]
		delete(n.timers.m, ref)
		n.timers.mu.Unlock()
		if !pending {
			return
		}
		if p != nil {
			p.mu.Lock()
			delete(p.timers, ref)
			p.mu.Unlock()
		}
		n.Send(pid, msg)
	})
	n.timers.mu.Unlock()
	return ref
}

// SendAfter sends msg to pid after d; see Node.SendAfter.
func (p *Process) SendAfter(pid PID, msg any, d time.Duration) Ref {
	return p.node.SendAfter(pid, msg, d)
}

// CancelTimer cancels a timer made by SendAfter. It returns true if the
// timer was cancelled before it fired, and false if it had already fired
// (or was cancelled, or is unknown).
func (n *Node) CancelTimer(ref Ref) bool { return n.timers.cancel(ref) }

// CancelTimer cancels a timer; see Node.CancelTimer.
func (p *Process) CancelTimer(ref Ref) bool { return p.node.timers.cancel(ref) }
