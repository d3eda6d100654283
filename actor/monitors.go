package actor

// Monitor starts monitoring pid: when it ends, p receives exactly one
// Down{Ref, PID, Reason}. If pid is already dead, the Down (reason NoProc)
// is delivered at once. Monitors are independent: monitoring twice gives two
// Refs and two Downs.
func (p *Process) Monitor(pid PID) Ref {
	ref := newRef()
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		return ref
	}
	if p.monitoring == nil {
		p.monitoring = make(map[Ref]PID)
	}
	p.monitoring[ref] = pid
	p.mu.Unlock()
	if pid.p == nil || !pid.p.addMonitor(ref, p) {
		p.deliverDown(Down{Ref: ref, PID: pid, Reason: NoProc})
	}
	return ref
}

// Demonitor stops the monitor ref. Once it returns, no Down for ref will be
// received: one already in the mailbox is removed too (OTP's demonitor with
// flush). It reports whether the monitor was active.
func (p *Process) Demonitor(ref Ref) bool {
	p.mu.Lock()
	target, active := p.monitoring[ref]
	delete(p.monitoring, ref)
	removed := 0
	if !active { // an active monitor has no Down queued yet
		isDown := func(m any) bool {
			d, ok := m.(Down)
			return ok && d.Ref == ref
		}
		removed = p.q.removeIf(isDown)
		for i, m := range p.batch { // taken from the mailbox, not handled yet
			if isDown(m) {
				p.batch[i] = flushed{}
				removed++
			}
		}
	}
	p.mu.Unlock()
	if active && target.p != nil {
		target.p.removeMonitor(ref)
	}
	return active || removed > 0
}

// Monitor watches pid from outside any process: the returned channel
// receives one Down when pid ends (at once, with NoProc, if it is dead).
// Cancel it with the returned function.
func (n *Node) Monitor(pid PID) (<-chan Down, func()) {
	ch := make(chan Down, 1)
	ref := newRef()
	if pid.p == nil || !pid.p.addMonitor(ref, chanSink(ch)) {
		ch <- Down{Ref: ref, PID: pid, Reason: NoProc}
		return ch, func() {}
	}
	return ch, func() { pid.p.removeMonitor(ref) }
}

// MonitorFunc calls fn once, with the Down, when pid ends (at once, with
// NoProc, if it is dead), without a goroutine or a mailbox: fn runs on the
// goroutine that ends the process, while its other monitors are told, so it
// must be quick and must not block (close a channel, swap a pointer, send a
// message). The returned function cancels the monitor.
func (n *Node) MonitorFunc(pid PID, fn func(Down)) (cancel func()) {
	ref := newRef()
	if pid.p == nil || !pid.p.addMonitor(ref, funcSink(fn)) {
		fn(Down{Ref: ref, PID: pid, Reason: NoProc})
		return func() {}
	}
	return func() { pid.p.removeMonitor(ref) }
}

// funcSink calls a function with the Down.
type funcSink func(Down)

func (f funcSink) deliverDown(d Down) { f(d) }
