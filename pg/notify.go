package pg

import "github.com/gotp/gotp/actor"

// sub is one subscription made by Monitor (group set) or MonitorScope.
type sub struct {
	ref   actor.Ref // the scope's monitor on the subscriber: also the subscription's Ref
	pid   actor.PID
	group string
	scope bool
}

// notice is a notification waiting for the next publication.
type notice struct {
	to  actor.PID
	msg any
}

// notify queues a Joined or Left for every subscriber of group.
func (s *server) notify(group string, joined bool, pids []actor.PID) {
	gs := s.gsubs[group]
	if len(gs) == 0 && len(s.ssubs) == 0 {
		return
	}
	add := func(sb *sub) {
		var msg any
		if joined {
			msg = Joined{Ref: sb.ref, Group: group, PIDs: pids}
		} else {
			msg = Left{Ref: sb.ref, Group: group, PIDs: pids}
		}
		s.notes = append(s.notes, notice{to: sb.pid, msg: msg})
	}
	for _, sb := range gs {
		add(sb)
	}
	for _, sb := range s.ssubs {
		add(sb)
	}
}

// subscribe handles Monitor and MonitorScope. Everything is published
// before, so the members returned are exactly what precedes the first
// notification.
func (s *server) subscribe(r *request) {
	sb := &sub{ref: s.p.Monitor(r.sub), pid: r.sub, group: r.group, scope: r.op == opMonitorScope}
	s.subs[sb.ref] = sb
	r.ref = sb.ref
	if sb.scope {
		s.ssubs = append(s.ssubs, sb)
		r.all = make(map[string][]actor.PID, len(s.groups))
		for name, g := range s.groups {
			if ms := (Snapshot{g.cell.v.Load()}).Members(); len(ms) > 0 {
				r.all[name] = ms
			}
		}
		return
	}
	s.gsubs[r.group] = append(s.gsubs[r.group], sb)
	if g := s.groups[r.group]; g != nil {
		r.members = Snapshot{g.cell.v.Load()}.Members()
	}
}

// unsubscribe ends the subscription ref, if any. When asked by Demonitor it
// also drops the monitor on the subscriber and the notifications not yet
// sent; when the subscriber ended, there is nothing to drop.
func (s *server) unsubscribe(ref actor.Ref, demonitor bool) bool {
	sb := s.subs[ref]
	if sb == nil {
		return false
	}
	delete(s.subs, ref)
	if demonitor {
		s.p.Demonitor(ref)
		keep := s.notes[:0]
		for _, n := range s.notes {
			if n.to != sb.pid || noticeRef(n.msg) != ref {
				keep = append(keep, n)
			}
		}
		clear(s.notes[len(keep):])
		s.notes = keep
	}
	if sb.scope {
		s.ssubs = removeSub(s.ssubs, sb)
		return true
	}
	if gs := removeSub(s.gsubs[sb.group], sb); len(gs) > 0 {
		s.gsubs[sb.group] = gs
	} else {
		delete(s.gsubs, sb.group)
	}
	return true
}

func noticeRef(msg any) actor.Ref {
	switch m := msg.(type) {
	case Joined:
		return m.Ref
	case Left:
		return m.Ref
	}
	return actor.Ref{}
}

func removeSub(subs []*sub, sb *sub) []*sub {
	for i, x := range subs {
		if x == sb {
			last := len(subs) - 1
			subs[i] = subs[last]
			subs[last] = nil
			return subs[:last]
		}
	}
	return subs
}
