package pg

import (
	"slices"

	"github.com/gotp/gotp/actor"
)

// This file is the scope side of the scope-to-scope protocol (OTP pg's
// discover, sync, join, leave and peer DOWN). Every node is authoritative
// for its own processes: a peer's contribution is only ever changed by that
// peer's messages, replaced in full by its Sync, or dropped with it.

func (s *server) discoverMsg() Discover {
	return Discover{From: s.self, Node: s.localNode, Protocol: Protocol}
}

// discover answers a peer's Discover with a Sync of the local members and,
// when the peer was unknown, a Discover of its own.
func (s *server) discover(m Discover) {
	if s.link == nil || m.From.IsZero() || m.From == s.self {
		return
	}
	s.link.Send(m.From, Sync{From: s.self, Node: s.localNode, Groups: s.localGroups()})
	if s.peers[m.From] == nil {
		s.peers[m.From] = newPeer(m.From, m.Node)
		s.link.Send(m.From, s.discoverMsg())
	}
}

// localGroups lists every local membership, for a Sync.
func (s *server) localGroups() []GroupMembers {
	out := make([]GroupMembers, 0, len(s.local.groups))
	for name, l := range s.local.groups {
		if l.n > 0 {
			out = append(out, GroupMembers{Group: name, PIDs: l.pids()})
		}
	}
	return out
}

// sync replaces everything known about the peer's members by its Sync.
func (s *server) sync(m Sync) {
	if s.link == nil || m.From.IsZero() || m.From == s.self {
		return
	}
	pr := s.peers[m.From]
	if pr == nil {
		pr = newPeer(m.From, m.Node)
		s.peers[m.From] = pr
	}
	seen := make(map[string]struct{}, len(m.Groups))
	for _, gm := range m.Groups {
		if _, dup := seen[gm.Group]; dup {
			continue
		}
		seen[gm.Group] = struct{}{}
		s.replace(pr, gm.Group, gm.PIDs)
	}
	for name, l := range pr.groups {
		if _, ok := seen[name]; !ok && l.n > 0 {
			s.replace(pr, name, nil)
		}
	}
	s.queueFlush()
}

// replace makes pr's members of group name exactly pids, notifying the
// memberships removed and added.
func (s *server) replace(pr *peer, name string, pids []actor.PID) {
	var old []actor.PID
	if l := pr.groups[name]; l != nil {
		old = l.pids()
	}
	if slices.Equal(old, pids) {
		return
	}
	count := make(map[actor.PID]int, len(old))
	for _, pid := range old {
		count[pid]++
	}
	var added, removed []actor.PID
	for _, pid := range pids {
		if count[pid] > 0 {
			count[pid]--
		} else {
			added = append(added, pid)
		}
	}
	for pid, c := range count {
		for ; c > 0; c-- {
			removed = append(removed, pid)
		}
	}
	for _, pid := range removed {
		s.removeOne(pr, name, pid)
	}
	if len(removed) > 0 {
		s.notify(name, false, removed)
	}
	if len(added) > 0 {
		g := s.group(name)
		for _, pid := range added {
			s.addMember(pr, g, pid)
		}
		s.notify(name, true, added)
	}
}

// remoteJoin applies a peer's join; messages from unknown peers are
// ignored (OTP: a race with a peer DOWN, or an outsider).
func (s *server) remoteJoin(m JoinMsg) {
	pr := s.peers[m.From]
	if pr == nil || len(m.PIDs) == 0 {
		return
	}
	g := s.group(m.Group)
	for _, pid := range m.PIDs {
		s.addMember(pr, g, pid)
	}
	s.notify(m.Group, true, m.PIDs)
	s.queueFlush()
}

// remoteLeave applies a peer's leave: for each group listed, one
// membership of each PID.
func (s *server) remoteLeave(m LeaveMsg) {
	pr := s.peers[m.From]
	if pr == nil {
		return
	}
	for _, name := range m.Groups {
		var removed []actor.PID
		for _, pid := range m.PIDs {
			if s.removeOne(pr, name, pid) {
				removed = append(removed, pid)
			}
		}
		if len(removed) > 0 {
			s.notify(name, false, removed)
		}
	}
	s.queueFlush()
}

// peerDown drops every member the peer contributed.
func (s *server) peerDown(m PeerDown) {
	pr := s.peers[m.Peer]
	if pr == nil {
		return
	}
	delete(s.peers, m.Peer)
	for name, l := range pr.groups {
		if l.n == 0 {
			continue
		}
		pids := l.pids()
		for i := l.n - 1; i >= 0; i-- {
			l.remove(l.owners[i]) // the last one: no member moves
		}
		s.notify(name, false, pids)
	}
	s.queueFlush()
}
