// Package actor gives Go programs Erlang/OTP processes: lightweight
// processes with mailboxes, links and exit signals, monitors, trap_exit,
// gen_server-style calls, a name registry and timers.
//
// # Processes
//
// A process is any value with a Receive method; it may also implement
// Initializer (Init), CallHandler (HandleCall) and Terminator (Terminate),
// the Go forms of gen_server's init/1, handle_call/3 and terminate/2. Its
// callbacks get a *Process, the handle through which the process acts:
//
//	type counter struct{ n int }
//
//	func (c *counter) Receive(p *actor.Process, msg any) { c.n++ }
//	func (c *counter) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
//		return c.n, nil
//	}
//
//	node, _ := actor.NewNode()
//	defer node.Stop(ctx)
//	pid, _ := node.Spawn(&counter{})
//	node.Send(pid, "tick")
//	n, err := node.Call(ctx, pid, "get")
//
// # Exit signals, links and monitors
//
// Exit reasons are errors: Normal, Shutdown, ShutdownWith(v), Killed,
// NoProc, NoConnection, MailboxOverflow, a *PanicError for a crash, or any
// error of your own; errors.Is works on all of them. Links, Exit, TrapExit
// and Monitor follow Erlang's rules exactly (see the README's semantics
// table): a normal exit does not kill linked processes; Kill cannot be
// trapped and is seen as Killed; a trapping process receives ExitMsg; a
// monitor delivers one Down, with NoProc at once for a dead process; after
// Demonitor returns no Down for it is received. Processes follow
// gen_server's parent rule: when a process that traps exits gets an exit
// signal from its parent, it ends with that reason and runs Terminate.
//
// # Scheduling
//
// Processes do not own goroutines. A node runs them on a pool of
// GOMAXPROCS workers; a worker that blocks (Call, StopProcess,
// Process.Blocking, or a callback that runs too long) is replaced while it
// blocks, so a pool of two workers still serves thousands of processes
// waiting in Call at once.
//
// # Mailboxes
//
// Mailboxes are unbounded unless WithMailboxLimit bounds them; a bounded
// mailbox never blocks its senders: when full it either ends the process
// with MailboxOverflow or drops and counts the message.
//
// # protoactor-go
//
// Each Node owns a protoactor ActorSystem. PID.Proto and FromProto convert
// PIDs, so plain protoactor actors and gotp processes can message (and
// Watch) each other.
package actor
