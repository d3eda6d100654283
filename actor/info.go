package actor

import "fmt"

// ProcessInfo describes a process at one moment (OTP's process_info).
type ProcessInfo struct {
	PID          PID
	Parent       PID
	Name         string // registered name, or ""
	QueueLen     int    // messages waiting in the mailbox
	Dropped      uint64 // messages dropped by an OverflowDrop mailbox
	MailboxLimit int    // 0 when unbounded
	TrapExit     bool
	Links        []PID
	Monitors     int // monitors this process holds
	MonitoredBy  int // monitors held on this process
}

// ProcessInfo returns information about a live local process, or an error
// matching NoProc.
func (n *Node) ProcessInfo(pid PID) (ProcessInfo, error) {
	p := pid.p
	if p == nil {
		return ProcessInfo{}, fmt.Errorf("actor: process info %v: %w", pid, NoProc)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dead {
		return ProcessInfo{}, fmt.Errorf("actor: process info %v: %w", pid, NoProc)
	}
	info := ProcessInfo{
		PID: pid, Parent: p.parent, Name: p.name, QueueLen: p.q.len(), Dropped: p.dropped,
		MailboxLimit: p.limit, TrapExit: p.trapExit, Monitors: len(p.monitoring),
		MonitoredBy: p.monitoredBy.len(),
	}
	for l := range p.links {
		info.Links = append(info.Links, l)
	}
	return info, nil
}

// IsAlive reports whether pid is a live local process.
func (n *Node) IsAlive(pid PID) bool { return pid.p != nil && pid.p.alive() }

// ProcessCount returns the number of live processes on the node.
func (n *Node) ProcessCount() int { return n.procs.len() }
