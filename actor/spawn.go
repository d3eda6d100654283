package actor

import (
	"fmt"
	"runtime/debug"
)

// Spawn starts a process from the node (its parent is the zero PID). If the
// process implements Initializer, Init has run when Spawn returns; its
// error is returned and the process is gone.
func (n *Node) Spawn(b Receiver, opts ...SpawnOption) (PID, error) {
	return n.spawn(b, PID{}, nil, nil, nil, opts)
}

// SpawnMonitor starts a process and monitors it atomically: even if Init
// fails, a Down with the reason is delivered on the returned channel. The
// channel has room for the one Down.
func (n *Node) SpawnMonitor(b Receiver, opts ...SpawnOption) (PID, <-chan Down, error) {
	ch := make(chan Down, 1)
	pid, err := n.spawn(b, PID{}, nil, nil, chanSink(ch), opts)
	return pid, ch, err
}

// Spawn starts a child process of p. See Node.Spawn.
func (p *Process) Spawn(b Receiver, opts ...SpawnOption) (PID, error) {
	return p.node.spawn(b, p.Self(), p.w, nil, nil, opts)
}

// SpawnLink starts a child process linked to p; the link is in place before
// Init runs, so a failing Init still delivers its exit signal to p.
func (p *Process) SpawnLink(b Receiver, opts ...SpawnOption) (PID, error) {
	return p.node.spawn(b, p.Self(), p.w, p, nil, opts)
}

// SpawnMonitor starts a child process monitored by p; the monitor is in
// place before Init runs, so a failing Init still delivers its Down.
func (p *Process) SpawnMonitor(b Receiver, opts ...SpawnOption) (PID, Ref, error) {
	ref := newRef()
	pid, err := p.node.spawn(b, p.Self(), p.w, nil, monitorBy{p, ref}, opts)
	return pid, ref, err
}

// monitorBy asks spawn to set a monitor held by a process, with a known ref.
type monitorBy struct {
	p   *Process
	ref Ref
}

func (m monitorBy) deliverDown(d Down) { m.p.deliverDown(d) }

func (n *Node) spawn(b Receiver, parent PID, w *worker, linkTo *Process, mon downSink, opts []SpawnOption) (PID, error) {
	if b == nil {
		return PID{}, fmt.Errorf("actor: spawn: nil process")
	}
	if n.stopped.Load() {
		return PID{}, ErrNodeStopped
	}
	var cfg spawnConfig
	for _, o := range opts {
		o(&cfg)
	}
	p := &Process{
		node:      n,
		id:        n.nextID.Add(1),
		parent:    parent,
		behaviour: b,
		scheduled: true, // nobody runs it until Init is done
		running:   true,
		limit:     cfg.limit,
		overflow:  cfg.overflow,
	}
	self := p.Self()
	if cfg.name != "" {
		if err := n.names.register(cfg.name, p); err != nil {
			return PID{}, err
		}
	}
	if linkTo != nil {
		if !linkTo.addLink(self) {
			// The spawner was killed while its callback still runs: a
			// child linked to it would never be told.
			if cfg.name != "" {
				n.names.release(cfg.name, p)
			}
			return PID{}, fmt.Errorf("actor: spawn_link from an ended process: %w", NoProc)
		}
		p.links = map[PID]struct{}{linkTo.Self(): {}}
	}
	switch m := mon.(type) {
	case nil:
	case monitorBy:
		m.p.mu.Lock()
		if m.p.monitoring == nil {
			m.p.monitoring = make(map[Ref]PID)
		}
		m.p.monitoring[m.ref] = self
		m.p.mu.Unlock()
		p.monitoredBy.add(m.ref, m)
	default:
		p.monitoredBy.add(newRef(), m)
	}
	n.procs.add(p)

	if i, ok := b.(Initializer); ok {
		if err := p.runInit(i, w); err != nil {
			reason := err
			if err == Ignore {
				reason = Normal
			}
			p.finish(reason)
			p.mu.Lock()
			p.running, p.behaviour = false, nil
			p.mu.Unlock()
			return PID{}, err
		}
	}
	p.mu.Lock()
	p.running = false
	if p.q.len() > 0 || p.exiting != nil {
		n.sched.push(p)
	} else {
		p.scheduled = false
	}
	p.mu.Unlock()
	return self, nil
}

func (p *Process) runInit(i Initializer, w *worker) (err error) {
	p.w = w
	defer func() {
		p.w = nil
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	if err := i.Init(p); err != nil {
		return err
	}
	return p.stopWith
}
