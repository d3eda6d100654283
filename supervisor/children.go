package supervisor

import "github.com/gotp/gotp/actor"

// Status is the state of a child as WhichChildren reports it.
type Status int

const (
	// Undefined: the child is not running (terminated with TerminateChild,
	// a transient child that ended normally, or one whose start returned
	// actor.Ignore): OTP's undefined pid.
	Undefined Status = iota
	// Running: the child runs as ChildInfo.PID.
	Running
	// Restarting: a restart failed and the supervisor is retrying it.
	Restarting
)

// String returns the name used in logs and OTP.
func (s Status) String() string {
	switch s {
	case Running:
		return "running"
	case Restarting:
		return "restarting"
	}
	return "undefined"
}

// child is the supervisor's record of one child.
//
// Invariants, kept by server.setRunning/setRestarting/setUndefined/remove:
// Running: pid is set and byPID[pid] is the child. Restarting: pid is zero;
// for a dynamic child byPID[last] is the child, so TerminateChildPID with
// the old PID still finds it. Undefined: pid is zero, not in byPID.
type child struct {
	spec       *ChildSpec // own spec, or the shared template of a dynamic child
	args       []any      // extra arguments of a dynamic child
	pid        actor.PID
	last       actor.PID // the most recent PID, kept while not running
	status     Status
	removed    bool
	prev, next *child
}

// childList keeps children in start order. Insertion at the end and
// removal are O(1), so dynamic supervisors with many children stay flat.
type childList struct {
	head, tail *child
	n          int
}

func (l *childList) pushBack(c *child) {
	c.prev, c.next = l.tail, nil
	if l.tail != nil {
		l.tail.next = c
	} else {
		l.head = c
	}
	l.tail = c
	l.n++
}

func (l *childList) remove(c *child) {
	if c.prev != nil {
		c.prev.next = c.next
	} else {
		l.head = c.next
	}
	if c.next != nil {
		c.next.prev = c.prev
	} else {
		l.tail = c.prev
	}
	c.prev, c.next = nil, nil
	l.n--
}

// id returns the ID reported for the child: its spec's ID for a static
// child, "" for a dynamic one (OTP reports undefined).
func (s *server) id(c *child) string {
	if s.simple {
		return ""
	}
	return c.spec.ID
}

// add appends a new child record (Undefined) in start order.
func (s *server) add(c *child) {
	s.list.pushBack(c)
	if !s.simple {
		s.byID[c.spec.ID] = c
	}
}

// leave undoes the index entries of c's current status.
func (s *server) leave(c *child) {
	switch c.status {
	case Running:
		delete(s.byPID, c.pid)
		c.pid = actor.PID{}
	case Restarting:
		s.nRestarting--
		if s.simple {
			delete(s.byPID, c.last)
		}
	}
	c.status = Undefined
}

func (s *server) setRunning(c *child, pid actor.PID) {
	s.leave(c)
	c.pid, c.last, c.status = pid, pid, Running
	s.byPID[pid] = c
}

func (s *server) setRestarting(c *child) {
	s.leave(c)
	c.status = Restarting
	s.nRestarting++
	if s.simple && !c.last.IsZero() {
		s.byPID[c.last] = c
	}
}

func (s *server) setUndefined(c *child) { s.leave(c) }

// remove deletes the child record (temporary children, deleted specs,
// dynamic children that are not restarted).
func (s *server) remove(c *child) {
	if c.removed {
		return
	}
	s.leave(c)
	s.list.remove(c)
	if !s.simple {
		delete(s.byID, c.spec.ID)
	}
	c.removed = true
}
