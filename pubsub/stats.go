package pubsub

import "sync/atomic"

// Stats counts what a PubSub has done since it started.
type Stats struct {
	// Broadcasts is the number of broadcasts made on this node.
	Broadcasts uint64
	// LocalDeliveries is the number of messages put in the mailboxes of
	// this node's members, by this node's broadcasts and by its relay.
	LocalDeliveries uint64
	// Forwards is the number of messages sent to the relays of other
	// nodes: one per node with members, per broadcast.
	Forwards uint64
	// DirectRemote is the number of messages sent straight to members on
	// other nodes, when their node's relay was not known yet.
	DirectRemote uint64
	// Relayed is the number of broadcasts from other nodes that this
	// node's relay fanned out.
	Relayed uint64
}

type counters struct {
	broadcasts, localDeliveries, forwards, directRemote, relayed atomic.Uint64
}

// Stats returns the counters of this PubSub.
func (ps *PubSub) Stats() Stats {
	c := &ps.counters
	return Stats{
		Broadcasts:      c.broadcasts.Load(),
		LocalDeliveries: c.localDeliveries.Load(),
		Forwards:        c.forwards.Load(),
		DirectRemote:    c.directRemote.Load(),
		Relayed:         c.relayed.Load(),
	}
}
