package actor

import "fmt"

// Send puts msg in pid's mailbox. It never blocks and never fails: sending
// to a dead process is silent, as in Erlang. Messages from one sender to one
// receiver arrive in the order they were sent.
func (n *Node) Send(pid PID, msg any) {
	switch {
	case pid.p != nil:
		pid.p.deliver(msg)
	case !pid.IsZero():
		n.sendForeign(pid, msg)
	}
}

// SendAll puts msg in the mailbox of every pid, as Send to each in order
// would, but makes the receivers runnable in batches: the fast path for
// fan-out (pubsub broadcasts use it).
func (n *Node) SendAll(pids []PID, msg any) {
	var batch [64]*Process
	k := 0
	var sched *scheduler
	for _, pid := range pids {
		p := pid.p
		if p == nil {
			if !pid.IsZero() {
				n.sendForeign(pid, msg)
			}
			continue
		}
		p.mu.Lock()
		switch p.offerLocked(msg) {
		case offerQueued:
			p.mu.Unlock()
			continue
		case offerOverflow:
			p.mu.Unlock()
			p.finish(MailboxOverflow)
			continue
		}
		p.scheduled = true
		p.mu.Unlock()
		if k == len(batch) || (k > 0 && p.node.sched != sched) {
			sched.pushAll(batch[:k])
			k = 0
		}
		sched = p.node.sched
		batch[k] = p
		k++
	}
	if k > 0 {
		sched.pushAll(batch[:k])
	}
}

// SendAll sends msg to every pid; see Node.SendAll.
func (p *Process) SendAll(pids []PID, msg any) { p.node.SendAll(pids, msg) }

// Send puts msg in pid's mailbox; see Node.Send.
func (p *Process) Send(pid PID, msg any) { p.node.Send(pid, msg) }

// SendName sends msg to the process registered under name. Unlike sending
// to a PID, an unknown name is an error (ErrNotRegistered), as in Erlang.
func (n *Node) SendName(name string, msg any) error {
	pid, ok := n.Whereis(name)
	if !ok {
		return fmt.Errorf("actor: send to %q: %w", name, ErrNotRegistered)
	}
	n.Send(pid, msg)
	return nil
}

// SendName sends msg to a registered name; see Node.SendName.
func (p *Process) SendName(name string, msg any) error { return p.node.SendName(name, msg) }

// Blocking runs f, telling the scheduler that f may block (a socket write, a
// wait on a channel), so other processes get the worker meanwhile. Calls
// and spawns made through gotp do this by themselves.
func (p *Process) Blocking(f func()) {
	w := p.w
	if w == nil {
		f()
		return
	}
	p.node.sched.enterBlocking(w)
	defer p.node.sched.exitBlocking(w)
	f()
}
