package actor

import (
	"runtime/debug"
)

// run handles up to max messages of p on worker w. It returns true when p
// still has work and must go back to the run queue.
//
// Messages are taken from the mailbox in batches (one lock for many
// messages) into the worker's buffer; p.batch shows the part not handled
// yet to p's own callbacks, so Demonitor can flush a Down from it. Between
// two messages an atomic flag tells whether a signal has ended the process.
func (p *Process) run(w *worker, max int) bool {
	p.mu.Lock()
	p.w = w // cleared under p.mu before another worker can pick p up
	for handled := 0; ; {
		p.running = false
		if p.dead {
			p.behaviour = nil
			p.scheduled = false
			p.w = nil
			p.mu.Unlock()
			return false
		}
		if p.exiting != nil {
			reason, runTerm := p.exiting, p.exitRunTerm
			p.running = true
			p.mu.Unlock()
			p.terminate(reason, runTerm)
			return false
		}
		if handled >= max {
			p.w = nil
			p.mu.Unlock()
			return true
		}
		k := min(p.q.len(), max-handled, len(w.buf))
		if k == 0 {
			p.scheduled = false
			p.w = nil
			p.mu.Unlock()
			return false
		}
		batch := w.buf[:k]
		for i := range batch {
			batch[i], _ = p.q.pop()
		}
		p.running = true
		p.mu.Unlock()
		handled += k
		reason, runTerm, ended := p.dispatchBatch(batch)
		clear(batch)
		p.batch = nil
		if ended {
			p.terminate(reason, runTerm)
			return false
		}
		p.mu.Lock()
	}
}

// flushed replaces a message removed from a batch by Demonitor.
type flushed struct{}

// dispatchBatch runs the callbacks for a batch of messages, stopping early
// when a signal ends the process. It reports whether the process must end,
// and how. One deferred recover covers the whole batch: a panic ends the
// process, so the messages after it are dropped anyway.
func (p *Process) dispatchBatch(batch []any) (reason error, runTerm, ended bool) {
	defer func() {
		if v := recover(); v != nil {
			reason, runTerm, ended = &PanicError{Value: v, Stack: debug.Stack()}, true, true
		}
	}()
	for i := 0; i < len(batch) && !p.halt.Load(); i++ {
		msg := batch[i]
		batch[i] = nil
		p.batch = batch[i+1:]
		switch m := msg.(type) {
		case flushed:
			continue
		case *callRequest:
			p.handleCall(m)
		case stopRequest:
			return m.reason, true, true
		default:
			p.behaviour.Receive(p, msg)
		}
		if p.stopWith != nil {
			return p.stopWith, true, true
		}
	}
	return nil, false, false
}

func (p *Process) handleCall(c *callRequest) {
	h, ok := p.behaviour.(CallHandler)
	if !ok {
		c.from.reply(nil, ErrNoCallHandler)
		return
	}
	reply, err := h.HandleCall(p, c.req, c.from)
	if reply == NoReply && err == nil {
		return
	}
	c.from.reply(reply, err)
}

// terminate runs Terminate when due, then ends the process.
func (p *Process) terminate(reason error, runTerm bool) {
	p.mu.Lock()
	killed := p.dead
	p.mu.Unlock()
	if runTerm && !killed {
		if t, ok := p.behaviour.(Terminator); ok {
			reason = p.callTerminate(t, reason)
		}
	}
	p.finish(reason)
	p.mu.Lock()
	p.running = false
	p.behaviour = nil
	p.scheduled = false
	p.w = nil
	p.mu.Unlock()
}

func (p *Process) callTerminate(t Terminator, reason error) (out error) {
	out = reason
	defer func() {
		if v := recover(); v != nil {
			out = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	t.Terminate(p, reason)
	return out
}

// stopRequest asks a process to end with reason, running Terminate.
type stopRequest struct{ reason error }
