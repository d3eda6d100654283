package pubsub

import (
	"context"
	"time"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
)

// relay is pubsub's process on each node. It
//   - fans out broadcasts forwarded by other nodes to this node's members;
//   - keeps a mirror of this node's memberships, learned from the scope's
//     own notifications (pg MonitorScope), and after a scope restart joins
//     every surviving member to the new scope again.
type relay struct {
	ps       *PubSub
	scopeMon actor.Ref
	sub      actor.Ref
	mirror   map[string]map[actor.PID]int // channel → local member → joins
	retry    time.Duration
}

// reattach is the message a relay sends itself while its scope is down.
type reattach struct{}

// scopeCallTimeout bounds the relay's own requests to the scope.
const scopeCallTimeout = 5 * time.Second

func (r *relay) Init(p *actor.Process) error {
	r.mirror = make(map[string]map[actor.PID]int)
	return r.attach(p)
}

// attach joins the relay group, monitors the scope process and subscribes
// to every change of the scope, rebuilding the mirror from its state.
func (r *relay) attach(p *actor.Process) error {
	ctx, cancel := context.WithTimeout(context.Background(), scopeCallTimeout)
	defer cancel()
	scope := r.ps.scope.Via(p)
	pid, ok := scope.PID()
	if !ok {
		return pg.ErrNoScope
	}
	r.scopeMon = p.Monitor(pid)
	if err := r.rejoin(ctx, scope); err != nil {
		return err
	}
	if err := scope.Join(ctx, relayGroup, p.Self()); err != nil {
		return err
	}
	ref, all, err := scope.MonitorScope(ctx, p.Self())
	if err != nil {
		return err
	}
	r.sub = ref
	clear(r.mirror)
	node := p.Node()
	for channel, pids := range all {
		if channel == relayGroup {
			continue
		}
		for _, pid := range pids {
			if pid.On(node) {
				r.add(channel, pid)
			}
		}
	}
	return nil
}

// rejoin joins the mirrored members of this node to a new scope.
func (r *relay) rejoin(ctx context.Context, scope *pg.Scope) error {
	node := r.ps.node
	for channel, members := range r.mirror {
		var pids []actor.PID
		for pid, count := range members {
			if !node.IsAlive(pid) {
				continue
			}
			for i := 0; i < count; i++ {
				pids = append(pids, pid)
			}
		}
		if len(pids) == 0 {
			continue
		}
		if err := scope.Join(ctx, channel, pids...); err != nil {
			return err
		}
	}
	return nil
}

func (r *relay) add(channel string, pid actor.PID) {
	m := r.mirror[channel]
	if m == nil {
		m = make(map[actor.PID]int)
		r.mirror[channel] = m
	}
	m[pid]++
}

func (r *relay) remove(channel string, pid actor.PID) {
	m := r.mirror[channel]
	if m[pid] <= 1 {
		delete(m, pid)
		if len(m) == 0 {
			delete(r.mirror, channel)
		}
		return
	}
	m[pid]--
}

func (r *relay) Receive(p *actor.Process, msg any) {
	node := p.Node()
	switch m := msg.(type) {
	case forward:
		snap := r.ps.scope.Snapshot(m.msg.(Message).Channel)
		sent := r.ps.deliverLocal(snap.ForEachLocalChunk, m.msg, m.skip)
		r.ps.counters.relayed.Add(1)
		r.ps.counters.localDeliveries.Add(uint64(sent))
	case pg.Joined:
		if m.Ref == r.sub && m.Group != relayGroup {
			for _, pid := range m.PIDs {
				if pid.On(node) {
					r.add(m.Group, pid)
				}
			}
		}
	case pg.Left:
		if m.Ref == r.sub && m.Group != relayGroup {
			for _, pid := range m.PIDs {
				if pid.On(node) {
					r.remove(m.Group, pid)
				}
			}
		}
	case actor.Down:
		if m.Ref == r.scopeMon {
			// The scope ended; its supervisor restarts it. Until then
			// keep the mirror and retry.
			r.sub = actor.Ref{}
			r.retry = time.Millisecond
			p.Send(p.Self(), reattach{})
		}
	case reattach:
		if err := r.attach(p); err != nil {
			r.retry = min(2*r.retry, 100*time.Millisecond)
			p.SendAfter(p.Self(), reattach{}, r.retry)
		}
	}
}
