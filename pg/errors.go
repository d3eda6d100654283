package pg

import (
	"errors"
	"fmt"

	"github.com/gotp/gotp/actor"
)

// Errors returned by the package. Match them with errors.Is.
var (
	// ErrAlreadyStarted is returned when starting a scope whose name is
	// already registered on the node (OTP's {error, {already_started, Pid}}).
	// The error is an *AlreadyStartedError carrying the running PID.
	ErrAlreadyStarted = errors.New("pg: scope already started")
	// ErrNotJoined is returned by Leave when none of the PIDs was a member
	// of the group (OTP's not_joined). Nothing changed.
	ErrNotJoined = errors.New("pg: not joined")
	// ErrNotLocal is returned by Join and Leave when a PID is not a process
	// of the scope's node (OTP's {nolocal, Pid}). Nothing changed.
	ErrNotLocal = errors.New("pg: process is not local to the scope's node")
	// ErrNoPIDs is returned by Join and Leave when given no PID. OTP accepts
	// an empty list and creates a phantom group that can never be deleted;
	// gotp rejects it instead.
	ErrNoPIDs = errors.New("pg: no pids given")
	// ErrNoScope is returned when the scope is not running. The error also
	// matches actor.NoProc, as OTP's calls exit with noproc.
	ErrNoScope = errors.New("pg: scope not running")
	// ErrNotMonitoring is returned by Demonitor for a Ref that is not an
	// active subscription of the scope (OTP's false).
	ErrNotMonitoring = errors.New("pg: not monitoring")
	// ErrUnexpected is the error a scope answers an unknown Call with.
	ErrUnexpected = errors.New("pg: unexpected request")
)

// AlreadyStartedError is the error of starting a scope that runs already.
// It matches ErrAlreadyStarted.
type AlreadyStartedError struct {
	Name string
	PID  actor.PID
}

// Error implements error.
func (e *AlreadyStartedError) Error() string {
	return fmt.Sprintf("pg: scope %q already started as %v", e.Name, e.PID)
}

// Is makes errors.Is(err, ErrAlreadyStarted) hold.
func (e *AlreadyStartedError) Is(target error) bool { return target == ErrAlreadyStarted }

// noScope is the error for a scope that is not running.
func noScope(name string) error {
	return fmt.Errorf("%w %q: %w", ErrNoScope, name, actor.NoProc)
}
