package pg

import (
	"slices"

	"github.com/gotp/gotp/actor"
)

// table returns the read table of the running instance, or nil.
func (s *Scope) table() *table {
	if inst := s.home.cur.Load(); inst != nil {
		return inst.table
	}
	return nil
}

// Snapshot returns the current members of group as an immutable view. An
// absent group, or a scope that does not run, gives an empty Snapshot.
func (s *Scope) Snapshot(group string) Snapshot { return Snapshot{s.table().view(group)} }

// Members returns the members of group on every node, this node's first
// (OTP's get_members). A PID joined twice appears twice. The order is
// otherwise unspecified.
func (s *Scope) Members(group string) []actor.PID { return s.Snapshot(group).Members() }

// LocalMembers returns the members of group on this node (OTP's
// get_local_members).
func (s *Scope) LocalMembers(group string) []actor.PID { return s.Snapshot(group).LocalMembers() }

// ForEachMember calls fn for every member of group until fn returns false,
// without allocating. It is the broadcaster's read.
func (s *Scope) ForEachMember(group string, fn func(actor.PID) bool) {
	s.Snapshot(group).ForEach(fn)
}

// ForEachLocalMember calls fn for every member of group on this node until
// fn returns false, without allocating.
func (s *Scope) ForEachLocalMember(group string, fn func(actor.PID) bool) {
	s.Snapshot(group).ForEachLocal(fn)
}

// WhichGroups returns the groups with at least one member on any node,
// sorted (OTP's which_groups).
func (s *Scope) WhichGroups() []string {
	return s.groups(func(v *groupView) bool { return v.n > 0 })
}

// WhichLocalGroups returns the groups with at least one member on this
// node, sorted.
func (s *Scope) WhichLocalGroups() []string {
	return s.groups(func(v *groupView) bool { return v.local.len() > 0 })
}

func (s *Scope) groups(keep func(*groupView) bool) []string {
	t := s.table()
	if t == nil {
		return nil
	}
	var out []string
	t.groups.Range(func(k, c any) bool {
		if v := c.(*cell).v.Load(); v != nil && keep(v) {
			out = append(out, k.(string))
		}
		return true
	})
	slices.Sort(out)
	return out
}
