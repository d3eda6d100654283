package actor

import "fmt"

// Link links p with pid: when either ends, the other receives an exit
// signal with its reason. A pair has at most one link; linking twice has no
// further effect. Linking to a process that is already dead delivers
// ExitMsg{pid, NoProc} when p traps exits, and otherwise returns an error
// matching NoProc (OTP raises noproc in the caller).
func (p *Process) Link(pid PID) error {
	if pid.p == nil {
		if pid.IsZero() {
			return ErrInvalidPID
		}
		return fmt.Errorf("actor: link %v: %w", pid, ErrUnsupported)
	}
	if pid.p == p {
		return nil
	}
	if !p.addLink(pid) {
		return nil // p itself is gone
	}
	if pid.p.addLink(p.Self()) {
		return nil
	}
	p.mu.Lock()
	delete(p.links, pid)
	trapping := p.trapExit
	if trapping {
		p.enqueueLocked(ExitMsg{From: pid, Reason: NoProc})
	}
	p.mu.Unlock()
	if trapping {
		return nil
	}
	return fmt.Errorf("actor: link %v: %w", pid, NoProc)
}

// Unlink removes the link between p and pid, if any. Once Unlink returns,
// the link has no further effect on p; an ExitMsg that had already arrived
// stays in the mailbox.
func (p *Process) Unlink(pid PID) {
	if pid.p == nil {
		return
	}
	p.removeLink(pid)
	pid.p.removeLink(p.Self())
}

// TrapExit sets whether exit signals become ExitMsg messages (true) or end
// the process (false, the default), and returns the previous setting. It
// applies to signals arriving after the call. Kill is never trapped.
func (p *Process) TrapExit(on bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	old := p.trapExit
	p.trapExit = on
	return old
}

// Exit sends the exit signal reason to pid, as OTP's exit/2: Kill ends it
// with reason Killed whatever it does; Normal is ignored unless pid traps
// exits (or is p itself); any other reason ends a process that does not trap
// exits and arrives as ExitMsg at one that does.
func (p *Process) Exit(pid PID, reason error) {
	if pid.p != nil {
		pid.p.signalExit(p.Self(), reason, false)
	}
}

// Exit sends the exit signal reason to pid from outside any process (From is
// the zero PID). For processes spawned from the node this counts as a signal
// from their parent.
func (n *Node) Exit(pid PID, reason error) {
	if pid.p != nil {
		pid.p.signalExit(PID{}, reason, false)
	}
}

// Stop ends the process once the current callback returns, with reason
// (Normal for a plain finish). Terminate runs with that reason, then linked
// processes and monitors are told.
func (p *Process) Stop(reason error) {
	if reason == nil {
		reason = Normal
	}
	if p.stopWith == nil {
		p.stopWith = reason
	}
}
