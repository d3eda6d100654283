package actor

import (
	"strconv"
	"sync/atomic"
	"unique"
)

// foreignID names a process that is not a gotp process of this node: a
// plain protoactor actor, or a process on another node.
type foreignID struct {
	Address string
	ID      string
}

// PID identifies a process. It is a small comparable value: use it with ==
// and as a map key. The zero PID identifies no process.
//
// A PID of a local process points straight at the process, so sending to it
// costs no registry lookup. A PID is never reused: once its process has
// ended, the PID stays dead. PIDs are safe to copy and share between
// goroutines.
type PID struct {
	p *Process
	f unique.Handle[foreignID]
}

// IsZero reports whether pid is the zero PID.
func (pid PID) IsZero() bool { return pid == PID{} }

// IsLocal reports whether pid is a gotp process of this program.
func (pid PID) IsLocal() bool { return pid.p != nil }

// NodeName returns the name of the node the process runs on: the Node's
// name for a gotp process, the protoactor address for a foreign one, and ""
// for the zero PID.
func (pid PID) NodeName() string {
	switch {
	case pid.p != nil:
		return pid.p.node.name
	case pid != PID{}:
		return pid.f.Value().Address
	default:
		return ""
	}
}

// On reports whether pid is a process of node n.
func (pid PID) On(n *Node) bool { return pid.p != nil && pid.p.node == n }

// String formats the PID as <node.id> for gotp processes and
// <address/id> for foreign ones.
func (pid PID) String() string {
	switch {
	case pid.p != nil:
		return "<" + pid.p.node.name + "." + strconv.FormatUint(pid.p.id, 10) + ">"
	case pid != PID{}:
		v := pid.f.Value()
		return "<" + v.Address + "/" + v.ID + ">"
	default:
		return "<nopid>"
	}
}

// Ref identifies a monitor or a timer. Refs are unique within the program
// and comparable.
type Ref struct{ id uint64 }

var refCounter atomic.Uint64

func newRef() Ref { return Ref{id: refCounter.Add(1)} }

// IsZero reports whether r is the zero Ref.
func (r Ref) IsZero() bool { return r.id == 0 }

// String formats the Ref as #Ref<n>.
func (r Ref) String() string { return "#Ref<" + strconv.FormatUint(r.id, 10) + ">" }

func uniqueForeign(address, id string) unique.Handle[foreignID] {
	return unique.Make(foreignID{Address: address, ID: id})
}
