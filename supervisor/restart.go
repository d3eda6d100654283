package supervisor

import (
	"errors"
	"math/rand/v2"
	"time"

	"github.com/gotp/gotp/actor"
)

// childExited handles the termination of a running child (OTP's
// do_restart/3): restart it, keep it as Undefined, or remove it, according
// to its restart type and exit reason.
func (s *server) childExited(p *actor.Process, c *child, reason error) {
	pid := c.pid
	restart := c.spec.Restart == Permanent || (c.spec.Restart == Transient && !actor.IsNormalExit(reason))
	s.emit(ChildExited{Supervisor: s.self, ID: s.id(c), PID: pid, Reason: reason, Restart: restart})
	if restart || !actor.IsNormalExit(reason) {
		s.logError(p, "supervisor: child terminated", "id", s.id(c), "child", pid.String(),
			"reason", reason, "restart", c.spec.Restart.String())
	}
	if restart {
		s.setUndefined(c)
		s.restart(p, c)
		return
	}
	if c.spec.Restart == Temporary || s.simple {
		s.remove(c)
	} else {
		s.setUndefined(c)
	}
	if c.spec.Significant {
		s.autoShutdown(p, c)
	}
}

// restart restarts c now, or after the restart delay if one is set.
func (s *server) restart(p *actor.Process, c *child) {
	if s.cfg.delay > 0 {
		s.setRestarting(c)
		s.scheduleRetry(p, c)
		return
	}
	s.attemptRestart(p, c)
}

// attemptRestart is one restart attempt of c (OTP's restart/2): it counts
// toward the intensity, then restarts per the strategy. If a start fails,
// the child is marked Restarting and a retry is queued as a message to
// self, so other requests are handled in between.
func (s *server) attemptRestart(p *actor.Process, c *child) {
	if !s.addRestart() {
		s.emit(IntensityExceeded{Supervisor: s.self, ID: s.id(c), MaxRestarts: s.cfg.maxRestarts, Period: s.cfg.period})
		s.logError(p, "supervisor: reached max restart intensity, shutting down", "id", s.id(c),
			"max_restarts", s.cfg.maxRestarts, "period", s.cfg.period)
		s.remove(c)
		p.Stop(actor.Shutdown)
		return
	}
	var failed *child
	var err error
	switch s.cfg.strategy {
	case OneForAll:
		s.terminateFrom(p, s.list.head)
		failed, err = s.startFrom(p, s.list.head)
	case RestForOne:
		s.terminateFrom(p, c)
		failed, err = s.startFrom(p, c)
	default:
		if err = s.restartOne(p, c); err != nil {
			failed = c
		}
	}
	if failed != nil {
		s.setRestarting(failed)
		s.logError(p, "supervisor: child restart failed", "id", s.id(failed), "error", err)
		s.emit(RestartFailed{Supervisor: s.self, ID: s.id(failed), Err: err, RetryIn: s.scheduleRetry(p, failed)})
	}
}

// restartOne starts c again; on actor.Ignore a static child becomes
// Undefined and a dynamic one is removed.
func (s *server) restartOne(p *actor.Process, c *child) error {
	old := c.last
	pid, err := s.invokeStart(p, c.spec, c.args)
	switch {
	case err == nil:
		s.setRunning(c, pid)
		s.emit(ChildRestarted{Supervisor: s.self, ID: s.id(c), OldPID: old, PID: pid})
		return nil
	case errors.Is(err, actor.Ignore):
		if s.simple {
			s.remove(c)
		} else {
			s.setUndefined(c)
		}
		return nil
	}
	return err
}

// terminateFrom stops the running children from the last one back to
// first, in reverse start order. Temporary children are removed, others
// become Undefined. These are not deaths: no restart, no auto-shutdown.
func (s *server) terminateFrom(p *actor.Process, first *child) {
	if first == nil {
		return
	}
	stop := first.prev
	for c := s.list.tail; c != nil && c != stop; {
		prev := c.prev
		if c.status == Running {
			s.shutdown(p, c)
			if c.spec.Restart == Temporary {
				s.remove(c)
			}
		}
		c = prev
	}
}

// startFrom (re)starts every child from first to the end, in start order,
// including Undefined ones (OTP restarts every spec in the range). It stops
// at the first failure and returns that child and its error.
func (s *server) startFrom(p *actor.Process, first *child) (*child, error) {
	for c := first; c != nil; {
		next := c.next
		if c.status != Running {
			if err := s.restartOne(p, c); err != nil {
				return c, err
			}
		}
		c = next
	}
	return nil, nil
}

// scheduleRetry queues a retry of c's restart and returns its delay.
func (s *server) scheduleRetry(p *actor.Process, c *child) time.Duration {
	d := s.cfg.delay
	if d <= 0 {
		p.Send(s.self, retryRestart{c})
		return 0
	}
	if s.cfg.jitter > 0 {
		d += time.Duration(rand.Float64() * s.cfg.jitter * float64(d))
	}
	p.SendAfter(s.self, retryRestart{c}, d)
	return d
}

// addRestart records a restart and reports whether it stays within the
// intensity (OTP's add_restart/1): restarts at or after now-period count,
// and at most maxRestarts of them are allowed. Expired entries are skipped
// with a moving head and compacted now and then: O(1) amortized.
func (s *server) addRestart() bool {
	now := s.cfg.clock.Now()
	cutoff := now.Add(-s.cfg.period)
	for s.restartsHead < len(s.restarts) && s.restarts[s.restartsHead].Before(cutoff) {
		s.restartsHead++
	}
	if s.restartsHead > 0 && s.restartsHead*2 >= len(s.restarts) {
		n := copy(s.restarts, s.restarts[s.restartsHead:])
		s.restarts, s.restartsHead = s.restarts[:n], 0
	}
	s.restarts = append(s.restarts, now)
	return len(s.restarts)-s.restartsHead <= s.cfg.maxRestarts
}

// autoShutdown runs when significant child c ended by itself and was not
// restarted (OTP's do_auto_shutdown/2).
func (s *server) autoShutdown(p *actor.Process, c *child) {
	switch s.cfg.autoShutdown {
	case Never:
		return
	case AllSignificant:
		for o := s.list.head; o != nil; o = o.next {
			if o.spec.Significant && o.status == Running {
				return
			}
		}
	}
	s.emit(AutoShutdownTriggered{Supervisor: s.self, ID: s.id(c)})
	p.Stop(actor.Shutdown)
}
