package actor

import (
	"runtime/debug"
)

// run handles up to max messages of p on worker w. It returns true when p
// still has work and must go back to the run queue.
func (p *Process) run(w *worker, max int) bool {
	p.mu.Lock()
	p.w = w // cleared under p.mu before another worker can pick p up
	for i := 0; ; i++ {
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
		if i == max {
			p.w = nil
			p.mu.Unlock()
			return true
		}
		msg, ok := p.q.pop()
		if !ok {
			p.scheduled = false
			p.w = nil
			p.mu.Unlock()
			return false
		}
		p.running = true
		p.mu.Unlock()
		if reason, runTerm, ended := p.dispatch(msg); ended {
			p.terminate(reason, runTerm)
			return false
		}
		p.mu.Lock()
	}
}

// dispatch runs the callback for one message. It reports whether the
// process must end, and how.
func (p *Process) dispatch(msg any) (reason error, runTerm, ended bool) {
	defer func() {
		if v := recover(); v != nil {
			reason, runTerm, ended = &PanicError{Value: v, Stack: debug.Stack()}, true, true
		}
	}()
	switch m := msg.(type) {
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
