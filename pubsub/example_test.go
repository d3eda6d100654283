package pubsub_test

import (
	"context"
	"fmt"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pubsub"
)

// subscriber joins "posts" in Init and reports what it receives.
type subscriber struct {
	ps  *pubsub.PubSub
	out chan<- string
}

func (s *subscriber) Init(p *actor.Process) error {
	return s.ps.Join(context.Background(), p, "posts")
}

func (s *subscriber) Receive(p *actor.Process, msg any) {
	if m, ok := msg.(pubsub.Message); ok {
		data, _ := m.JSON()
		s.out <- string(data)
	}
}

func Example() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)
	ps, _ := pubsub.Start(ctx, node)

	out := make(chan string, 1)
	_, _ = node.Spawn(&subscriber{ps: ps, out: out})
	fmt.Println("members:", len(ps.Members("posts")))

	ps.Broadcast(actor.PID{}, "posts", "post_created", map[string]any{"id": 1, "title": "Hello"})
	fmt.Println(<-out)
	// Output:
	// members: 1
	// {"channel":"posts","event":"post_created","data":{"id":1,"title":"Hello"}}
}

func ExamplePubSub_BroadcastFrom() {
	ctx := context.Background()
	node, _ := actor.NewNode()
	defer node.Stop(ctx)
	ps, _ := pubsub.Start(ctx, node)

	got := make(chan string, 2)
	spawn := func(name string) actor.PID {
		pid, _ := node.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) {
			switch m := msg.(type) {
			case string: // "say": broadcast to the others
				ps.BroadcastFrom(p.Self(), "room", "chat", name+": "+m)
			case pubsub.Message:
				got <- name + " got " + m.Payload.(string)
			}
		}))
		_ = ps.JoinPID(ctx, pid, "room")
		return pid
	}
	alice, _ := spawn("alice"), spawn("bob")
	node.Send(alice, "hi")
	fmt.Println(<-got)
	// Output:
	// bob got alice: hi
}
