package supervisor

import (
	"errors"
	"fmt"

	"github.com/gotp/gotp/actor"
)

// Requests the API functions send to the supervisor process.
type (
	startChildReq        struct{ spec ChildSpec }
	startChildArgsReq    struct{ args []any }
	terminateChildReq    struct{ id string }
	terminateChildPIDReq struct{ pid actor.PID }
	restartChildReq      struct{ id string }
	deleteChildReq       struct{ id string }
	whichChildrenReq     struct{}
	countChildrenReq     struct{}
	getChildSpecReq      struct{ id string }
	getChildSpecPIDReq   struct{ pid actor.PID }
)

// HandleCall serves the supervisor API (OTP's handle_call/3 clauses).
func (s *server) HandleCall(p *actor.Process, req any, _ actor.From) (any, error) {
	switch r := req.(type) {
	case startChildReq:
		return s.handleStartChild(p, r.spec)
	case startChildArgsReq:
		return s.handleStartChildArgs(p, r.args)
	case terminateChildReq:
		return nil, s.handleTerminateChild(p, r.id)
	case terminateChildPIDReq:
		return nil, s.handleTerminateChildPID(p, r.pid)
	case restartChildReq:
		return s.handleRestartChild(p, r.id)
	case deleteChildReq:
		return nil, s.handleDeleteChild(r.id)
	case whichChildrenReq:
		return s.whichChildren(), nil
	case countChildrenReq:
		return s.countChildren(), nil
	case getChildSpecReq:
		if c, ok := s.byID[r.id]; ok && !s.simple {
			return c.spec.withDefaults(), nil
		}
		return nil, fmt.Errorf("supervisor: get child spec %q: %w", r.id, ErrNotFound)
	case getChildSpecPIDReq:
		if c, ok := s.byPID[r.pid]; ok {
			return c.spec.withDefaults(), nil
		}
		return nil, fmt.Errorf("supervisor: get child spec %v: %w", r.pid, ErrNotFound)
	}
	return nil, fmt.Errorf("supervisor: unknown request %T", req)
}

func (s *server) handleStartChild(p *actor.Process, spec ChildSpec) (actor.PID, error) {
	if s.simple {
		return actor.PID{}, fmt.Errorf("supervisor: start child %q: %w (use StartChildArgs)", spec.ID, ErrSimpleOneForOne)
	}
	if err := spec.validate(s.cfg.autoShutdown); err != nil {
		return actor.PID{}, err
	}
	if c, ok := s.byID[spec.ID]; ok {
		if c.status == Running {
			return actor.PID{}, &AlreadyStartedError{ID: spec.ID, PID: c.pid}
		}
		return actor.PID{}, fmt.Errorf("supervisor: start child %q: %w", spec.ID, ErrAlreadyPresent)
	}
	return s.startNew(p, &spec)
}

func (s *server) handleStartChildArgs(p *actor.Process, args []any) (actor.PID, error) {
	if !s.simple {
		return actor.PID{}, fmt.Errorf("supervisor: start child with args: %w", ErrNotSimpleOneForOne)
	}
	pid, err := s.invokeStart(p, s.template, args)
	switch {
	case err == nil:
		c := &child{spec: s.template}
		if s.template.Restart != Temporary {
			c.args = args // OTP does not keep a temporary child's arguments
		}
		s.add(c)
		s.setRunning(c, pid)
		s.emit(ChildStarted{Supervisor: s.self, PID: pid})
		return pid, nil
	case errors.Is(err, actor.Ignore):
		return actor.PID{}, nil
	}
	return actor.PID{}, startFailure(s.template.ID, err)
}

func (s *server) handleTerminateChild(p *actor.Process, id string) error {
	if s.simple {
		return fmt.Errorf("supervisor: terminate child %q: %w (use TerminateChildPID)", id, ErrSimpleOneForOne)
	}
	c, ok := s.byID[id]
	if !ok {
		return fmt.Errorf("supervisor: terminate child %q: %w", id, ErrNotFound)
	}
	s.terminate(p, c)
	return nil
}

