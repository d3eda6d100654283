package pg

import "github.com/gotp/gotp/actor"

// Instance is a read-only handle on one run of a scope process: the
// memberships it published. Unlike a *Scope, which follows the scope across
// restarts, an Instance stays bound to one run, and stays readable after
// that run has ended — frozen at its last published state. A process that
// must carry memberships over a scope restart (pubsub's relay does) keeps
// the Instance of the run it saw and re-joins from it, without having to
// follow every join and leave.
//
// Concurrency: safe for use from any goroutine; reads take no lock.
type Instance struct {
	t   *table
	pid actor.PID
}

// Instance returns the current run of the scope, or false when the scope
// is not running.
func (s *Scope) Instance() (Instance, bool) {
	inst := s.running()
	if inst == nil {
		return Instance{}, false
	}
	return Instance{t: inst.table, pid: inst.pid}, true
}

// PID returns the scope process of this run.
func (in Instance) PID() actor.PID { return in.pid }

// ForEachLocalGroup calls fn for each group with members on this node, with
// those members (a PID joined twice appears twice), until fn returns false.
// The slice is fn's to keep.
func (in Instance) ForEachLocalGroup(fn func(group string, pids []actor.PID) bool) {
	if in.t == nil {
		return
	}
	in.t.groups.Range(func(k, c any) bool {
		v := c.(*cell).v.Load()
		if v == nil || v.local.len() == 0 {
			return true
		}
		return fn(k.(string), v.local.appendTo(make([]actor.PID, 0, v.local.len())))
	})
}
