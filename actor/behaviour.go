package actor

// Receiver is the one method every process implements: it handles each
// message sent to the process (Send, Cast, timers, ExitMsg when trapping
// exits, Down from monitors), one at a time, in arrival order.
type Receiver interface {
	Receive(p *Process, msg any)
}

// Initializer is implemented by processes that need set-up before anyone can
// talk to them (OTP's init/1). Init runs before the spawn returns; an error
// aborts the spawn, becomes the process's exit reason and is returned to the
// spawner. Returning Ignore ends the process with reason Normal.
type Initializer interface {
	Init(p *Process) error
}

// CallHandler is implemented by processes that answer Call (OTP's
// handle_call/3). The reply and err are returned to the caller. Returning
// NoReply defers the answer: keep from and later call Reply or ReplyError,
// from any goroutine.
type CallHandler interface {
	HandleCall(p *Process, req any, from From) (reply any, err error)
}

// Terminator is implemented by processes that clean up when they end (OTP's
// terminate/2). It runs when the process stops itself (Process.Stop), when
// a callback panics, when Stop is called on it, and when it traps exits and
// its parent sends an exit signal. It does not run when the process is
// killed, nor when an exit signal ends a process that does not trap exits.
type Terminator interface {
	Terminate(p *Process, reason error)
}

// ReceiveFunc adapts a function to a Receiver, for small processes.
type ReceiveFunc func(p *Process, msg any)

// Receive calls f(p, msg).
func (f ReceiveFunc) Receive(p *Process, msg any) { f(p, msg) }

type noReply struct{}

// NoReply is returned by HandleCall to defer the reply; see CallHandler.
var NoReply any = noReply{}

// ExitMsg is the message a process that traps exits receives instead of
// dying from an exit signal (OTP's {'EXIT', From, Reason}). From is the zero
// PID when the signal was sent from outside any process.
type ExitMsg struct {
	From   PID
	Reason error
}

// Down is the message a monitor delivers, exactly once, when the monitored
// process ends (OTP's {'DOWN', Ref, process, PID, Reason}). Reason is NoProc
// when the process was already dead when the monitor was set.
type Down struct {
	Ref    Ref
	PID    PID
	Reason error
}
