// Package pubsub is Nova's nova_pubsub in Go, on top of gotp's pg: named
// channels that processes join, and broadcasts that reach every member on
// every connected node.
//
//	ps, err := pubsub.Start(ctx, node)
//
//	// in a subscriber's Init or Receive:
//	err = ps.Join(ctx, p, "posts")
//
//	// anywhere, e.g. an HTTP handler (zero sender: not a process):
//	ps.Broadcast(actor.PID{}, "posts", "post_created", post)
//
//	// the subscriber:
//	func (s *indexer) Receive(p *actor.Process, msg any) {
//		switch m := msg.(type) {
//		case pubsub.Message:
//			if m.Topic == "post_created" { s.index(m.Payload.(Post)) }
//		}
//	}
//
// # Nova's semantics
//
// Subscribers receive Message{Channel, Sender, Topic, Payload}, the Go form
// of {nova_pubsub, Channel, SenderPid, Topic, Payload}. As in Nova: a sender
// that is a member receives its own broadcast; a channel joined twice
// delivers twice (and needs two Leaves); the topic is a field, not a
// filter; broadcasting to an unknown channel does nothing; Broadcast never
// blocks and never fails, whether members are dead or slow; members that
// end leave every channel by themselves (pg monitors them).
//
// # Beyond Nova
//
//   - Supervision. Start runs the pg scope and a relay process under a
//     supervisor. If the scope crashes it is restarted, and the relay,
//     which keeps the ended run's memberships (a pg.Instance stays readable
//     after its run ends), joins every surviving member to the new run:
//     subscriptions are not silently lost. (Nova starts its scope
//     unsupervised; one bad message silences pubsub on that node until
//     restart.) Joins and Leaves made in the moment the scope is down fail
//     with pg.ErrNoScope.
//   - BroadcastFrom and LocalBroadcastFrom skip the sender, as Phoenix's
//     broadcast_from.
//   - Per-node fan-out. Members on this node get the message directly; each
//     other node with members gets one message, which its relay fans out
//     to its own members, as Phoenix and Ergo do (Nova sends one message per
//     remote member). A publisher's broadcasts therefore arrive in order on
//     every node. Remote delivery goes to the members the remote node has
//     when the message arrives.
//   - Encode once. Message.JSON encodes a broadcast once, however many
//     members ask for it (10,000 WebSocket subscribers cost one encode).
//   - Slow subscribers. A broadcast is one shared message put in each
//     mailbox, never waiting. Give a subscriber a bounded mailbox
//     (actor.WithMailboxLimit) to decide what happens when it cannot keep
//     up: drop and count, or end at once (and so leave every channel).
//
// # Costs
//
// A broadcast reads the channel's member snapshot without a lock or a
// message to the scope, builds one Message (one allocation), and hands it to
// the members' mailboxes in batches (actor.Node.SendAll). Stats counts
// broadcasts, deliveries and forwards.
//
// # Differences from Nova
//
//   - Channels and topics are strings. Payloads are any Go value; they are
//     shared, not copied, so treat them as read-only.
//   - Calling Start twice with the same scope name on one node is an error
//     (pg.ErrAlreadyStarted); Nova's start/0 returns ok.
//   - Broadcast takes the sender explicitly; Go has no self().
package pubsub
