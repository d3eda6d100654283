package actor

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
)

// Process is a running process as its own callbacks see it: the handle
// passed to Init, Receive, HandleCall and Terminate. Its methods act on
// behalf of the process (send as it, link it, monitor for it, stop it).
//
// Concurrency: a process runs one callback at a time, so its callbacks never
// race with each other. The methods of a *Process are meant to be called
// from those callbacks; Self, Node and Logger may be called from anywhere.
// To act on a process from outside, use the Node methods with its PID.
type Process struct {
	node   *Node
	id     uint64
	parent PID

	// Owned by the goroutine running the process's callbacks.
	behaviour Receiver
	w         *worker // the worker running the process, nil when unknown
	stopWith  error   // set by Stop(reason) on self
	batch     []any   // messages taken from the mailbox, not handled yet

	halt atomic.Bool // set once exiting or dead: stop handling the batch

	mu          sync.Mutex
	q           ring[any]
	scheduled   bool // in the run queue or being run: senders must not schedule it
	running     bool // a callback is executing
	dead        bool
	trapExit    bool
	exiting     error // a signal decided the process must end with this reason
	exitRunTerm bool  // whether that ending runs Terminate
	reason      error // exit reason once dead
	name        string
	limit       int
	overflow    OverflowPolicy
	dropped     uint64
	links       map[PID]struct{}
	monitoredBy monitorSet       // monitors others hold on this process
	monitoring  map[Ref]PID      // monitors this process holds
	timers      map[Ref]struct{} // timers whose destination is this process
	protoReg    bool             // registered in the protoactor process registry

	prev, next *Process // the node's process list (procTable.mu)
	listed     bool     // in the node's process list (procTable.mu)
}

// downSink receives a Down for a monitor it holds.
type downSink interface {
	deliverDown(d Down)
}

// Self returns the process's PID.
func (p *Process) Self() PID { return PID{p: p} }

// Parent returns the PID of the process that spawned this one, or the zero
// PID for a process spawned from the Node.
func (p *Process) Parent() PID { return p.parent }

// Node returns the node the process runs on.
func (p *Process) Node() *Node { return p.node }

// Logger returns the node's logger with the process's PID attached.
func (p *Process) Logger() *slog.Logger { return p.node.logger.With("pid", p.Self().String()) }

// deliver appends a message to the mailbox, applying the mailbox limit.
func (p *Process) deliver(msg any) {
	p.mu.Lock()
	switch p.offerLocked(msg) {
	case offerSchedule:
		p.scheduled = true
		p.mu.Unlock()
		p.node.sched.push(p)
	case offerOverflow:
		p.mu.Unlock()
		p.finish(MailboxOverflow)
	default:
		p.mu.Unlock()
	}
}

// offerResult says what a sender must do after offerLocked.
type offerResult uint8

const (
	offerQueued   offerResult = iota // queued (or dropped); nothing to do
	offerSchedule                    // queued; make the process runnable
	offerOverflow                    // the bounded mailbox overflowed: end the process
)

// offerLocked appends msg unless the process is dead or its bounded mailbox
// refuses it, and says what the caller must do next (after unlocking, for
// offerOverflow; after setting p.scheduled, for offerSchedule). An
// overflowing OverflowExit mailbox ends the process at once, as Kill does:
// a subscriber stuck in a callback must not stay subscribed. p.mu must be
// held.
func (p *Process) offerLocked(msg any) offerResult {
	if p.dead {
		return offerQueued
	}
	if p.limit > 0 && p.q.len() >= p.limit {
		if p.overflow == OverflowDrop {
			p.dropped++
			if c, ok := msg.(*callRequest); ok {
				c.from.reply(nil, ErrMailboxFull)
			}
			return offerQueued
		}
		return offerOverflow
	}
	p.q.push(msg)
	if p.scheduled {
		return offerQueued
	}
	return offerSchedule
}

// enqueueLocked appends msg and schedules the process. p.mu must be held.
func (p *Process) enqueueLocked(msg any) {
	p.q.push(msg)
	if !p.scheduled {
		p.scheduled = true
		p.node.sched.push(p)
	}
}

