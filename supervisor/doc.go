// Package supervisor is OTP's supervisor for gotp processes: a process
// that starts child processes, watches them, and restarts them by a
// strategy when they end, within a restart intensity; past it, it stops
// its children and exits with actor.Shutdown so that its own supervisor
// sees the failure (escalation up the tree).
//
// # Children
//
// A ChildSpec names a child (ID), says how to start it (Start, a StartFunc
// run inside the supervisor that spawns the child linked to it), when to
// restart it (Permanent, Transient, Temporary), how to stop it (a Shutdown
// time-out, BrutalKill or Infinity), its Type and whether it is
// Significant. Worker, DynamicWorker and Nested build the common specs:
//
//	sup, err := supervisor.Start(ctx, node, []supervisor.ChildSpec{
//		supervisor.Worker("db", func() actor.Receiver { return &db{} }),
//		supervisor.Worker("cache", func() actor.Receiver { return &cache{} },
//			supervisor.WithRestart(supervisor.Transient)),
//		supervisor.Nested("conns", nil, supervisor.WithStrategy(supervisor.OneForAll)),
//	}, supervisor.WithIntensity(3, 10*time.Second))
//
// Children start in spec order (Start returns once all have started, or
// rolls back and names the child that failed) and stop in reverse order.
// A restarted child is a new process with a new PID.
//
// # Strategies
//
// OneForOne restarts only the child that ended; OneForAll stops the others
// (in reverse order) and restarts all; RestForOne does that for the child
// and those started after it; SimpleOneForOne runs any number of children
// made from one template with StartChildArgs, stopped in parallel.
// Temporary children stopped as bystanders are removed, not restarted.
// A restart whose start fails marks the child Restarting and is retried
// through a message the supervisor sends itself, so requests are served in
// between; every attempt counts toward the intensity.
//
// # Stopping
//
// The supervisor traps exits. It ends, stopping its children, when its
// parent (the process that called StartLink, or the node for Start) ends
// or sends it an exit signal, when it is stopped with Node.StopProcess,
// when its intensity is exceeded, or by auto-shutdown. Exit signals from
// other processes are ignored, as in OTP. To stop a child it monitors it,
// sends actor.Shutdown, waits up to the child's Shutdown time-out and then
// sends actor.Kill; a child that traps exits runs Terminate(Shutdown)
// because the supervisor is its parent.
//
// # API
//
// StartChild, StartChildArgs, TerminateChild, TerminateChildPID,
// RestartChild, DeleteChild, WhichChildren, CountChildren, GetChildSpec and
// GetChildSpecPID are calls to the supervisor process. They take a Caller:
// an *actor.Node from outside any process, or the *actor.Process of the
// calling process. OTP's error results are sentinel errors (ErrNotFound,
// ErrRunning, ErrRestarting, ErrAlreadyPresent, ErrAlreadyStarted,
// ErrSimpleOneForOne, …) matched with errors.Is. When the supervisor is not
// running they return an *actor.CallError matching actor.NoProc.
//
// # Beyond OTP (off by default)
//
// WithRestartDelay waits, with jitter, before each restart. WithEventHook
// reports typed events (ChildStarted, ChildExited, ChildRestarted,
// RestartFailed, ChildTerminated, ShutdownTimedOut, IntensityExceeded,
// AutoShutdownTriggered); SlogHook logs them. WithClock injects the clock
// the intensity is measured with. Problems (abnormal child exits, shutdown
// time-outs, intensity exceeded) are logged at Error level to the node's
// logger, which discards everything unless actor.WithLogger sets one.
//
// # Concurrency
//
// A supervisor is a process: its state is touched only by its own
// callbacks, and the API functions may be called from any goroutine. The
// event hook and the start functions run inside the supervisor process.
//
// # Deviations from OTP
//
//   - Restart intensity is measured at the clock's full precision over the
//     inclusive window [now-Period, now], not in whole seconds: OTP
//     truncates to seconds, so that a 1.9 s gap can count as within a 1 s
//     period; Go durations make the exact window the less surprising one.
//   - Child IDs are strings; dynamic children report the ID "" (OTP:
//     undefined). There is no modules field and no {ok, Pid, Info} form.
//   - A start function that returns actor.Ignore gives the zero PID and a
//     nil error ({ok, undefined}). A zero PID with a nil error is an error.
//     The supervisor links the returned PID itself too (linking twice is
//     harmless), so an unlinked child is still supervised.
//   - Failed starts return a *StartError (ID and reason) rather than OTP's
//     internal child record; for SimpleOneForOne too, with the reason
//     reachable through errors.Is/As.
//   - A failed StartLink sends no exit signal to the caller (the
//     supervisor unlinks first), so a caller that does not trap exits
//     survives and just gets the error: OTP 26's behaviour for trapping
//     callers, extended to all callers.
//   - Shutdown's zero value means the default (5s for workers, Infinity for
//     supervisors); OTP's 0 ms time-out is written Shutdown(1).
//   - Shutdown time-outs use real time, not the injected Clock.
//   - Go cannot kill a goroutine: a child stuck inside a callback is marked
//     dead by Kill (observers see actor.Killed) but its callback runs on
//     until it returns. It is reported (ShutdownTimedOut, Error log).
//   - auto-shutdown with SimpleOneForOne is rejected (ErrBadCombination),
//     as on OTP's current master (OTP 25 accepted it).
//   - The API calls use the context's deadline (actor's default 5s when it
//     has none), where OTP uses infinity; a TerminateChild that outlives
//     its caller's deadline still completes inside the supervisor.
//   - TerminateChild and TerminateChildPID, and GetChildSpec and
//     GetChildSpecPID, are separate functions where OTP takes an ID or a
//     PID; StartChild and StartChildArgs likewise.
//   - WithRestartDelay and the event hook are extensions.
package supervisor
