package actor

import (
	"strconv"
	"strings"
	"sync"

	pa "github.com/asynkron/protoactor-go/actor"
)

// protoIDPrefix starts the protoactor id of every gotp process.
const protoIDPrefix = "gotp$"

// Proto returns the protoactor PID of pid, so plain protoactor actors can
// send to a gotp process (and Watch it). The first call for a local process
// registers it in its node's protoactor process registry.
func (pid PID) Proto() *pa.PID {
	switch {
	case pid.p != nil:
		p := pid.p
		p.mu.Lock()
		dead, reg := p.dead, p.protoReg
		if !dead && !reg {
			p.protoReg = true
		}
		p.mu.Unlock()
		id := protoIDPrefix + strconv.FormatUint(p.id, 10)
		if !dead && !reg {
			p.node.system.ProcessRegistry.Add(&protoProcess{p: p}, id)
		}
		return pa.NewPID(p.node.system.Address(), id)
	case !pid.IsZero():
		v := pid.f.Value()
		return pa.NewPID(v.Address, v.ID)
	default:
		return nil
	}
}

// FromProto returns the gotp PID for a protoactor PID: the local process if
// it names one of n's processes, otherwise a foreign PID that n sends to
// through protoactor.
func FromProto(n *Node, pid *pa.PID) PID {
	if pid == nil {
		return PID{}
	}
	if pid.Address == n.system.Address() && strings.HasPrefix(pid.Id, protoIDPrefix) {
		// Proto registered the process; an ended one is no longer there.
		if proc, ok := n.system.ProcessRegistry.GetLocal(pid.Id); ok {
			if pp, ok := proc.(*protoProcess); ok {
				return pp.p.Self()
			}
		}
	}
	return PID{f: uniqueForeign(pid.Address, pid.Id)}
}

func (n *Node) sendForeign(pid PID, msg any) {
	n.system.Root.Send(pid.Proto(), msg)
}

func (n *Node) unregisterProto(p *Process) {
	n.system.ProcessRegistry.Remove(pa.NewPID(n.system.Address(), protoIDPrefix+strconv.FormatUint(p.id, 10)))
	n.protoWatches.drop(p)
}

// protoProcess lets protoactor deliver to a gotp process.
type protoProcess struct{ p *Process }

func (pp *protoProcess) SendUserMessage(_ *pa.PID, message any) {
	pp.p.deliver(pa.UnwrapEnvelopeMessage(message))
}

func (pp *protoProcess) SendSystemMessage(_ *pa.PID, message any) {
	switch m := message.(type) {
	case *pa.Watch:
		pp.p.node.protoWatches.watch(pp.p, m.Watcher)
	case *pa.Unwatch:
		pp.p.node.protoWatches.unwatch(pp.p, m.Watcher)
	}
}

func (pp *protoProcess) Stop(_ *pa.PID) { pp.p.finish(Killed) }

// protoWatchTable maps protoactor watchers to the monitors standing for them.
type protoWatchTable struct {
	mu sync.Mutex
	m  map[*Process]map[string]Ref
}

type protoWatchSink struct {
	system  *pa.ActorSystem
	watcher *pa.PID
	who     *pa.PID
}

func (s protoWatchSink) deliverDown(Down) {
	s.system.Root.Send(s.watcher, &pa.Terminated{Who: s.who, Why: pa.TerminatedReason_Stopped})
}

func (t *protoWatchTable) init() { t.m = make(map[*Process]map[string]Ref) }

func (t *protoWatchTable) watch(p *Process, watcher *pa.PID) {
	ref := newRef()
	sink := protoWatchSink{system: p.node.system, watcher: watcher, who: p.Self().Proto()}
	if !p.addMonitor(ref, sink) {
		sink.deliverDown(Down{})
		return
	}
	t.mu.Lock()
	if t.m[p] == nil {
		t.m[p] = make(map[string]Ref)
	}
	t.m[p][watcher.String()] = ref
	t.mu.Unlock()
}

func (t *protoWatchTable) unwatch(p *Process, watcher *pa.PID) {
	t.mu.Lock()
	ref, ok := t.m[p][watcher.String()]
	delete(t.m[p], watcher.String())
	t.mu.Unlock()
	if ok {
		p.removeMonitor(ref)
	}
}

func (t *protoWatchTable) drop(p *Process) {
	t.mu.Lock()
	delete(t.m, p)
	t.mu.Unlock()
}
