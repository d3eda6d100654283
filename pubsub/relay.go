package pubsub

import (
	"context"
	"time"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
)

// relay is pubsub's process on each node. It
//   - fans out broadcasts forwarded by other nodes to this node's members;
//   - carries this node's memberships over a restart of the scope: it
//     keeps the pg.Instance of the scope run it attached to, which stays
//     readable (frozen) after that run ends, and joins every member still
//     alive to the new run. Following the scope costs nothing per join or
//     leave.
type relay struct {
	ps       *PubSub
	inst     pg.Instance // the scope run attached to
	scopeMon actor.Ref
	retry    time.Duration
}

// reattach is the message a relay sends itself while its scope is down.
type reattach struct{}

// scopeCallTimeout bounds the relay's own requests to the scope.
const scopeCallTimeout = 5 * time.Second

func (r *relay) Init(p *actor.Process) error { return r.attach(p) }

// attach re-joins the members of the previous scope run (if any) to the
// current run, joins the relay group and monitors the new run.
func (r *relay) attach(p *actor.Process) error {
	ctx, cancel := context.WithTimeout(context.Background(), scopeCallTimeout)
	defer cancel()
	scope := r.ps.scope.Via(p)
	inst, ok := scope.Instance()
	if !ok {
		return pg.ErrNoScope
	}
	if inst.PID() != r.inst.PID() {
		if err := r.rejoin(ctx, scope, r.inst); err != nil {
			return err
		}
	}
	if err := scope.Join(ctx, relayGroup, p.Self()); err != nil {
		return err
	}
	r.inst = inst
	r.scopeMon = p.Monitor(inst.PID())
	return nil
}

// rejoin joins the live local members of an ended scope run to the scope.
func (r *relay) rejoin(ctx context.Context, scope *pg.Scope, old pg.Instance) error {
	node := r.ps.node
	var err error
	old.ForEachLocalGroup(func(channel string, pids []actor.PID) bool {
		if channel == relayGroup {
			return true
		}
		alive := pids[:0]
		for _, pid := range pids {
			if node.IsAlive(pid) {
				alive = append(alive, pid)
			}
		}
		if len(alive) > 0 {
			err = scope.Join(ctx, channel, alive...)
		}
		return err == nil
	})
	return err
}

func (r *relay) Receive(p *actor.Process, msg any) {
	switch m := msg.(type) {
	case forward:
		snap := r.ps.scope.Snapshot(m.msg.(Message).Channel)
		sent := r.ps.deliverLocal(snap.ForEachLocalChunk, m.msg, m.skip)
		r.ps.counters.relayed.Add(1)
		r.ps.counters.localDeliveries.Add(uint64(sent))
	case actor.Down:
		if m.Ref == r.scopeMon {
			// The scope run ended; its supervisor starts a new one.
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
