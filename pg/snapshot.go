package pg

import (
	"iter"
	"sync"
	"sync/atomic"

	"github.com/gotp/gotp/actor"
)

// groupView is the immutable published state of one group.
type groupView struct {
	local  members
	remote []RemoteMembers
	n      int
}

// cell holds the current view of one group. The scope replaces the view
// atomically; readers load it without locking.
type cell struct{ v atomic.Pointer[groupView] }

// table is the read side of one scope instance: group name → cell. It is
// written only by the scope process and read by anyone (sync.Map's Load is
// lock-free and allocation-free).
type table struct{ groups sync.Map }

func (t *table) view(group string) *groupView {
	if t == nil {
		return nil
	}
	c, ok := t.groups.Load(group)
	if !ok {
		return nil
	}
	return c.(*cell).v.Load()
}

// Snapshot is an immutable view of one group's members at one moment: the
// members of this node and, per peer scope, the members other nodes
// contributed. The zero Snapshot is an empty group.
//
// Concurrency: a Snapshot never changes; it may be read from any number of
// goroutines. Reading it takes no lock and sends no message. Its methods
// that take a callback allocate nothing.
type Snapshot struct{ v *groupView }

// Len returns the number of memberships (a PID joined twice counts twice).
func (s Snapshot) Len() int {
	if s.v == nil {
		return 0
	}
	return s.v.n
}

// LocalLen returns the number of memberships of this node's processes.
func (s Snapshot) LocalLen() int {
	if s.v == nil {
		return 0
	}
	return s.v.local.len()
}

// ForEach calls fn for every member, local ones first, until fn returns
// false. A PID joined twice is visited twice.
func (s Snapshot) ForEach(fn func(actor.PID) bool) {
	if s.v == nil || !s.v.local.forEach(fn) {
		return
	}
	for i := range s.v.remote {
		if !s.v.remote[i].m.forEach(fn) {
			return
		}
	}
}

// ForEachLocal calls fn for every member on this node until fn returns false.
func (s Snapshot) ForEachLocal(fn func(actor.PID) bool) {
	if s.v != nil {
		s.v.local.forEach(fn)
	}
}

// ForEachLocalChunk calls fn with the members on this node, a run of at
// most 128 PIDs at a time, until fn returns false: the broadcaster's read,
// with no copy (hand each run to actor.Node.SendAll). The slices are shared
// by every reader: fn must not modify or keep them.
func (s Snapshot) ForEachLocalChunk(fn func([]actor.PID) bool) {
	if s.v != nil {
		s.v.local.forEachChunk(fn)
	}
}

// All returns an iterator over every member, local ones first.
func (s Snapshot) All() iter.Seq[actor.PID] {
	return func(yield func(actor.PID) bool) { s.ForEach(yield) }
}

// Local returns an iterator over the members on this node.
func (s Snapshot) Local() iter.Seq[actor.PID] {
	return func(yield func(actor.PID) bool) { s.ForEachLocal(yield) }
}

// Members returns a new slice with every member, local ones first.
func (s Snapshot) Members() []actor.PID {
	if s.v == nil {
		return nil
	}
	return s.AppendMembers(make([]actor.PID, 0, s.v.n))
}

// AppendMembers appends every member to dst and returns the result, so a
// broadcaster can reuse one buffer.
func (s Snapshot) AppendMembers(dst []actor.PID) []actor.PID {
	if s.v == nil {
		return dst
	}
	dst = s.v.local.appendTo(dst)
	for i := range s.v.remote {
		dst = s.v.remote[i].m.appendTo(dst)
	}
	return dst
}

// LocalMembers returns a new slice with the members on this node.
func (s Snapshot) LocalMembers() []actor.PID {
	if s.v == nil || s.v.local.len() == 0 {
		return nil
	}
	return s.v.local.appendTo(make([]actor.PID, 0, s.v.local.len()))
}

// Remote returns the members contributed by other nodes, one RemoteMembers
// per peer scope. The slice is shared: do not modify it.
func (s Snapshot) Remote() []RemoteMembers {
	if s.v == nil {
		return nil
	}
	return s.v.remote
}

// RemoteMembers are the members of a group that one peer scope (the scope
// of the same name on another node) contributed. It is immutable.
type RemoteMembers struct {
	// Node is the peer's node, as the transport names it.
	Node string
	// Scope is the PID of the peer scope process.
	Scope actor.PID
	m     members
}

// Len returns the number of memberships.
func (r RemoteMembers) Len() int { return r.m.len() }

// ForEach calls fn for each member until fn returns false.
func (r RemoteMembers) ForEach(fn func(actor.PID) bool) { r.m.forEach(fn) }

// ForEachChunk calls fn with the members, a run of at most 128 PIDs at a
// time, until fn returns false; see Snapshot.ForEachLocalChunk.
func (r RemoteMembers) ForEachChunk(fn func([]actor.PID) bool) { r.m.forEachChunk(fn) }

// All returns an iterator over the members.
func (r RemoteMembers) All() iter.Seq[actor.PID] {
	return func(yield func(actor.PID) bool) { r.m.forEach(yield) }
}

// Members returns a new slice with the members.
func (r RemoteMembers) Members() []actor.PID { return r.m.appendTo(make([]actor.PID, 0, r.m.len())) }
