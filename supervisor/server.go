package supervisor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gotp/gotp/actor"
)

// server is the supervisor process. All its state is owned by the process
// and touched only from its callbacks, one at a time.
type server struct {
	cfg          config
	ctx          context.Context // set only while Init runs
	initial      []ChildSpec     // the specs given to Start, until Init
	simple       bool
	template     *ChildSpec // SimpleOneForOne only
	list         childList
	byID         map[string]*child // static children by ID
	byPID        map[actor.PID]*child
	nRestarting  int
	restarts     []time.Time // restart times, oldest first, from restartsHead on
	restartsHead int
	self         actor.PID
}

// retryRestart is the message a supervisor sends itself to retry a failed
// restart (OTP's {try_again_restart, Id}), so requests interleave.
type retryRestart struct{ c *child }

func newServer(ctx context.Context, children []ChildSpec, opts []Option) (*server, []actor.SpawnOption, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if err := cfg.validate(children); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("supervisor: start: %w", err)
	}
	s := &server{
		cfg:     cfg,
		ctx:     ctx,
		initial: append([]ChildSpec(nil), children...),
		simple:  cfg.strategy == SimpleOneForOne,
		byPID:   make(map[actor.PID]*child),
	}
	if s.simple {
		tmpl := s.initial[0]
		s.template, s.initial = &tmpl, nil
	} else {
		s.byID = make(map[string]*child, len(children))
	}
	var spawnOpts []actor.SpawnOption
	if cfg.name != "" {
		spawnOpts = append(spawnOpts, actor.WithRegisteredName(cfg.name))
	}
	return s, spawnOpts, nil
}

// Init traps exits and starts the children in spec order. If one fails,
// the started ones are stopped in reverse order and the start fails with a
// *StartError naming the child.
func (s *server) Init(p *actor.Process) error {
	p.TrapExit(true)
	s.self = p.Self()
	ctx := s.ctx
	s.ctx = nil
	specs := s.initial
	s.initial = nil
	for i := range specs {
		spec := specs[i]
		err := ctx.Err()
		if err == nil {
			_, err = s.startNew(p, &spec)
		}
		if err != nil {
			s.terminateAll(p)
			// Unlink from the caller so that a failed StartLink returns an
			// error without an exit signal (OTP 26 consumes the EXIT).
			p.Unlink(p.Parent())
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return fmt.Errorf("supervisor: start: %w", err)
			}
			return err
		}
	}
	return nil
}

// startNew starts a static child from spec and records it. On
// actor.Ignore it records the spec as Undefined (a temporary one not at
// all) and returns the zero PID.
func (s *server) startNew(p *actor.Process, spec *ChildSpec) (actor.PID, error) {
	pid, err := s.invokeStart(p, spec, nil)
	switch {
	case err == nil:
		c := &child{spec: spec}
		s.add(c)
		s.setRunning(c, pid)
		s.emit(ChildStarted{Supervisor: s.self, ID: spec.ID, PID: pid})
		return pid, nil
	case errors.Is(err, actor.Ignore):
		if spec.Restart != Temporary {
			s.add(&child{spec: spec})
		}
		return actor.PID{}, nil
	}
	return actor.PID{}, startFailure(spec.ID, err)
}

// invokeStart runs a start function, catching panics, and makes sure the
// child is linked to the supervisor.
func (s *server) invokeStart(p *actor.Process, spec *ChildSpec, args []any) (pid actor.PID, err error) {
	defer func() {
		if v := recover(); v != nil {
			pid, err = actor.PID{}, &actor.PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	pid, err = spec.Start(p, args...)
	switch {
	case err != nil:
		return actor.PID{}, err
	case pid.IsZero():
		return actor.PID{}, errNoPID
	}
	// OTP requires the start function to link; linking again is harmless,
	// and a child that is already dead arrives as ExitMsg{pid, NoProc}.
	if err := p.Link(pid); err != nil {
		return actor.PID{}, err
	}
	return pid, nil
}

// Receive handles exit signals from children and restart retries. Exit
// signals from processes that are not children are ignored, as in OTP (the
// parent's exit signal never gets here: it ends the supervisor).
func (s *server) Receive(p *actor.Process, msg any) {
	switch m := msg.(type) {
	case actor.ExitMsg:
		if c, ok := s.byPID[m.From]; ok && c.status == Running {
			s.childExited(p, c, m.Reason)
		}
	case retryRestart:
		if !m.c.removed && m.c.status == Restarting {
			s.attemptRestart(p, m.c)
		}
	default:
		s.logError(p, "supervisor: unexpected message", "type", fmt.Sprintf("%T", msg))
	}
}

// Terminate stops every child in reverse start order (in parallel for
// SimpleOneForOne): the supervisor is ending because its parent told it
// to, or its intensity or auto-shutdown stopped it.
func (s *server) Terminate(p *actor.Process, _ error) {
	s.terminateAll(p)
}

func (s *server) emit(e Event) {
	if s.cfg.hook != nil {
		s.cfg.hook(e)
	}
}

// logError logs a problem to the node's logger, with the supervisor's PID.
// It costs nothing when the logger discards errors (the default).
func (s *server) logError(p *actor.Process, msg string, args ...any) {
	l := p.Node().Logger()
	if !l.Enabled(context.Background(), slog.LevelError) {
		return
	}
	l.Error(msg, append([]any{"supervisor", s.self.String()}, args...)...)
}
