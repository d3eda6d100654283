package pg

import "github.com/gotp/gotp/actor"

// listOf returns pr's list for g, creating it.
func (s *server) listOf(pr *peer, g *group) *list {
	if l := pr.groups[g.name]; l != nil && l.group == g {
		return l
	}
	l := newList(g, pr)
	pr.groups[g.name] = l
	if pr == s.local {
		g.local = l
	} else {
		g.remote = append(g.remote, l)
	}
	return l
}

// addMember records one membership of pid in group g contributed by pr.
func (s *server) addMember(pr *peer, g *group, pid actor.PID) {
	m := pr.members[pid]
	var e *entry
	if m == nil {
		m = &member{first: entry{pid: pid}}
		if pr == s.local {
			m.ref = s.p.Monitor(pid)
		}
		pr.members[pid] = m
		e = &m.first
		m.one[0] = e
		m.entries = m.one[:1]
	} else {
		e = &entry{pid: pid}
		m.entries = append(m.entries, e)
	}
	s.listOf(pr, g).add(e)
}

// removeOne removes one membership of pid in group name contributed by pr.
// It reports whether there was one. A local process that holds no
// membership any more is demonitored.
func (s *server) removeOne(pr *peer, name string, pid actor.PID) bool {
	m := pr.members[pid]
	l := pr.groups[name]
	if m == nil || l == nil {
		return false
	}
	for i, e := range m.entries {
		if e.list != l {
			continue
		}
		l.remove(e)
		last := len(m.entries) - 1
		m.entries[i] = m.entries[last]
		m.entries[last] = nil
		m.entries = m.entries[:last]
		if last == 0 {
			delete(pr.members, pid)
			if pr == s.local {
				s.p.Demonitor(m.ref)
			}
		}
		return true
	}
	return false
}

// localJoin handles Join: one membership per PID, counted.
func (s *server) localJoin(name string, pids []actor.PID) {
	g := s.group(name)
	for _, pid := range pids {
		s.addMember(s.local, g, pid)
	}
	s.notify(name, true, pids)
	if len(s.peers) > 0 {
		s.broadcast(JoinMsg{From: s.self, Group: name, PIDs: pids})
	}
}

// localLeave handles Leave; it reports whether anything changed. Only the
// memberships actually removed are notified and sent to peers (OTP reports
// the whole requested list).
func (s *server) localLeave(name string, pids []actor.PID) bool {
	removed := pids[:0]
	for _, pid := range pids {
		if s.removeOne(s.local, name, pid) {
			removed = append(removed, pid)
		}
	}
	if len(removed) == 0 {
		return false
	}
	s.notify(name, false, removed)
	if len(s.peers) > 0 {
		s.broadcast(LeaveMsg{From: s.self, PIDs: removed, Groups: []string{name}})
	}
	return true
}

// memberDown removes every membership of a local process that ended: one
// Left notification per membership, one LeaveMsg to each peer.
func (s *server) memberDown(pid actor.PID, m *member) {
	delete(s.local.members, pid)
	var one []actor.PID
	notifying := len(s.ssubs) > 0 || len(s.gsubs) > 0
	if notifying || len(s.peers) > 0 {
		one = []actor.PID{pid}
	}
	var groups []string
	if len(s.peers) > 0 {
		groups = make([]string, 0, len(m.entries))
	}
	for _, e := range m.entries {
		name := e.list.group.name
		e.list.remove(e)
		if notifying {
			s.notify(name, false, one)
		}
		if groups != nil {
			groups = append(groups, name)
		}
	}
	if groups != nil {
		s.broadcast(LeaveMsg{From: s.self, PIDs: one, Groups: groups})
	}
	s.queueFlush()
}

// broadcast sends msg to every known peer scope.
func (s *server) broadcast(msg any) {
	for scope := range s.peers {
		s.link.Send(scope, msg)
	}
}
