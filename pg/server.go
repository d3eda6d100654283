package pg

import (
	"fmt"

	"github.com/gotp/gotp/actor"
)

// server is the scope process. It owns every write: local joins and leaves,
// member DOWNs, the protocol with peer scopes and the subscriptions. It
// publishes the resulting group views in its table; reads never reach it.
//
// Changes made by a request (Join, Leave, ...) are published before the
// reply. Changes that arrive asynchronously (member DOWNs, peer messages)
// are published in batches: the first one queues a flush message behind
// everything already in the mailbox, so a burst of DOWNs costs one
// publication per drained batch, not one per DOWN. Notifications to
// subscribers are sent right after the publication that contains them, so
// a subscriber that reads the group after a notification sees the change.
type server struct {
	name string
	cfg  config
	home *home

	p         *actor.Process
	self      actor.PID
	inst      *instance
	link      Link
	localNode string

	local  *peer               // this node's members
	peers  map[actor.PID]*peer // peer scopes by PID
	groups map[string]*group   // groups with members, and empty ones not swept yet
	dirty  []*group            // groups changed since the last publish
	queued bool                // a flush message is in the mailbox
	empty  int                 // publications of an empty group since the last sweep
	notes  []notice            // notifications waiting for the next publish
	subs   map[actor.Ref]*sub  // subscriptions by Ref
	gsubs  map[string][]*sub   // group subscriptions
	ssubs  []*sub              // scope subscriptions
}

// peer is one contributor of members: this node (scope zero) or a peer
// scope on another node.
type peer struct {
	scope   actor.PID
	node    string
	members map[actor.PID]*member
	groups  map[string]*list
}

// member is one process with at least one membership from a contributor.
type member struct {
	ref     actor.Ref // for local members: the scope's monitor on the process
	entries []*entry  // one per membership
	first   entry     // the first membership, allocated with the member
	one     [1]*entry // backs entries while there is one membership
}

// group is the writer side of one group.
type group struct {
	srv    *server
	name   string
	local  *list
	remote []*list
	cell   cell
	stored bool // cell is in the table
	dirty  bool
}

type flushMsg struct{}

func newPeer(scope actor.PID, node string) *peer {
	return &peer{scope: scope, node: node, members: make(map[actor.PID]*member), groups: make(map[string]*list)}
}

// Init publishes the new instance and, with a transport, attaches to the
// network and discovers the peer scopes.
func (s *server) Init(p *actor.Process) error {
	s.p, s.self = p, p.Self()
	s.local = newPeer(actor.PID{}, "")
	s.peers = make(map[actor.PID]*peer)
	s.groups = make(map[string]*group)
	s.subs = make(map[actor.Ref]*sub)
	s.gsubs = make(map[string][]*sub)
	inst := &instance{pid: s.self, table: &table{}, done: make(chan struct{})}
	s.inst = inst
	if t := s.cfg.transport; t != nil {
		link, err := t.Attach(p, s.name)
		if err != nil {
			return fmt.Errorf("pg: scope %q: attach transport: %w", s.name, err)
		}
		s.link, s.localNode = link, link.LocalNode()
		s.local.node = s.localNode
	}
	home := s.home
	p.Node().MonitorFunc(s.self, func(actor.Down) {
		close(inst.done)
		home.cur.CompareAndSwap(inst, nil)
	})
	s.home.cur.Store(inst)
	if s.link != nil {
		for _, n := range s.link.Nodes() {
			s.link.SendNode(n, s.discoverMsg())
		}
	}
	return nil
}

// Terminate detaches from the transport and withdraws the instance, so
// reads return nothing at once.
func (s *server) Terminate(p *actor.Process, reason error) {
	if s.link != nil {
		s.link.Close()
	}
	s.home.cur.CompareAndSwap(s.inst, nil)
}

// HandleCall answers calls made with actor's Call, which the scope does not
// use: they get ErrUnexpected.
func (s *server) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	p.Logger().Warn("pg: unexpected call", "scope", s.name, "type", fmt.Sprintf("%T", req))
	return nil, ErrUnexpected
}

