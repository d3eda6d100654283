package supervisor

import (
	"context"
	"errors"
	"fmt"

	"github.com/gotp/gotp/actor"
)

// Caller makes a call to a process: both *actor.Node (from outside any
// process) and *actor.Process (from inside one) satisfy it, so every API
// function works from either.
type Caller interface {
	Call(ctx context.Context, pid actor.PID, req any) (any, error)
}

// Start starts a supervisor from node (its parent is the node: Node.Stop
// shuts it down) with the given children and options. It returns once
// every child has started, in spec order. If a child fails to start, the
// children already started are stopped in reverse order and the error is a
// *StartError naming it. Invalid specs or options fail before anything
// starts, with errors matching ErrInvalidChildSpec or ErrInvalidOption.
// ctx bounds the start: if it ends between two children, the start is
// rolled back.
func Start(ctx context.Context, node *actor.Node, children []ChildSpec, opts ...Option) (actor.PID, error) {
	s, spawnOpts, err := newServer(ctx, children, opts)
	if err != nil {
		return actor.PID{}, err
	}
	pid, err := node.Spawn(s, spawnOpts...)
	return pid, spawnError(err, s.cfg.name)
}

// StartLink is Start from inside process p: the supervisor is linked to p
// and p is its parent, so when p ends (or sends it an exit signal) the
// supervisor stops its children and ends with p's reason. On failure the
// supervisor is gone and p receives no exit signal from it.
func StartLink(ctx context.Context, p *actor.Process, children []ChildSpec, opts ...Option) (actor.PID, error) {
	s, spawnOpts, err := newServer(ctx, children, opts)
	if err != nil {
		return actor.PID{}, err
	}
	pid, err := p.SpawnLink(s, spawnOpts...)
	return pid, spawnError(err, s.cfg.name)
}

func spawnError(err error, name string) error {
	var taken *actor.NameTakenError
	if errors.As(err, &taken) {
		return &AlreadyStartedError{ID: name, PID: taken.PID, Err: err}
	}
	return err
}

// StartChild adds a child to a static supervisor and starts it (OTP's
// start_child/2). The child is appended to the start order. Errors:
// *AlreadyStartedError (ErrAlreadyStarted) if a child with that ID runs,
// ErrAlreadyPresent if its spec exists but it does not run, a spec error,
// a *StartError if the start function fails (the spec is not kept), or
// ErrSimpleOneForOne. If the start function returns actor.Ignore, the PID
// is zero and the error nil (OTP's {ok, undefined}); the spec is kept
// unless the child is Temporary.
func StartChild(ctx context.Context, c Caller, sup actor.PID, spec ChildSpec) (actor.PID, error) {
	return call[actor.PID](ctx, c, sup, startChildReq{spec})
}

// StartChildArgs starts a child of a SimpleOneForOne supervisor from its
// template, passing args to the template's start function (OTP's
// start_child/2 with a list). If the start function returns actor.Ignore,
// the PID is zero, the error nil and nothing is kept. A failed start is a
// *StartError; ErrNotSimpleOneForOne for other supervisors.
func StartChildArgs(ctx context.Context, c Caller, sup actor.PID, args ...any) (actor.PID, error) {
	return call[actor.PID](ctx, c, sup, startChildArgsReq{args})
}

// TerminateChild stops the child id of a static supervisor (OTP's
// terminate_child/2) using its Shutdown spec, and waits until it has
// ended. Its spec is kept (Undefined) unless it is Temporary, and a child
// being restarted stops being retried. It returns nil also when the child
// was not running; ErrNotFound or ErrSimpleOneForOne otherwise.
func TerminateChild(ctx context.Context, c Caller, sup actor.PID, id string) error {
	_, err := call[any](ctx, c, sup, terminateChildReq{id})
	return err
}

// TerminateChildPID stops the child pid of a SimpleOneForOne supervisor and
// forgets it. A PID that is not alive counts as terminated (nil); a live
// process that is not a child gives ErrNotFound, as does any PID for a
// static supervisor (use TerminateChild).
func TerminateChildPID(ctx context.Context, c Caller, sup actor.PID, pid actor.PID) error {
	_, err := call[any](ctx, c, sup, terminateChildPIDReq{pid})
	return err
}

// RestartChild starts again the child id of a static supervisor, which
// must not be running (OTP's restart_child/2). It does not count toward
// the restart intensity. Errors: ErrRunning, ErrRestarting, ErrNotFound
// (Temporary children leave no spec), ErrSimpleOneForOne, or a *StartError
// (the child stays Undefined). On actor.Ignore the PID is zero, error nil.
func RestartChild(ctx context.Context, c Caller, sup actor.PID, id string) (actor.PID, error) {
	return call[actor.PID](ctx, c, sup, restartChildReq{id})
}

// DeleteChild removes the spec of the child id, which must not be running
// (OTP's delete_child/2). Errors: ErrRunning, ErrRestarting, ErrNotFound,
// ErrSimpleOneForOne.
func DeleteChild(ctx context.Context, c Caller, sup actor.PID, id string) error {
	_, err := call[any](ctx, c, sup, deleteChildReq{id})
	return err
}

// WhichChildren lists the supervisor's children, most recently started
// first, as OTP's which_children/1 does.
func WhichChildren(ctx context.Context, c Caller, sup actor.PID) ([]ChildInfo, error) {
	return call[[]ChildInfo](ctx, c, sup, whichChildrenReq{})
}

// CountChildren counts the supervisor's children (OTP's count_children/1).
func CountChildren(ctx context.Context, c Caller, sup actor.PID) (Counts, error) {
	return call[Counts](ctx, c, sup, countChildrenReq{})
}

// GetChildSpec returns the spec of the child id of a static supervisor,
// with DefaultShutdown resolved (OTP's get_childspec/2), or ErrNotFound.
func GetChildSpec(ctx context.Context, c Caller, sup actor.PID, id string) (ChildSpec, error) {
	return call[ChildSpec](ctx, c, sup, getChildSpecReq{id})
}

// GetChildSpecPID returns the spec of the running child pid: its own for
// a static supervisor, the template for a SimpleOneForOne one; or
// ErrNotFound.
func GetChildSpecPID(ctx context.Context, c Caller, sup actor.PID, pid actor.PID) (ChildSpec, error) {
	return call[ChildSpec](ctx, c, sup, getChildSpecPIDReq{pid})
}

// call makes one API call. Errors from the call itself (the supervisor is
// not running: actor.NoProc; a time-out) are *actor.CallError values.
func call[T any](ctx context.Context, c Caller, sup actor.PID, req any) (T, error) {
	var zero T
	r, err := c.Call(ctx, sup, req)
	if err != nil {
		return zero, err
	}
	v, ok := r.(T)
	if !ok && r != nil {
		return zero, fmt.Errorf("supervisor: unexpected reply %T to %T", r, req)
	}
	return v, nil
}
