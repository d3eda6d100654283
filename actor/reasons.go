package actor

import (
	"errors"
	"fmt"
)

// exitReason is the type of the predefined exit reasons. Each is a distinct
// pointer, so errors.Is compares identity, as Erlang compares atoms.
type exitReason struct{ name string }

func (r *exitReason) Error() string { return r.name }

// Exit reasons. A process ends with one of these, with an error of the
// caller's own, or with a *PanicError. They are compared with errors.Is.
var (
	// Normal is the reason of a process that finished its work. Linked
	// processes that do not trap exits ignore it.
	Normal error = &exitReason{"normal"}
	// Shutdown is the reason a supervisor uses to stop a child, and the
	// reason Node.Stop uses for the processes it stops.
	Shutdown error = &exitReason{"shutdown"}
	// Kill is an untrappable exit signal when sent with Exit: the target
	// ends with reason Killed whether it traps exits or not.
	Kill error = &exitReason{"kill"}
	// Killed is the reason of a process that was sent Kill.
	Killed error = &exitReason{"killed"}
	// NoProc is the reason reported for a process that does not exist (a
	// monitor or link on a dead PID, a call to a dead process).
	NoProc error = &exitReason{"noproc"}
	// NoConnection is the reason reported when the node of a remote process
	// can no longer be reached.
	NoConnection error = &exitReason{"noconnection"}
	// MailboxOverflow is the reason of a process whose bounded mailbox
	// (OverflowExit policy) received a message while full.
	MailboxOverflow error = &exitReason{"mailbox_overflow"}
	// Ignore may be returned by Init to abort a spawn quietly: the process
	// ends with reason Normal and the spawner gets Ignore as its error (OTP's
	// init/1 returning ignore).
	Ignore error = &exitReason{"ignore"}
)

// ShutdownError is the reason {shutdown, Value}: a clean stop that carries a
// value. errors.Is(err, Shutdown) holds for it.
type ShutdownError struct {
	Value any
}

// ShutdownWith returns the exit reason {shutdown, v}.
func ShutdownWith(v any) error { return &ShutdownError{Value: v} }

// Error implements the error interface.
func (e *ShutdownError) Error() string { return fmt.Sprintf("shutdown: %v", e.Value) }

// Is reports that a ShutdownError is a kind of Shutdown.
func (e *ShutdownError) Is(target error) bool { return target == Shutdown }

// PanicError is the exit reason of a process whose callback panicked. It
// carries the panic value and the stack of the panicking goroutine.
type PanicError struct {
	Value any
	Stack []byte
}

// Error implements the error interface.
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// Unwrap returns the panic value when it is itself an error, so that
// errors.Is sees through a panic(err).
func (e *PanicError) Unwrap() error {
	if err, ok := e.Value.(error); ok {
		return err
	}
	return nil
}

// IsNormalExit reports whether reason is one that a transient child or a
// quiet log treats as clean: Normal, Shutdown or ShutdownWith(v). A nil
// reason counts as Normal.
func IsNormalExit(reason error) bool {
	return reason == nil || errors.Is(reason, Normal) || errors.Is(reason, Shutdown)
}

// API errors. They are returned by calls, never used as exit reasons.
var (
	// ErrTimeout is returned by Call and StopProcess when the context (or
	// DefaultCallTimeout) expires first.
	ErrTimeout = errors.New("actor: timeout")
	// ErrCallingSelf is returned by a Call whose target is the caller.
	ErrCallingSelf = errors.New("actor: calling self")
	// ErrNameTaken is returned when registering a name that is in use.
	ErrNameTaken = errors.New("actor: name already registered")
	// ErrAlreadyNamed is returned when registering a process that has a name.
	ErrAlreadyNamed = errors.New("actor: process already has a name")
	// ErrNotRegistered is returned for a name that no process holds.
	ErrNotRegistered = errors.New("actor: name not registered")
	// ErrInvalidName is returned for an empty name.
	ErrInvalidName = errors.New("actor: invalid name")
	// ErrNotLocal is returned when an operation needs a process of this node.
	ErrNotLocal = errors.New("actor: process is not local")
	// ErrNodeStopped is returned by operations on a stopped node.
	ErrNodeStopped = errors.New("actor: node stopped")
	// ErrNoCallHandler is the error a caller gets when the target process
	// does not implement CallHandler.
	ErrNoCallHandler = errors.New("actor: process does not handle calls")
	// ErrMailboxFull is the error a caller gets when its call was dropped by a
	// full bounded mailbox with the OverflowDrop policy.
	ErrMailboxFull = errors.New("actor: mailbox full")
	// ErrInvalidPID is returned for the zero PID.
	ErrInvalidPID = errors.New("actor: invalid pid")
	// ErrUnsupported is returned for operations not possible on a PID (for
	// example linking to a plain protoactor actor).
	ErrUnsupported = errors.New("actor: unsupported for this pid")
)

// CallError is the error of a Call that got no reply: Reason is ErrTimeout,
// NoProc, ErrCallingSelf, or the exit reason of a callee that died during
// the call. errors.Is sees through it to Reason (and, for a time-out, to the
// context's error).
type CallError struct {
	PID     PID
	Request any
	Reason  error
	ctxErr  error
}

// Error implements the error interface.
func (e *CallError) Error() string {
	return fmt.Sprintf("actor: call %v %T: %v", e.PID, e.Request, e.Reason)
}

// Unwrap returns the reason and, for a time-out, the context's error.
func (e *CallError) Unwrap() []error {
	if e.ctxErr != nil {
		return []error{e.Reason, e.ctxErr}
	}
	return []error{e.Reason}
}
