package supervisor_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/supervisor"
)

// greeter answers calls with a greeting.
type greeter struct{ name string }

func (g *greeter) Receive(p *actor.Process, msg any) {}
func (g *greeter) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	return fmt.Sprintf("%s says hello to %v", g.name, req), nil
}

func ExampleStart() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)

	sup, err := supervisor.Start(ctx, node, []supervisor.ChildSpec{
		supervisor.Worker("alice", func() actor.Receiver { return &greeter{name: "alice"} }),
		supervisor.Worker("bob", func() actor.Receiver { return &greeter{name: "bob"} }),
	}, supervisor.WithStrategy(supervisor.OneForOne))
	if err != nil {
		fmt.Println(err)
		return
	}
	children, _ := supervisor.WhichChildren(ctx, node, sup)
	for _, c := range children { // most recently started first, as OTP
		reply, _ := node.Call(ctx, c.PID, "you")
		fmt.Println(c.ID, c.Status, reply)
	}
	// Output:
	// bob running bob says hello to you
	// alice running alice says hello to you
}

func ExampleStartChild() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)

	sup, _ := supervisor.Start(ctx, node, nil)
	spec := supervisor.Worker("carol", func() actor.Receiver { return &greeter{name: "carol"} })
	pid, err := supervisor.StartChild(ctx, node, sup, spec)
	fmt.Println(err, node.IsAlive(pid))

	_, err = supervisor.StartChild(ctx, node, sup, spec)
	fmt.Println(errors.Is(err, supervisor.ErrAlreadyStarted))

	_ = supervisor.TerminateChild(ctx, node, sup, "carol")
	_, err = supervisor.StartChild(ctx, node, sup, spec)
	fmt.Println(err)
	counts, _ := supervisor.CountChildren(ctx, node, sup)
	fmt.Printf("%+v\n", counts)
	// Output:
	// <nil> true
	// true
	// supervisor: start child "carol": already present
	// {Specs:1 Active:0 Supervisors:0 Workers:1}
}

func Example_simpleOneForOne() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)

	template := supervisor.DynamicWorker("greeter", func(args ...any) actor.Receiver {
		return &greeter{name: args[0].(string)}
	}, supervisor.WithRestart(supervisor.Transient))
	sup, _ := supervisor.Start(ctx, node, []supervisor.ChildSpec{template},
		supervisor.WithStrategy(supervisor.SimpleOneForOne))

	for _, name := range []string{"dave", "erin"} {
		pid, _ := supervisor.StartChildArgs(ctx, node, sup, name)
		reply, _ := node.Call(ctx, pid, "you")
		fmt.Println(reply)
	}
	counts, _ := supervisor.CountChildren(ctx, node, sup)
	fmt.Printf("%+v\n", counts)
	// Output:
	// dave says hello to you
	// erin says hello to you
	// {Specs:1 Active:2 Supervisors:0 Workers:2}
}
