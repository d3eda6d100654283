package actor_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gotp/gotp/actor"
)

// stopNode stops an example's node, waiting at most a few seconds.
func stopNode(n *actor.Node) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := n.Stop(ctx); err != nil {
		fmt.Println("stop:", err)
	}
}

// A process is any value with a Receive method. Spawn starts it; Send puts
// a message in its mailbox.
func ExampleNode_Spawn() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	done := make(chan string)
	greeter := actor.ReceiveFunc(func(p *actor.Process, msg any) {
		done <- fmt.Sprintf("hello, %v", msg)
	})
	pid, err := node.Spawn(greeter)
	if err != nil {
		panic(err)
	}
	node.Send(pid, "world")
	fmt.Println(<-done)
	// Output: hello, world
}

// supervisorish traps exits, starts a linked worker and reports how the
// worker ended.
type supervisorish struct{ report chan<- error }

func (s *supervisorish) Init(p *actor.Process) error {
	p.TrapExit(true) // exit signals from links arrive as ExitMsg
	worker, err := p.SpawnLink(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		panic("out of coffee")
	}))
	if err != nil {
		return err
	}
	p.Send(worker, "work")
	return nil
}

func (s *supervisorish) Receive(p *actor.Process, msg any) {
	if m, ok := msg.(actor.ExitMsg); ok {
		s.report <- m.Reason
	}
}

// A process that traps exits and is linked to a worker receives the
// worker's exit reason as an ExitMsg instead of dying with it.
func ExampleProcess_SpawnLink() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	report := make(chan error)
	if _, err := node.Spawn(&supervisorish{report: report}); err != nil {
		panic(err)
	}
	reason := <-report
	var crash *actor.PanicError
	fmt.Println("worker exited:", reason)
	fmt.Println("it was a crash:", errors.As(reason, &crash))
	fmt.Println("panic value:", crash.Value)
	// Output:
	// worker exited: panic: out of coffee
	// it was a crash: true
	// panic value: out of coffee
}

// Monitor delivers exactly one Down when the monitored process ends, with
// its exit reason. Unlike a link, it never kills the watcher.
func ExampleProcess_Monitor() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	errDiskFull := errors.New("disk full")
	worker, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		p.Stop(errDiskFull) // end with a reason of our own
	}))
	if err != nil {
		panic(err)
	}

	downs := make(chan actor.Down)
	watcher, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		switch m := msg.(type) {
		case actor.PID:
			p.Monitor(m)
			p.Send(m, "go")
		case actor.Down:
			downs <- m
		}
	}))
	if err != nil {
		panic(err)
	}
	node.Send(watcher, worker)

	d := <-downs
	fmt.Println("down from the worker:", d.PID == worker)
	fmt.Println("reason:", d.Reason)
	fmt.Println("is errDiskFull:", errors.Is(d.Reason, errDiskFull))
	// Output:
	// down from the worker: true
	// reason: disk full
	// is errDiskFull: true
}

// counter answers calls: a gen_server with a handle_call.
type counter struct{ n int }

func (c *counter) Receive(p *actor.Process, msg any) {}

func (c *counter) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	switch req {
	case "incr":
		c.n++
		return c.n, nil
	case "get":
		return c.n, nil
	}
	return nil, fmt.Errorf("unknown request %v", req)
}

// Call sends a request to a process's HandleCall and waits for the reply,
// for at most the context's deadline.
func ExampleNode_Call() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	pid, err := node.Spawn(&counter{})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for range 3 {
		if _, err := node.Call(ctx, pid, "incr"); err != nil {
			panic(err)
		}
	}
	n, err := node.Call(ctx, pid, "get")
	fmt.Println(n, err)
	_, err = node.Call(ctx, pid, "reset")
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// unknown request reset
}

// barrier answers each "wait" call only once two callers are waiting.
type barrier struct{ waiting []actor.From }

func (b *barrier) Receive(p *actor.Process, msg any) {}

func (b *barrier) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	b.waiting = append(b.waiting, from)
	if len(b.waiting) < 2 {
		return actor.NoReply, nil // keep from: answer later
	}
	for _, f := range b.waiting {
		actor.Reply(f, "released together")
	}
	b.waiting = nil
	return actor.NoReply, nil
}

// HandleCall may return NoReply, keep the From and answer later with
// Reply, from any goroutine: here a barrier holds its first caller until a
// second one arrives, then releases both.
func ExampleReply() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	pid, err := node.Spawn(&barrier{})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	replies := make(chan string, 2)
	for range 2 {
		go func() {
			r, err := node.Call(ctx, pid, "wait")
			replies <- fmt.Sprint(r, " ", err)
		}()
	}
	fmt.Println(<-replies)
	fmt.Println(<-replies)
	// Output:
	// released together <nil>
	// released together <nil>
}

// SendAfter delivers a message later; the timer is cancelled if the
// destination ends first.
func ExampleNode_SendAfter() {
	node, err := actor.NewNode()
	if err != nil {
		panic(err)
	}
	defer stopNode(node)

	got := make(chan any)
	pid, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		got <- msg
	}))
	if err != nil {
		panic(err)
	}
	start := time.Now()
	node.SendAfter(pid, "tick", 20*time.Millisecond)
	fmt.Println(<-got)
	fmt.Println("waited at least 20ms:", time.Since(start) >= 20*time.Millisecond)

	ref := node.SendAfter(pid, "never", time.Hour)
	fmt.Println("cancelled before it fired:", node.CancelTimer(ref))
	// Output:
	// tick
	// waited at least 20ms: true
	// cancelled before it fired: true
}
