package pg

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/gotp/gotp/actor"
)

type opKind uint8

const (
	opJoin opKind = iota
	opLeave
	opMonitor
	opMonitorScope
	opDemonitor
	opFlush
)

var opNames = [...]string{"join", "leave", "monitor", "monitor scope", "demonitor", "flush"}

// request is a synchronous request to the scope process. The scope fills in
// the result fields, then signals done; the caller reads them only after
// receiving from done.
type request struct {
	op    opKind
	group string
	pids  []actor.PID
	sub   actor.PID
	ref   actor.Ref
	done  chan struct{}

	err     error
	members []actor.PID
	all     map[string][]actor.PID
}

// call sends r to the running scope and waits for it to be handled, for the
// scope to end, or for ctx to end. Unlike a plain actor Call it needs no
// monitor per request: the instance's done channel reports the scope's end.
func (s *Scope) call(ctx context.Context, r *request) error {
	inst := s.running()
	if inst == nil {
		return fmt.Errorf("pg: %s: %w", opNames[r.op], noScope(s.name))
	}
	if r.done == nil {
		r.done = make(chan struct{}, 1)
	}
	s.node.Send(inst.pid, r)
	var err error
	wait := func() {
		select {
		case <-r.done:
		case <-inst.done:
			select {
			case <-r.done:
			default:
				err = fmt.Errorf("pg: %s: %w", opNames[r.op], noScope(s.name))
			}
		case <-ctx.Done():
			err = fmt.Errorf("pg: %s %q: %w (%w)", opNames[r.op], r.group, actor.ErrTimeout, ctx.Err())
		}
	}
	if s.proc != nil {
		s.proc.Blocking(wait)
	} else {
		wait()
	}
	if err != nil {
		return err
	}
	return r.err
}

// requests recycles Join and Leave requests (and their channels). A request
// goes back only once its reply was received, so the scope is done with it.
var requests = sync.Pool{New: func() any { return &request{done: make(chan struct{}, 1)} }}

// update makes a Join or Leave request with a recycled request.
func (s *Scope) update(ctx context.Context, op opKind, group string, pids []actor.PID) error {
	r := requests.Get().(*request)
	r.op, r.group, r.pids = op, group, slices.Clone(pids)
	err := s.call(ctx, r)
	if err == nil || err == ErrNotJoined {
		*r = request{done: r.done}
		requests.Put(r)
	}
	return err
}

// Join adds each PID to group once per occurrence: membership is counted,
// so a PID joined twice must leave twice. Every PID must be a process of
// the scope's node (ErrNotLocal, nothing joined otherwise) and at least one
// must be given (ErrNoPIDs). When Join returns, every read on this node
// sees the new members and the scopes of other nodes have been sent the
// change. Joining a dead process succeeds; it is removed at once.
func (s *Scope) Join(ctx context.Context, group string, pids ...actor.PID) error {
	if err := s.checkLocal("join", group, pids); err != nil {
		return err
	}
	return s.update(ctx, opJoin, group, pids)
}

// Leave removes one membership of group per PID given. It returns an error
// matching ErrNotJoined when none of the PIDs was a member (nothing
// changed); when some were, it removes those and returns nil. The same
// rules as Join apply to the PIDs.
func (s *Scope) Leave(ctx context.Context, group string, pids ...actor.PID) error {
	if err := s.checkLocal("leave", group, pids); err != nil {
		return err
	}
	if err := s.update(ctx, opLeave, group, pids); err != nil {
		if err == ErrNotJoined {
			return fmt.Errorf("pg: leave %q: %w", group, ErrNotJoined)
		}
		return err
	}
	return nil
}

// Monitor subscribes the process subscriber to the changes of group and
// returns the subscription's Ref with the group's current members, taken
// in the same step (no change can fall between them). From then on the
// subscriber receives a Joined or Left message for every change of the
// group, local or remote, until it calls Demonitor or ends. subscriber must
// be a process of this program.
func (s *Scope) Monitor(ctx context.Context, subscriber actor.PID, group string) (actor.Ref, []actor.PID, error) {
	r := &request{op: opMonitor, group: group, sub: subscriber}
	if err := s.call(ctx, r); err != nil {
		return actor.Ref{}, nil, err
	}
	return r.ref, r.members, nil
}

// MonitorScope subscribes the process subscriber to the changes of every
// group of the scope; it returns the Ref and every group's current members.
// See Monitor.
func (s *Scope) MonitorScope(ctx context.Context, subscriber actor.PID) (actor.Ref, map[string][]actor.PID, error) {
	r := &request{op: opMonitorScope, sub: subscriber}
	if err := s.call(ctx, r); err != nil {
		return actor.Ref{}, nil, err
	}
	return r.ref, r.all, nil
}

// Demonitor ends the subscription ref. Once it returns no further
// notification for ref is sent. Notifications already in the subscriber's
// mailbox cannot be taken back (OTP flushes them; gotp has no selective
// receive): a subscriber should ignore Joined and Left whose Ref it no
// longer holds. It returns an error matching ErrNotMonitoring for an
// unknown ref.
func (s *Scope) Demonitor(ctx context.Context, ref actor.Ref) error {
	r := &request{op: opDemonitor, ref: ref}
	if err := s.call(ctx, r); err != nil {
		if err == ErrNotMonitoring {
			return fmt.Errorf("pg: demonitor %v: %w", ref, ErrNotMonitoring)
		}
		return err
	}
	return nil
}

// Flush waits until the scope has handled every message that reached it
// before the call (member ends, messages from peers) and published the
// result: a barrier for tests, like OTP tests' sys:get_state(Scope).
func (s *Scope) Flush(ctx context.Context) error {
	return s.call(ctx, &request{op: opFlush})
}

// Joined is sent to a subscriber (see Monitor) when PIDs joined Group: one
// message per join operation, local or remote. PIDs is shared between
// subscribers: do not modify it.
type Joined struct {
	Ref   actor.Ref
	Group string
	PIDs  []actor.PID
}

// Left is sent to a subscriber when PIDs left Group: by Leave, by the end
// of a member (one Left per membership it held), or because the peer scope
// that contributed them went away. PIDs is shared: do not modify it.
type Left struct {
	Ref   actor.Ref
	Group string
	PIDs  []actor.PID
}