// terminate stops c on request: a running child is shut down, a
// restarting one stops being retried. Temporary children are removed.
func (s *server) terminate(p *actor.Process, c *child) {
	if c.status == Running {
		s.shutdown(p, c)
	}
	if c.spec.Restart == Temporary || s.simple {
		s.remove(c)
	} else {
		s.setUndefined(c)
	}
}

func (s *server) handleTerminateChildPID(p *actor.Process, pid actor.PID) error {
	if c, ok := s.byPID[pid]; ok && s.simple {
		s.terminate(p, c)
		return nil
	}
	if s.simple && !p.Node().IsAlive(pid) {
		return nil // OTP: a dead PID is terminated already
	}
	return fmt.Errorf("supervisor: terminate child %v: %w", pid, ErrNotFound)
}

func (s *server) handleRestartChild(p *actor.Process, id string) (actor.PID, error) {
	if s.simple {
		return actor.PID{}, fmt.Errorf("supervisor: restart child %q: %w", id, ErrSimpleOneForOne)
	}
	c, ok := s.byID[id]
	switch {
	case !ok:
		return actor.PID{}, fmt.Errorf("supervisor: restart child %q: %w", id, ErrNotFound)
	case c.status == Running:
		return actor.PID{}, fmt.Errorf("supervisor: restart child %q: %w", id, ErrRunning)
	case c.status == Restarting:
		return actor.PID{}, fmt.Errorf("supervisor: restart child %q: %w", id, ErrRestarting)
	}
	pid, err := s.invokeStart(p, c.spec, nil)
	switch {
	case err == nil:
		s.setRunning(c, pid)
		s.emit(ChildStarted{Supervisor: s.self, ID: id, PID: pid})
		return pid, nil
	case errors.Is(err, actor.Ignore):
		return actor.PID{}, nil
	}
	return actor.PID{}, startFailure(id, err)
}

func (s *server) handleDeleteChild(id string) error {
	if s.simple {
		return fmt.Errorf("supervisor: delete child %q: %w", id, ErrSimpleOneForOne)
	}
	c, ok := s.byID[id]
	switch {
	case !ok:
		return fmt.Errorf("supervisor: delete child %q: %w", id, ErrNotFound)
	case c.status == Running:
		return fmt.Errorf("supervisor: delete child %q: %w", id, ErrRunning)
	case c.status == Restarting:
		return fmt.Errorf("supervisor: delete child %q: %w", id, ErrRestarting)
	}
	s.remove(c)
	return nil
}

// ChildInfo describes one child (an element of OTP's which_children).
type ChildInfo struct {
	ID     string    // "" for the children of a SimpleOneForOne supervisor
	PID    actor.PID // zero unless Status is Running
	Status Status
	Type   ChildType
}

// Counts are the child counts of CountChildren (OTP's count_children).
type Counts struct {
	Specs       int // child specs (1 for SimpleOneForOne)
	Active      int // running children
	Supervisors int // children of type TypeSupervisor, running or not
	Workers     int // children of type TypeWorker, running or not
}

// whichChildren lists the children most recently started first, as OTP.
func (s *server) whichChildren() []ChildInfo {
	out := make([]ChildInfo, 0, s.list.n)
	for c := s.list.tail; c != nil; c = c.prev {
		out = append(out, ChildInfo{ID: s.id(c), PID: c.pid, Status: c.status, Type: c.spec.Type})
	}
	return out
}

func (s *server) countChildren() Counts {
	if s.simple {
		n := Counts{Specs: 1, Active: s.list.n - s.nRestarting}
		if s.template.Type == TypeSupervisor {
			n.Supervisors = s.list.n
		} else {
			n.Workers = s.list.n
		}
		return n
	}
	n := Counts{Specs: s.list.n}
	for c := s.list.head; c != nil; c = c.next {
		if c.status == Running {
			n.Active++
		}
		if c.spec.Type == TypeSupervisor {
			n.Supervisors++
		} else {
			n.Workers++
		}
	}
	return n
}
