package actor

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// DefaultCallTimeout bounds a Call whose context has no deadline, as OTP's
// gen_server:call/2 does.
const DefaultCallTimeout = 5 * time.Second

// From identifies the caller of a Call, for a deferred Reply.
type From struct{ w *callWaiter }

// callWaiter is one Call in flight. It receives either the reply or, through
// its monitor on the callee, the callee's Down.
type callWaiter struct {
	ch   chan callResult
	done atomic.Bool
}

type callResult struct {
	reply any
	err   error
	down  error // the callee's exit reason, when it died first
}

type callRequest struct {
	req  any
	from From
}

func (w *callWaiter) deliverDown(d Down) {
	if w.done.Load() {
		return
	}
	select {
	case w.ch <- callResult{down: d.Reason}:
	default:
	}
}

func (f From) reply(v any, err error) {
	w := f.w
	if w == nil || w.done.Load() {
		return // the caller gave up: late replies are dropped
	}
	select {
	case w.ch <- callResult{reply: v, err: err}:
	default: // already answered
	}
}

// Reply answers a call whose HandleCall returned NoReply. It may be called
// from any goroutine; a reply to a caller that gave up (or a second reply)
// is dropped, as in OTP.
func Reply(from From, reply any) { from.reply(reply, nil) }

// ReplyError answers a deferred call with an error.
func ReplyError(from From, err error) { from.reply(nil, err) }

// Reply answers a deferred call; see the package-level Reply.
func (p *Process) Reply(from From, reply any) { from.reply(reply, nil) }

// Call sends req to pid's HandleCall and waits for the reply. It fails at
// once with NoProc if pid is dead, with the callee's exit reason if it dies
// before replying, and with ErrTimeout when ctx ends (after
// DefaultCallTimeout if ctx has no deadline). Errors other than the ones
// HandleCall returns are *CallError values.
func (n *Node) Call(ctx context.Context, pid PID, req any) (any, error) {
	return n.call(ctx, pid, req, nil)
}

// CallName calls the process registered under name (OTP's
// gen_server:call(Name, Req)); an unknown name fails at once with NoProc.
func (n *Node) CallName(ctx context.Context, name string, req any) (any, error) {
	pid, err := n.whereisForCall(name, req)
	if err != nil {
		return nil, err
	}
	return n.call(ctx, pid, req, nil)
}

// CallName calls a registered name from p; see Node.CallName.
func (p *Process) CallName(ctx context.Context, name string, req any) (any, error) {
	pid, err := p.node.whereisForCall(name, req)
	if err != nil {
		return nil, err
	}
	return p.Call(ctx, pid, req)
}

// whereisForCall resolves a name for CallName: an unknown name is NoProc.
func (n *Node) whereisForCall(name string, req any) (PID, error) {
	pid, ok := n.Whereis(name)
	if !ok {
		return PID{}, &CallError{Request: req, Reason: fmt.Errorf("%w: %q not registered", NoProc, name)}
	}
	return pid, nil
}

// Call makes a Call from p. A call to p itself fails with ErrCallingSelf.
// While p waits, its worker is handed to other processes.
func (p *Process) Call(ctx context.Context, pid PID, req any) (any, error) {
	if pid.p == p {
		return nil, &CallError{PID: pid, Request: req, Reason: ErrCallingSelf}
	}
	return p.node.call(ctx, pid, req, p.w)
}

func (n *Node) call(ctx context.Context, pid PID, req any, w *worker) (any, error) {
	if pid.p == nil {
		if pid.IsZero() {
			return nil, &CallError{PID: pid, Request: req, Reason: NoProc}
		}
		return nil, &CallError{PID: pid, Request: req, Reason: ErrUnsupported}
	}
	cw := &callWaiter{ch: make(chan callResult, 1)}
	defer cw.done.Store(true)
	ref := newRef()
	if !pid.p.addMonitor(ref, cw) {
		return nil, &CallError{PID: pid, Request: req, Reason: NoProc}
	}
	defer pid.p.removeMonitor(ref)
	pid.p.deliver(&callRequest{req: req, from: From{cw}})

	var res callResult
	select {
	case res = <-cw.ch:
	default:
		var expired <-chan time.Time
		if _, ok := ctx.Deadline(); !ok {
			t := time.NewTimer(DefaultCallTimeout)
			defer t.Stop()
			expired = t.C
		}
		if w != nil {
			n.sched.enterBlocking(w)
		}
		select {
		case res = <-cw.ch:
		case <-ctx.Done():
			res.down = ErrTimeout
		case <-expired:
			res.down = ErrTimeout
		}
		if w != nil {
			n.sched.exitBlocking(w)
		}
	}
	ctxErr := ctx.Err()
	if res.down == ErrTimeout && ctxErr == nil {
		ctxErr = context.DeadlineExceeded
	}
	switch {
	case res.down == ErrTimeout:
		return nil, &CallError{PID: pid, Request: req, Reason: ErrTimeout, ctxErr: ctxErr}
	case res.down != nil:
		return nil, &CallError{PID: pid, Request: req, Reason: res.down}
	}
	return res.reply, res.err
}

// Cast sends req to pid without waiting (OTP's gen_server:cast): it arrives
// at Receive. Like Send, it is silent when pid is dead.
func (n *Node) Cast(pid PID, req any) { n.Send(pid, req) }

// Cast sends req to pid from p; see Node.Cast.
func (p *Process) Cast(pid PID, req any) { p.node.Send(pid, req) }

// StopProcess asks pid to end with reason (Normal if nil), running its Terminate
// whether or not it traps exits, and waits until it has ended (OTP's
// gen_server:stop/3). The request is queued behind the messages already in
// its mailbox. It returns nil when the process ended with reason, an error
// matching NoProc if it was not running, the process's own exit reason
// (wrapped) if it ended otherwise, or ErrTimeout when ctx ends first.
func (n *Node) StopProcess(ctx context.Context, pid PID, reason error) error {
	return n.stopProcess(ctx, pid, reason, nil)
}

// StopProcess is Node.StopProcess made from within p: p's worker is handed over
// while it waits.
func (p *Process) StopProcess(ctx context.Context, pid PID, reason error) error {
	if pid.p == p {
		return &CallError{PID: pid, Request: stopRequest{reason}, Reason: ErrCallingSelf}
	}
	return p.node.stopProcess(ctx, pid, reason, p.w)
}

func (n *Node) stopProcess(ctx context.Context, pid PID, reason error, w *worker) error {
	if reason == nil {
		reason = Normal
	}
	if pid.p == nil {
		return fmt.Errorf("actor: stop %v: %w", pid, NoProc)
	}
	ch := make(chan Down, 1)
	ref := newRef()
	if !pid.p.addMonitor(ref, chanSink(ch)) {
		return fmt.Errorf("actor: stop %v: %w", pid, NoProc)
	}
	pid.p.mu.Lock()
	if !pid.p.dead {
		pid.p.enqueueLocked(stopRequest{reason: reason})
	}
	pid.p.mu.Unlock()
	if w != nil {
		n.sched.enterBlocking(w)
		defer n.sched.exitBlocking(w)
	}
	select {
	case d := <-ch:
		if d.Reason == reason || errors.Is(d.Reason, reason) {
			return nil
		}
		return fmt.Errorf("actor: stop %v: exited with %w", pid, d.Reason)
	case <-ctx.Done():
		pid.p.removeMonitor(ref)
		return fmt.Errorf("actor: stop %v: %w (%w)", pid, ErrTimeout, ctx.Err())
	}
}
