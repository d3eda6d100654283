package pg

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/gotp/gotp/actor"
)

// DefaultScope is the name of the default scope (OTP's pg).
const DefaultScope = "pg"

// Scope is a handle to the scope of one name on one node. A handle stays
// valid across restarts of the scope process: it always talks to the
// process currently running under that name, and reads return nothing
// while none runs.
//
// Concurrency: a *Scope may be used from any number of goroutines and
// processes at once. Reads (Members, Snapshot, ForEachMember, WhichGroups,
// ...) take no lock and send no message: they read the snapshot the scope
// process last published. Join, Leave, Monitor, MonitorScope and Demonitor
// are synchronous requests to the scope process; called from inside a
// process, use the handle returned by Via so that the process's worker is
// handed over while it waits.
type Scope struct {
	node *actor.Node
	name string

	home *home
	proc *actor.Process
}

// instance is one incarnation of a scope process.
type instance struct {
	pid   actor.PID
	table *table
	done  chan struct{} // closed once the process has ended
}

// home tracks the running instance of one scope name on one node.
type home struct{ cur atomic.Pointer[instance] }

type homeKey struct {
	node weak.Pointer[actor.Node]
	name string
}

// homes maps (node, scope name) to its home, so that every handle of a
// scope, and every restart of it, share one place. Nodes are held weakly:
// an entry is dropped once its node has been garbage collected.
var homes sync.Map // homeKey → *home

func homeOf(node *actor.Node, name string) *home {
	k := homeKey{node: weak.Make(node), name: name}
	if h, ok := homes.Load(k); ok {
		return h.(*home)
	}
	h, loaded := homes.LoadOrStore(k, &home{})
	if !loaded {
		runtime.AddCleanup(node, func(k homeKey) { homes.Delete(k) }, k)
	}
	return h.(*home)
}

// Open returns a handle to the scope name on node, whether or not it runs.
func Open(node *actor.Node, name string) *Scope {
	return &Scope{node: node, name: name, home: homeOf(node, name)}
}

// Default returns a handle to the default scope of node (see DefaultScope).
// Start it with StartScope(node, DefaultScope).
func Default(node *actor.Node) *Scope { return Open(node, DefaultScope) }

// Option configures a scope.
type Option func(*config)

type config struct {
	transport Transport
}

// WithTransport connects the scope to the scopes of the same name on other
// nodes through t. Without it, the scope is local to its node.
func WithTransport(t Transport) Option { return func(c *config) { c.transport = t } }

// StartScope starts the scope name on node as a process registered under
// name, spawned from the node (OTP's pg:start/1). It fails with an
// *AlreadyStartedError (matching ErrAlreadyStarted) when a process is
// registered under name.
func StartScope(node *actor.Node, name string, opts ...Option) (*Scope, error) {
	return start(node, name, opts, func(srv *server) (actor.PID, error) {
		return node.Spawn(srv, actor.WithRegisteredName(name))
	})
}

// StartScopeLink starts the scope name on p's node as a process linked to
// p (OTP's pg:start_link/1). It is the start function to use under a
// supervisor: the supervisor's child start calls StartScopeLink(sup, name)
// and supervises the PID returned by Scope.PID. When the scope restarts, its
// local memberships are lost, as in OTP; those of other nodes are learned
// again from their scopes.
func StartScopeLink(p *actor.Process, name string, opts ...Option) (*Scope, error) {
	return start(p.Node(), name, opts, func(srv *server) (actor.PID, error) {
		return p.SpawnLink(srv, actor.WithRegisteredName(name))
	})
}

func start(node *actor.Node, name string, opts []Option, spawn func(*server) (actor.PID, error)) (*Scope, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	s := Open(node, name)
	_, err := spawn(&server{name: name, cfg: cfg, home: s.home})
	if err != nil {
		var taken *actor.NameTakenError
		if errors.As(err, &taken) {
			return nil, &AlreadyStartedError{Name: name, PID: taken.PID}
		}
		return nil, fmt.Errorf("pg: start scope %q: %w", name, err)
	}
	return s, nil
}

// Name returns the scope's name.
func (s *Scope) Name() string { return s.name }

// Node returns the node the scope belongs to.
func (s *Scope) Node() *actor.Node { return s.node }

// PID returns the PID of the running scope process.
func (s *Scope) PID() (actor.PID, bool) {
	if inst := s.running(); inst != nil {
		return inst.pid, true
	}
	return actor.PID{}, false
}

// Via returns a handle that makes its requests from process p: while p
// waits for the scope, its worker runs other processes. Use it from
// process callbacks: scope.Via(p).Join(ctx, "g", p.Self()).
func (s *Scope) Via(p *actor.Process) *Scope {
	c := *s
	c.proc = p
	return &c
}

// Stop stops the scope process with reason Normal and waits until it has
// ended. Its local memberships are lost.
func (s *Scope) Stop(ctx context.Context) error {
	inst := s.running()
	if inst == nil {
		return noScope(s.name)
	}
	var err error
	if s.proc != nil {
		err = s.proc.StopProcess(ctx, inst.pid, actor.Normal)
	} else {
		err = s.node.StopProcess(ctx, inst.pid, actor.Normal)
	}
	if err != nil {
		return fmt.Errorf("pg: stop scope %q: %w", s.name, err)
	}
	return nil
}

// running returns the live instance, or nil.
func (s *Scope) running() *instance {
	inst := s.home.cur.Load()
	if inst == nil {
		return nil
	}
	select {
	case <-inst.done:
		return nil
	default:
	}
	if !s.node.IsAlive(inst.pid) { // ended; the watcher has not caught up yet
		return nil
	}
	return inst
}

// checkLocal verifies that every PID is a process of the scope's node.
func (s *Scope) checkLocal(op, group string, pids []actor.PID) error {
	if len(pids) == 0 {
		return fmt.Errorf("pg: %s %q: %w", op, group, ErrNoPIDs)
	}
	for _, pid := range pids {
		if !pid.On(s.node) {
			return fmt.Errorf("pg: %s %q: %v: %w", op, group, pid, ErrNotLocal)
		}
	}
	return nil
}

// defaultShutdown is how long a supervisor waits for a scope to stop.
const defaultShutdown = 5 * time.Second
