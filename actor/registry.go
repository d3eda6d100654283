package actor

import (
	"fmt"
	"sync"
)

// registry maps names to the local processes registered under them.
type registry struct {
	mu sync.RWMutex
	m  map[string]*Process
}

func (r *registry) init() { r.m = make(map[string]*Process) }

// NameTakenError is returned when a name is already registered; it matches
// ErrNameTaken and carries the PID holding the name.
type NameTakenError struct {
	Name string
	PID  PID
}

// Error implements the error interface.
func (e *NameTakenError) Error() string {
	return fmt.Sprintf("actor: name %q already registered by %v", e.Name, e.PID)
}

// Is makes errors.Is(err, ErrNameTaken) hold.
func (e *NameTakenError) Is(target error) bool { return target == ErrNameTaken }

func (r *registry) register(name string, p *Process) error {
	if name == "" {
		return ErrInvalidName
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if other, ok := r.m[name]; ok {
		return &NameTakenError{Name: name, PID: other.Self()}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return fmt.Errorf("actor: register %q: %w", name, NoProc)
	}
	if p.name != "" {
		return fmt.Errorf("actor: register %q: %w (%q)", name, ErrAlreadyNamed, p.name)
	}
	p.name = name
	r.m[name] = p
	return nil
}

func (r *registry) release(name string, p *Process) {
	r.mu.Lock()
	if r.m[name] == p {
		delete(r.m, name)
	}
	r.mu.Unlock()
}

// Register gives the local process pid the name. A name is held by one
// process at a time and a process holds at most one name; the name is
// released when the process ends.
func (n *Node) Register(name string, pid PID) error {
	if pid.p == nil {
		if pid.IsZero() {
			return ErrInvalidPID
		}
		return fmt.Errorf("actor: register %q: %w", name, ErrNotLocal)
	}
	return n.names.register(name, pid.p)
}

// Register gives p the name; see Node.Register.
func (p *Process) Register(name string) error { return p.node.names.register(name, p) }

// Unregister removes a name. It fails with ErrNotRegistered for an unknown
// name.
func (n *Node) Unregister(name string) error {
	n.names.mu.Lock()
	p, ok := n.names.m[name]
	if ok {
		delete(n.names.m, name)
	}
	n.names.mu.Unlock()
	if !ok {
		return fmt.Errorf("actor: unregister %q: %w", name, ErrNotRegistered)
	}
	p.mu.Lock()
	if p.name == name {
		p.name = ""
	}
	p.mu.Unlock()
	return nil
}

// Whereis returns the process registered under name.
func (n *Node) Whereis(name string) (PID, bool) {
	n.names.mu.RLock()
	p, ok := n.names.m[name]
	n.names.mu.RUnlock()
	if !ok {
		return PID{}, false
	}
	return p.Self(), true
}

// Registered returns the registered names (in no particular order).
func (n *Node) Registered() []string {
	n.names.mu.RLock()
	defer n.names.mu.RUnlock()
	out := make([]string, 0, len(n.names.m))
	for name := range n.names.m {
		out = append(out, name)
	}
	return out
}
