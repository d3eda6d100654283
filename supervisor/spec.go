package supervisor

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/gotp/gotp/actor"
)

// RestartType says whether a child that terminates is restarted (OTP's
// restart key). The zero value is Permanent, OTP's default.
type RestartType int

const (
	// Permanent children are always restarted.
	Permanent RestartType = iota
	// Transient children are restarted only when they end abnormally: not
	// with actor.Normal, actor.Shutdown or actor.ShutdownWith(v).
	Transient
	// Temporary children are never restarted; their spec is removed when
	// they end.
	Temporary
)

// String returns the name used in logs and OTP.
func (r RestartType) String() string {
	switch r {
	case Permanent:
		return "permanent"
	case Transient:
		return "transient"
	case Temporary:
		return "temporary"
	}
	return fmt.Sprintf("RestartType(%d)", int(r))
}

// ChildType says whether a child is a worker or a supervisor (OTP's type
// key). It sets the default Shutdown and the counts of CountChildren.
type ChildType int

const (
	// TypeWorker is the default child type.
	TypeWorker ChildType = iota
	// TypeSupervisor marks a child that is itself a supervisor.
	TypeSupervisor
)

// String returns the name used in logs and OTP.
func (t ChildType) String() string {
	switch t {
	case TypeWorker:
		return "worker"
	case TypeSupervisor:
		return "supervisor"
	}
	return fmt.Sprintf("ChildType(%d)", int(t))
}

// Shutdown says how the supervisor stops a child (OTP's shutdown key): a
// positive duration is how long the child has to end after being sent
// actor.Shutdown before it is killed; BrutalKill kills it at once; Infinity
// waits as long as it takes. The zero value, DefaultShutdown, means 5s for
// a worker and Infinity for a supervisor. Other negative values are
// invalid.
type Shutdown time.Duration

const (
	// DefaultShutdown is 5s for workers and Infinity for supervisors.
	DefaultShutdown Shutdown = 0
	// BrutalKill kills the child with actor.Kill without asking it to stop.
	BrutalKill Shutdown = math.MinInt64
	// Infinity sends actor.Shutdown and waits for the child however long it
	// takes: the right choice for child supervisors.
	Infinity Shutdown = math.MaxInt64
)

// DefaultWorkerShutdown is the shutdown time-out of a worker whose spec
// leaves Shutdown zero, as OTP's 5000 ms.
const DefaultWorkerShutdown = Shutdown(5 * time.Second)

// String returns the name used in logs and OTP.
func (s Shutdown) String() string {
	switch s {
	case DefaultShutdown:
		return "default"
	case BrutalKill:
		return "brutal_kill"
	case Infinity:
		return "infinity"
	}
	return time.Duration(s).String()
}

// StartFunc starts a child. It runs inside the supervisor process (p is
// the supervisor) and must create the child linked to it, normally with
// p.SpawnLink, so that the supervisor is the child's parent. It returns the
// child's PID, or actor.Ignore to start nothing (OTP's ignore; p.SpawnLink
// returns it when the child's Init does), or any other error. args are the
// extra arguments of StartChildArgs for a SimpleOneForOne supervisor, and
// empty otherwise. A panic in a StartFunc is caught and becomes its error.
type StartFunc func(p *actor.Process, args ...any) (actor.PID, error)

// ChildSpec describes one child of a supervisor (OTP's child_spec map).
// The zero values of Restart, Shutdown and Type are OTP's defaults:
// Permanent, DefaultShutdown, TypeWorker.
type ChildSpec struct {
	// ID names the child within its supervisor; it must be non-empty and
	// unique among the supervisor's children.
	ID string
	// Start starts the child; see StartFunc.
	Start StartFunc
	// Restart says whether a terminated child is restarted.
	Restart RestartType
	// Shutdown says how the supervisor stops the child.
	Shutdown Shutdown
	// Type is TypeWorker or TypeSupervisor.
	Type ChildType
	// Significant marks a child whose own termination can stop the
	// supervisor under WithAutoShutdown. Not allowed for Permanent children.
	Significant bool
}

// effectiveShutdown resolves DefaultShutdown.
func (c *ChildSpec) effectiveShutdown() Shutdown {
	if c.Shutdown != DefaultShutdown {
		return c.Shutdown
	}
	if c.Type == TypeSupervisor {
		return Infinity
	}
	return DefaultWorkerShutdown
}

// withDefaults returns the spec with DefaultShutdown resolved, as
// GetChildSpec reports it.
func (c ChildSpec) withDefaults() ChildSpec {
	c.Shutdown = c.effectiveShutdown()
	return c
}

