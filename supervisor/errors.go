package supervisor

import (
	"errors"
	"fmt"

	"github.com/gotp/gotp/actor"
)

// Errors returned by the supervisor API, OTP's {error, Reason} values. Check
// them with errors.Is; the returned errors wrap them with the child's ID.
var (
	// ErrAlreadyStarted: a child with this ID is running (OTP
	// {already_started, Pid}); the error is an *AlreadyStartedError.
	ErrAlreadyStarted = errors.New("already started")
	// ErrAlreadyPresent: a child spec with this ID exists but its child is
	// not running (OTP already_present).
	ErrAlreadyPresent = errors.New("already present")
	// ErrNotFound: no child has this ID or PID (OTP not_found).
	ErrNotFound = errors.New("not found")
	// ErrRunning: the child is running, so it cannot be restarted or
	// deleted (OTP running).
	ErrRunning = errors.New("child is running")
	// ErrRestarting: the supervisor is retrying a failed restart of the
	// child (OTP restarting).
	ErrRestarting = errors.New("child is restarting")
	// ErrSimpleOneForOne: the operation is not allowed on a
	// SimpleOneForOne supervisor (OTP simple_one_for_one).
	ErrSimpleOneForOne = errors.New("not allowed on simple_one_for_one")
	// ErrNotSimpleOneForOne: the operation needs a SimpleOneForOne
	// supervisor (StartChildArgs).
	ErrNotSimpleOneForOne = errors.New("only allowed on simple_one_for_one")
	// ErrStartFailed: a child's start function failed; the error is a
	// *StartError carrying the ID and the start function's error.
	ErrStartFailed = errors.New("failed to start child")
)

// Errors for invalid child specs (OTP's start_spec errors). Every one of
// them also matches ErrInvalidChildSpec.
var (
	ErrInvalidChildSpec = errors.New("invalid child spec")
	ErrMissingID        = errors.New("missing id")
	ErrMissingStart     = errors.New("missing start function")
	ErrInvalidRestart   = errors.New("invalid restart type")
	ErrInvalidShutdown  = errors.New("invalid shutdown")
	ErrInvalidChildType = errors.New("invalid child type")
	ErrBadCombination   = errors.New("bad combination")
	ErrDuplicateID      = errors.New("duplicate child id")
)

// Errors for invalid supervisor options (OTP's supervisor_data errors).
// Every one of them also matches ErrInvalidOption.
var (
	ErrInvalidOption       = errors.New("supervisor: invalid option")
	ErrInvalidStrategy     = errors.New("invalid strategy")
	ErrInvalidIntensity    = errors.New("invalid intensity")
	ErrInvalidPeriod       = errors.New("invalid period")
	ErrInvalidAutoShutdown = errors.New("invalid auto_shutdown")
	ErrInvalidRestartDelay = errors.New("invalid restart delay")
	// ErrBadStartSpec: a SimpleOneForOne supervisor needs exactly one
	// child spec, its template (OTP bad_start_spec).
	ErrBadStartSpec = errors.New("bad start spec: simple_one_for_one needs exactly one child spec")
)

// errNoPID is the reason of a start function that returned neither a PID
// nor an error.
var errNoPID = errors.New("start function returned the zero PID and no error")

// StartError reports a child whose start function failed, during Start
// (OTP's {shutdown, {failed_to_start_child, Id, Reason}}), StartChild,
// StartChildArgs or RestartChild. It matches ErrStartFailed and, through
// Unwrap, the start function's own error.
type StartError struct {
	ID  string
	Err error
}

// Error implements the error interface.
func (e *StartError) Error() string {
	return fmt.Sprintf("supervisor: failed to start child %q: %v", e.ID, e.Err)
}

// Unwrap returns ErrStartFailed and the start function's error.
func (e *StartError) Unwrap() []error { return []error{ErrStartFailed, e.Err} }

// AlreadyStartedError reports a child (or supervisor name) that is already
// running, with its PID (OTP's {already_started, Pid}). It matches
// ErrAlreadyStarted, and actor.ErrNameTaken when a registered name was the
// clash.
type AlreadyStartedError struct {
	ID  string
	PID actor.PID
	Err error // the underlying error, if any (e.g. *actor.NameTakenError)
}

// Error implements the error interface.
func (e *AlreadyStartedError) Error() string {
	return fmt.Sprintf("supervisor: %q already started as %v", e.ID, e.PID)
}

// Unwrap returns ErrAlreadyStarted and the underlying error.
func (e *AlreadyStartedError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrAlreadyStarted, e.Err}
	}
	return []error{ErrAlreadyStarted}
}

// startFailure wraps the error of a failed start function: a registered
// name clash becomes an *AlreadyStartedError (as OTP passes
// {already_started, Pid} through), anything else a *StartError.
func startFailure(id string, err error) error {
	var taken *actor.NameTakenError
	if errors.As(err, &taken) {
		return &AlreadyStartedError{ID: id, PID: taken.PID, Err: err}
	}
	return &StartError{ID: id, Err: err}
}

func specError(id string, err error, format string, args ...any) error {
	return fmt.Errorf("supervisor: child %q: %w: %w: "+format, append([]any{id, ErrInvalidChildSpec, err}, args...)...)
}

func optionError(err error, v any) error {
	return fmt.Errorf("%w: %w: %v", ErrInvalidOption, err, v)
}