// setExitingLocked records that the process must end. The first decision
// wins. p.mu must be held.
func (p *Process) setExitingLocked(reason error, runTerminate bool) {
	if p.exiting != nil {
		return
	}
	p.exiting, p.exitRunTerm = reason, runTerminate
	p.halt.Store(true)
	if !p.scheduled {
		p.scheduled = true
		p.node.sched.push(p)
	}
}

// signalExit handles an exit signal arriving at p: from a linked process
// that ended (link true) or from Exit (link false). It follows the receive
// rules of OTP exit signals, plus gen_server's parent rule: a process that
// traps exits ends (running Terminate) on an exit signal from its parent.
func (p *Process) signalExit(from PID, reason error, link bool) {
	if !link && reason == Kill {
		p.finish(Killed)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return
	}
	if link {
		if _, ok := p.links[from]; !ok {
			return // the link was removed: the signal is dropped
		}
		delete(p.links, from)
	}
	switch {
	case p.trapExit && from == p.parent:
		p.setExitingLocked(reason, true)
	case p.trapExit:
		p.enqueueLocked(ExitMsg{From: from, Reason: reason})
	case errors.Is(reason, Normal):
		if !link && from == p.Self() {
			p.setExitingLocked(Normal, false)
		}
	default:
		p.setExitingLocked(reason, false)
	}
}

// deliverDown implements downSink: a Down is delivered only if the process
// still holds the monitor, so none arrives after Demonitor.
func (p *Process) deliverDown(d Down) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return
	}
	if _, ok := p.monitoring[d.Ref]; !ok {
		return
	}
	delete(p.monitoring, d.Ref)
	p.enqueueLocked(d)
}

// addMonitor records a monitor held by sink on p, or reports p dead.
func (p *Process) addMonitor(ref Ref, sink downSink) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return false
	}
	p.monitoredBy.add(ref, sink)
	return true
}

func (p *Process) removeMonitor(ref Ref) {
	p.mu.Lock()
	p.monitoredBy.remove(ref)
	p.mu.Unlock()
}

// addLink adds a link end on p from other, or reports p dead.
func (p *Process) addLink(other PID) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return false
	}
	if p.links == nil {
		p.links = make(map[PID]struct{})
	}
	p.links[other] = struct{}{}
	return true
}

func (p *Process) removeLink(other PID) {
	p.mu.Lock()
	delete(p.links, other)
	p.mu.Unlock()
}

// finish ends the process with reason: it releases the name, cancels timers
// and sends exit signals to linked processes, then Downs to monitors.
// Terminate, if due, has already run. It is idempotent.
func (p *Process) finish(reason error) {
	p.mu.Lock()
	if p.dead {
		p.mu.Unlock()
		return
	}
	p.dead = true
	p.halt.Store(true)
	p.reason = reason
	links, mons, monitoring, timers := p.links, p.monitoredBy, p.monitoring, p.timers
	p.links, p.monitoredBy, p.monitoring, p.timers = nil, monitorSet{}, nil, nil
	name, protoReg := p.name, p.protoReg
	p.q.clear()
	if !p.running {
		p.behaviour = nil
	}
	p.mu.Unlock()

	n := p.node
	n.procs.remove(p) // gone from ProcessCount before anyone is told
	if name != "" {
		n.names.release(name, p)
	}
	if protoReg {
		n.unregisterProto(p)
	}
	for ref := range timers {
		n.timers.cancel(ref)
	}
	self := p.Self()
	for l := range links {
		if l.p != nil {
			l.p.signalExit(self, reason, true)
		}
	}
	mons.each(func(ref Ref, sink downSink) {
		sink.deliverDown(Down{Ref: ref, PID: self, Reason: reason})
	})
	for ref, target := range monitoring {
		if target.p != nil {
			target.p.removeMonitor(ref)
		}
	}
	if !IsNormalExit(reason) && !errors.Is(reason, Killed) && n.logger.Enabled(context.Background(), slog.LevelError) {
		n.logger.Error("process exited", "pid", self.String(), "reason", reason)
	}
}

// alive reports whether the process has not ended.
func (p *Process) alive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.dead
}
