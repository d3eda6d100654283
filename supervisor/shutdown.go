package supervisor

import (
	"errors"
	"time"

	"github.com/gotp/gotp/actor"
)

// shutdown stops running child c per its Shutdown spec (OTP's shutdown/1)
// and leaves it Undefined; the caller decides whether to remove it. The
// supervisor monitors the child rather than relying on the link, so a
// child that unlinked cannot hang it; the ExitMsg the link may still
// deliver is ignored because the PID is no longer a child's.
func (s *server) shutdown(p *actor.Process, c *child) {
	pid := c.pid
	s.setUndefined(c)
	down, cancel := p.Node().Monitor(pid)
	defer cancel()
	sd := c.spec.effectiveShutdown()
	var reason error
	switch sd {
	case BrutalKill:
		p.Exit(pid, actor.Kill)
		reason = waitDown(p, down)
	case Infinity:
		p.Exit(pid, actor.Shutdown)
		reason = waitDown(p, down)
	default:
		p.Exit(pid, actor.Shutdown)
		var ok bool
		if reason, ok = waitDownFor(p, down, time.Duration(sd)); !ok {
			s.shutdownTimedOut(p, c, pid, sd)
			p.Exit(pid, actor.Kill)
			reason = waitDown(p, down)
		}
	}
	p.Unlink(pid)
	s.checkShutdownReason(p, c, pid, sd, reason)
}

// terminateAll stops every child: in reverse start order for a static
// supervisor, in parallel for a SimpleOneForOne one.
func (s *server) terminateAll(p *actor.Process) {
	if s.simple {
		s.shutdownParallel(p)
		return
	}
	for c := s.list.tail; c != nil; c = c.prev {
		if c.status == Running {
			s.shutdown(p, c)
		}
	}
}

// shutdownParallel stops all dynamic children at once, with one shared
// time-out, as OTP does for simple_one_for_one.
func (s *server) shutdownParallel(p *actor.Process) {
	type stopping struct {
		c      *child
		pid    actor.PID
		down   <-chan actor.Down
		cancel func()
	}
	all := make([]stopping, 0, s.list.n)
	for c := s.list.head; c != nil; c = c.next {
		if c.status == Running {
			down, cancel := p.Node().Monitor(c.pid)
			all = append(all, stopping{c: c, pid: c.pid, down: down, cancel: cancel})
			s.setUndefined(c)
		}
	}
	sd := s.template.effectiveShutdown()
	signal := actor.Shutdown
	if sd == BrutalKill {
		signal = actor.Kill
	}
	for _, st := range all {
		p.Exit(st.pid, signal)
	}
	var expired <-chan time.Time
	if sd != BrutalKill && sd != Infinity {
		t := time.NewTimer(time.Duration(sd))
		defer t.Stop()
		expired = t.C
	}
	timedOut := false
	for _, st := range all {
		var reason error
		select {
		case d := <-st.down:
			reason = d.Reason
		default:
			got := false
			if !timedOut {
				p.Blocking(func() {
					select {
					case d := <-st.down:
						reason, got = d.Reason, true
					case <-expired:
						timedOut = true
					}
				})
			}
			if !got {
				s.shutdownTimedOut(p, st.c, st.pid, sd)
				p.Exit(st.pid, actor.Kill)
				reason = waitDown(p, st.down)
			}
		}
		st.cancel()
		p.Unlink(st.pid)
		s.checkShutdownReason(p, st.c, st.pid, sd, reason)
	}
}

func (s *server) shutdownTimedOut(p *actor.Process, c *child, pid actor.PID, sd Shutdown) {
	s.emit(ShutdownTimedOut{Supervisor: s.self, ID: s.id(c), PID: pid, Timeout: time.Duration(sd)})
	s.logError(p, "supervisor: child did not stop in time, killing it", "id", s.id(c),
		"child", pid.String(), "timeout", time.Duration(sd))
}

// checkShutdownReason reports a child that ended with another reason than
// the one its shutdown asked for (OTP's shutdown_error report).
func (s *server) checkShutdownReason(p *actor.Process, c *child, pid actor.PID, sd Shutdown, reason error) {
	s.emit(ChildTerminated{Supervisor: s.self, ID: s.id(c), PID: pid, Reason: reason})
	var ok bool
	switch {
	case sd == BrutalKill:
		ok = errors.Is(reason, actor.Killed)
	default:
		ok = errors.Is(reason, actor.Shutdown)
	}
	if !ok && c.spec.Restart != Permanent {
		ok = actor.IsNormalExit(reason)
	}
	if !ok && !errors.Is(reason, actor.NoProc) {
		s.logError(p, "supervisor: shutdown error", "id", s.id(c), "child", pid.String(), "reason", reason)
	}
}

// waitDown waits for the Down on ch, letting other processes use the
// worker meanwhile.
func waitDown(p *actor.Process, ch <-chan actor.Down) error {
	select {
	case d := <-ch:
		return d.Reason
	default:
	}
	var reason error
	p.Blocking(func() { reason = (<-ch).Reason })
	return reason
}

// waitDownFor waits up to d for the Down on ch; false means it timed out.
func waitDownFor(p *actor.Process, ch <-chan actor.Down, d time.Duration) (reason error, ok bool) {
	select {
	case dn := <-ch:
		return dn.Reason, true
	default:
	}
	p.Blocking(func() {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case dn := <-ch:
			reason, ok = dn.Reason, true
		case <-t.C:
		}
	})
	return reason, ok
}
