// Hello is the first gotp program to run:
//
//	go run ./examples/hello
//
// It shows the three things that make gotp processes feel like Erlang's:
//
//   - a link: a parent that traps exits starts a linked worker; the worker
//     crashes, and the parent receives the crash reason as an ExitMsg
//     instead of dying with it;
//   - a monitor: a watcher monitors a process and gets exactly one Down,
//     with the reason the process ended;
//   - a call: a request to a gen_server-style process and its reply.
//
// It prints what happens in plain words and stops the node before exiting.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/gotp/gotp/actor"
)

// parent traps exits, starts a linked worker and tells it to work.
type parent struct{ done chan<- struct{} }

func (pa *parent) Init(p *actor.Process) error {
	p.TrapExit(true) // exit signals from linked processes arrive as ExitMsg
	worker, err := p.SpawnLink(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		fmt.Println("worker: got", msg, "- and crashes")
		panic("division by zero")
	}))
	if err != nil {
		return err
	}
	fmt.Println("parent: trapping exits, started a linked worker")
	p.Send(worker, "some work")
	return nil
}

func (pa *parent) Receive(p *actor.Process, msg any) {
	if m, ok := msg.(actor.ExitMsg); ok {
		fmt.Printf("parent: my linked worker exited (%v), and I am still alive\n", m.Reason)
		close(pa.done)
	}
}

// kv is a tiny key-value server: Receive takes writes, HandleCall answers
// reads.
type kv struct{ m map[string]string }

func (s *kv) Receive(p *actor.Process, msg any) {
	if pair, ok := msg.([2]string); ok {
		s.m[pair[0]] = pair[1]
	}
}

func (s *kv) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	key, _ := req.(string)
	v, ok := s.m[key]
	if !ok {
		return nil, fmt.Errorf("no key %q", key)
	}
	return v, nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}

func run() error {
	node, err := actor.NewNode()
	if err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := node.Stop(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "hello: stop:", err)
		}
		fmt.Println("node stopped, bye")
	}()

	// 1. A link: the crash reaches the trapping parent as a message.
	fmt.Println("== link ==")
	done := make(chan struct{})
	if _, err := node.Spawn(&parent{done: done}); err != nil {
		return err
	}
	<-done

	// 2. A monitor: one Down with the exit reason.
	fmt.Println("== monitor ==")
	errTired := errors.New("tired")
	sleeper, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		fmt.Println("sleeper: stopping with reason", errTired)
		p.Stop(errTired)
	}))
	if err != nil {
		return err
	}
	downs := make(chan actor.Down, 1)
	watcher, err := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		switch m := msg.(type) {
		case actor.PID:
			p.Monitor(m)
			fmt.Println("watcher: monitoring the sleeper")
			p.Send(m, "stop now")
		case actor.Down:
			downs <- m
		}
	}))
	if err != nil {
		return err
	}
	node.Send(watcher, sleeper) // tell the watcher whom to watch
	d := <-downs
	fmt.Printf("watcher: got Down, the sleeper ended with %q (is errTired: %v)\n",
		d.Reason, errors.Is(d.Reason, errTired))

	// 3. A call: request and reply.
	fmt.Println("== call ==")
	store, err := node.Spawn(&kv{m: map[string]string{}})
	if err != nil {
		return err
	}
	node.Send(store, [2]string{"greeting", "hello, world"})
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	v, err := node.Call(ctx, store, "greeting")
	if err != nil {
		return err
	}
	fmt.Printf("call: asked the store for \"greeting\", it replied %q\n", v)
	_, err = node.Call(ctx, store, "missing")
	fmt.Printf("call: asked for \"missing\", it answered with the error %q\n", err)
	return nil
}
