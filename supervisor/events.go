package supervisor

import (
	"context"
	"log/slog"
	"time"

	"github.com/gotp/gotp/actor"
)

// Event is something a supervisor did or saw: one of ChildStarted,
// ChildExited, ChildRestarted, RestartFailed, ChildTerminated,
// ShutdownTimedOut, IntensityExceeded, AutoShutdownTriggered.
type Event interface {
	// SupervisorPID returns the supervisor the event is about.
	SupervisorPID() actor.PID
	isEvent()
}

// EventHook receives the events of a supervisor (WithEventHook). It is
// called from the supervisor process, one event at a time, and must not
// block.
type EventHook func(Event)

// ChildStarted: a child was started by Start, StartChild, StartChildArgs or
// RestartChild.
type ChildStarted struct {
	Supervisor actor.PID
	ID         string
	PID        actor.PID
}

// ChildExited: a running child ended by itself. Restart says whether the
// supervisor will restart it.
type ChildExited struct {
	Supervisor actor.PID
	ID         string
	PID        actor.PID
	Reason     error
	Restart    bool
}

// ChildRestarted: a child was restarted, as a new process, after a
// termination (its own or, for OneForAll and RestForOne, a sibling's).
type ChildRestarted struct {
	Supervisor actor.PID
	ID         string
	OldPID     actor.PID
	PID        actor.PID
}

// RestartFailed: restarting a child failed; the child is restarting and
// the supervisor retries after RetryIn (each retry counts toward the
// intensity).
type RestartFailed struct {
	Supervisor actor.PID
	ID         string
	Err        error
	RetryIn    time.Duration
}

// ChildTerminated: the supervisor stopped a child (TerminateChild, a
// sibling restart, or its own shutdown). Reason is the child's exit reason.
type ChildTerminated struct {
	Supervisor actor.PID
	ID         string
	PID        actor.PID
	Reason     error
}

// ShutdownTimedOut: a child did not end within its Shutdown time-out after
// being sent actor.Shutdown, so it was killed. A child stuck inside a
// callback is marked dead, but Go cannot stop its goroutine: it runs until
// the callback returns.
type ShutdownTimedOut struct {
	Supervisor actor.PID
	ID         string
	PID        actor.PID
	Timeout    time.Duration
}

// IntensityExceeded: more than MaxRestarts restarts happened within Period;
// the supervisor terminates its children and exits with actor.Shutdown.
type IntensityExceeded struct {
	Supervisor  actor.PID
	ID          string // the child whose restart exceeded the limit
	MaxRestarts int
	Period      time.Duration
}

// AutoShutdownTriggered: a significant child ended, and the supervisor's
// auto-shutdown setting makes it shut down with actor.Shutdown.
type AutoShutdownTriggered struct {
	Supervisor actor.PID
	ID         string
}

// SupervisorPID returns the supervisor that reported the event.
func (e ChildStarted) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e ChildExited) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e ChildRestarted) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e RestartFailed) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e ChildTerminated) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e ShutdownTimedOut) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e IntensityExceeded) SupervisorPID() actor.PID { return e.Supervisor }

// SupervisorPID returns the supervisor that reported the event.
func (e AutoShutdownTriggered) SupervisorPID() actor.PID { return e.Supervisor }

func (ChildStarted) isEvent()          {}
func (ChildExited) isEvent()           {}
func (ChildRestarted) isEvent()        {}
func (RestartFailed) isEvent()         {}
func (ChildTerminated) isEvent()       {}
func (ShutdownTimedOut) isEvent()      {}
func (IntensityExceeded) isEvent()     {}
func (AutoShutdownTriggered) isEvent() {}

// SlogHook returns an EventHook that logs each event to l: starts and
// terminations at Debug, exits and restarts at Info (Warn for an abnormal
// exit), auto-shutdown at Info, failures, time-outs and intensity at Error.
func SlogHook(l *slog.Logger) EventHook {
	return func(e Event) {
		level, msg, attrs := describe(e)
		attrs = append(attrs, slog.String("supervisor", e.SupervisorPID().String()))
		l.LogAttrs(context.Background(), level, msg, attrs...)
	}
}

func describe(e Event) (slog.Level, string, []slog.Attr) {
	switch e := e.(type) {
	case ChildStarted:
		return slog.LevelDebug, "child started", []slog.Attr{slog.String("id", e.ID), slog.String("pid", e.PID.String())}
	case ChildExited:
		level := slog.LevelInfo
		if !actor.IsNormalExit(e.Reason) {
			level = slog.LevelWarn
		}
		return level, "child exited", []slog.Attr{slog.String("id", e.ID), slog.String("pid", e.PID.String()),
			slog.Any("reason", e.Reason), slog.Bool("restart", e.Restart)}
	case ChildRestarted:
		return slog.LevelInfo, "child restarted", []slog.Attr{slog.String("id", e.ID),
			slog.String("old_pid", e.OldPID.String()), slog.String("pid", e.PID.String())}
	case RestartFailed:
		return slog.LevelError, "child restart failed", []slog.Attr{slog.String("id", e.ID), slog.Any("error", e.Err),
			slog.Duration("retry_in", e.RetryIn)}
	case ChildTerminated:
		return slog.LevelDebug, "child terminated", []slog.Attr{slog.String("id", e.ID), slog.String("pid", e.PID.String()),
			slog.Any("reason", e.Reason)}
	case ShutdownTimedOut:
		return slog.LevelError, "child shutdown timed out, killed", []slog.Attr{slog.String("id", e.ID),
			slog.String("pid", e.PID.String()), slog.Duration("timeout", e.Timeout)}
	case IntensityExceeded:
		return slog.LevelError, "reached max restart intensity", []slog.Attr{slog.String("id", e.ID),
			slog.Int("max_restarts", e.MaxRestarts), slog.Duration("period", e.Period)}
	case AutoShutdownTriggered:
		return slog.LevelInfo, "significant child terminated, auto-shutdown", []slog.Attr{slog.String("id", e.ID)}
	}
	return slog.LevelInfo, "supervisor event", []slog.Attr{slog.Any("event", e)}
}