// validate checks one spec against OTP's rules. auto is the supervisor's
// AutoShutdown, which decides whether Significant is allowed.
func (c *ChildSpec) validate(auto AutoShutdown) error {
	switch {
	case c.ID == "":
		return specError(c.ID, ErrMissingID, "the ID must be non-empty")
	case c.Start == nil:
		return specError(c.ID, ErrMissingStart, "Start is nil")
	case c.Restart < Permanent || c.Restart > Temporary:
		return specError(c.ID, ErrInvalidRestart, "%v", c.Restart)
	case c.Shutdown < 0 && c.Shutdown != BrutalKill:
		return specError(c.ID, ErrInvalidShutdown, "negative time-out %v", time.Duration(c.Shutdown))
	case c.Type < TypeWorker || c.Type > TypeSupervisor:
		return specError(c.ID, ErrInvalidChildType, "%v", c.Type)
	case c.Significant && c.Restart == Permanent:
		return specError(c.ID, ErrBadCombination, "a permanent child cannot be significant")
	case c.Significant && auto == Never:
		return specError(c.ID, ErrBadCombination, "a significant child needs auto-shutdown any_significant or all_significant")
	}
	return nil
}

// CheckChildSpecs validates specs as Start would (OTP's check_childspecs/2):
// each spec's fields, and that IDs are unique. auto is the AutoShutdown the
// supervisor would use.
func CheckChildSpecs(specs []ChildSpec, auto AutoShutdown) error {
	if auto < Never || auto > AllSignificant {
		return optionError(ErrInvalidAutoShutdown, auto)
	}
	seen := make(map[string]struct{}, len(specs))
	for i := range specs {
		if err := specs[i].validate(auto); err != nil {
			return err
		}
		if _, dup := seen[specs[i].ID]; dup {
			return specError(specs[i].ID, ErrDuplicateID, "the ID is used twice")
		}
		seen[specs[i].ID] = struct{}{}
	}
	return nil
}

// ChildOption adjusts a ChildSpec built by Worker, DynamicWorker or Nested.
type ChildOption func(*childOptions)

type childOptions struct {
	spec  *ChildSpec
	spawn []actor.SpawnOption
}

// WithRestart sets the child's restart type.
func WithRestart(r RestartType) ChildOption { return func(o *childOptions) { o.spec.Restart = r } }

// WithShutdown sets how the child is stopped.
func WithShutdown(s Shutdown) ChildOption { return func(o *childOptions) { o.spec.Shutdown = s } }

// WithSignificant marks the child significant (see WithAutoShutdown).
func WithSignificant(on bool) ChildOption {
	return func(o *childOptions) { o.spec.Significant = on }
}

// WithSpawnOptions passes spawn options (a registered name, a mailbox
// limit) to every spawn of a worker built by Worker or DynamicWorker.
func WithSpawnOptions(opts ...actor.SpawnOption) ChildOption {
	return func(o *childOptions) { o.spawn = append(o.spawn, opts...) }
}

func applyChildOptions(spec *ChildSpec, opts []ChildOption) []actor.SpawnOption {
	o := childOptions{spec: spec}
	for _, opt := range opts {
		opt(&o)
	}
	return o.spawn
}

// Worker returns the spec of a worker process. newProc makes a fresh
// process value for every start, so a restarted child never inherits the
// state of the one that died; the process is spawned linked to the
// supervisor.
func Worker(id string, newProc func() actor.Receiver, opts ...ChildOption) ChildSpec {
	spec := ChildSpec{ID: id}
	spawnOpts := applyChildOptions(&spec, opts)
	if newProc != nil {
		spec.Start = func(p *actor.Process, _ ...any) (actor.PID, error) {
			return p.SpawnLink(newProc(), spawnOpts...)
		}
	}
	return spec
}

// DynamicWorker is Worker for the template of a SimpleOneForOne
// supervisor: newProc receives the extra arguments given to
// StartChildArgs.
func DynamicWorker(id string, newProc func(args ...any) actor.Receiver, opts ...ChildOption) ChildSpec {
	spec := ChildSpec{ID: id}
	spawnOpts := applyChildOptions(&spec, opts)
	if newProc != nil {
		spec.Start = func(p *actor.Process, args ...any) (actor.PID, error) {
			return p.SpawnLink(newProc(args...), spawnOpts...)
		}
	}
	return spec
}

// Nested returns the spec of a child supervisor with the given children
// and options, started with StartLink. Its Type is TypeSupervisor, so its
// default Shutdown is Infinity; change the returned spec's fields to make
// it Transient or Significant.
func Nested(id string, children []ChildSpec, opts ...Option) ChildSpec {
	children = append([]ChildSpec(nil), children...)
	opts = append([]Option(nil), opts...)
	return ChildSpec{
		ID:   id,
		Type: TypeSupervisor,
		Start: func(p *actor.Process, _ ...any) (actor.PID, error) {
			return StartLink(context.Background(), p, children, opts...)
		},
	}
}