// Receive dispatches every message; an unknown one is logged and dropped,
// never a reason to crash (OTP's pg crashes the scope here).
func (s *server) Receive(p *actor.Process, msg any) {
	switch m := msg.(type) {
	case *request:
		s.handle(m)
	case actor.Down:
		s.down(m)
	case flushMsg:
		s.queued = false
		s.publish()
	case Discover:
		s.discover(m)
	case Sync:
		s.sync(m)
	case JoinMsg:
		s.remoteJoin(m)
	case LeaveMsg:
		s.remoteLeave(m)
	case PeerDown:
		s.peerDown(m)
	case NodeUp:
		if s.link != nil && m.Node != s.localNode {
			s.link.SendNode(m.Node, s.discoverMsg())
		}
	default:
		p.Logger().Warn("pg: unexpected message dropped", "scope", s.name, "type", fmt.Sprintf("%T", msg))
	}
}

func (s *server) handle(r *request) {
	if r.done == nil {
		return
	}
	switch r.op {
	case opJoin:
		s.localJoin(r.group, r.pids)
	case opLeave:
		if !s.localLeave(r.group, r.pids) {
			r.err = ErrNotJoined
		}
	case opMonitor, opMonitorScope:
		s.publish()
		s.subscribe(r)
	case opDemonitor:
		if !s.unsubscribe(r.ref, true) {
			r.err = ErrNotMonitoring
		}
	}
	s.publish()
	r.done <- struct{}{}
}

// down handles the end of a local member or of a subscriber.
func (s *server) down(d actor.Down) {
	if m := s.local.members[d.PID]; m != nil && m.ref == d.Ref {
		s.memberDown(d.PID, m)
		return
	}
	s.unsubscribe(d.Ref, false)
}

// group returns the group named name, creating it.
func (s *server) group(name string) *group {
	g := s.groups[name]
	if g == nil {
		g = &group{srv: s, name: name}
		s.groups[name] = g
	}
	return g
}

func (g *group) markDirty() {
	if !g.dirty {
		g.dirty = true
		g.srv.dirty = append(g.srv.dirty, g)
	}
}

// queueFlush makes sure a publication follows the asynchronous changes
// just made, once the messages already queued have been handled.
func (s *server) queueFlush() {
	if !s.queued && len(s.dirty)+len(s.notes) > 0 {
		s.queued = true
		s.p.Send(s.self, flushMsg{})
	}
}

// publish makes every change visible to readers, then sends the pending
// notifications.
func (s *server) publish() {
	for _, g := range s.dirty {
		g.dirty = false
		s.publishGroup(g)
	}
	clear(s.dirty)
	s.dirty = s.dirty[:0]
	if s.empty > 256 && s.empty > len(s.groups)/2 {
		s.sweep()
	}
	for _, n := range s.notes {
		s.p.Send(n.to, n.msg)
	}
	clear(s.notes)
	s.notes = s.notes[:0]
}

// sweep deletes the empty groups.
func (s *server) sweep() {
	for name, g := range s.groups {
		if g.cell.v.Load() != nil || g.dirty {
			continue
		}
		if g.stored {
			s.inst.table.groups.Delete(name)
		}
		if g.local != nil && s.local.groups[name] == g.local {
			delete(s.local.groups, name)
		}
		delete(s.groups, name)
	}
	s.empty = 0
}

func (s *server) publishGroup(g *group) {
	v := &groupView{}
	if l := g.local; l != nil && (l.n > 0 || l.dirty) {
		v.local = l.publish() // an empty local list is kept for reuse
		v.n += l.n
	}
	keep := g.remote[:0]
	for _, l := range g.remote {
		if l.n == 0 {
			if l.peer.groups[g.name] == l {
				delete(l.peer.groups, g.name)
			}
			continue
		}
		keep = append(keep, l)
		v.remote = append(v.remote, RemoteMembers{Node: l.peer.node, Scope: l.peer.scope, m: l.publish()})
		v.n += l.n
	}
	clear(g.remote[len(keep):])
	g.remote = keep
	if v.n == 0 {
		// The group stays, empty, so that a group that empties and fills
		// again (a lone member joining and leaving) costs no allocation;
		// empty groups are swept once they are many.
		g.cell.v.Store(nil)
		s.empty++
		return
	}
	g.cell.v.Store(v)
	if !g.stored {
		g.stored = true
		s.inst.table.groups.Store(g.name, &g.cell)
	}
}
