package pg_test

import (
	"context"
	"fmt"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
)

func Example() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)
	scope, _ := pg.StartScope(node, pg.DefaultScope)

	worker, _ := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {}))
	_ = scope.Join(ctx, "posts", worker)
	_ = scope.Join(ctx, "posts", worker) // counted: it must leave twice
	fmt.Println(len(scope.Members("posts")), scope.WhichGroups())

	_ = scope.Leave(ctx, "posts", worker)
	fmt.Println(scope.Members("posts")[0] == worker)
	fmt.Println(scope.Leave(ctx, "posts", worker), scope.Leave(ctx, "posts", worker))
	// Output:
	// 2 [posts]
	// true
	// <nil> pg: leave "posts": pg: not joined
}

func ExampleScope_Monitor() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)
	scope, _ := pg.StartScope(node, "chat")

	events := make(chan string, 4)
	watcher, _ := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
		switch m := msg.(type) {
		case pg.Joined:
			events <- fmt.Sprintf("joined %s: %d", m.Group, len(m.PIDs))
		case pg.Left:
			events <- fmt.Sprintf("left %s: %d", m.Group, len(m.PIDs))
		}
	}))
	_, members, _ := scope.Monitor(ctx, watcher, "room")
	fmt.Println("members now:", len(members))

	member, _ := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {}))
	_ = scope.Join(ctx, "room", member)
	fmt.Println(<-events)
	node.Exit(member, actor.Kill) // no Leave needed: the scope monitors members
	fmt.Println(<-events)
	// Output:
	// members now: 0
	// joined room: 1
	// left room: 1
}

func ExampleScope_ForEachMember() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)
	scope, _ := pg.StartScope(node, "feed")
	got := make(chan any, 3)
	for range 3 {
		pid, _ := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) { got <- msg }))
		_ = scope.Join(ctx, "posts", pid)
	}
	// A broadcast: no message to the scope, no allocation for the read.
	scope.ForEachMember("posts", func(pid actor.PID) bool {
		node.Send(pid, "new post")
		return true
	})
	fmt.Println(<-got, <-got, <-got)
	// Output: new post new post new post
}
