package pubsub

import (
	"sync"

	"github.com/gotp/gotp/actor"
)

// Broadcast sends Message{channel, sender, topic, payload} to every member
// of channel on every node (nova_pubsub:broadcast/3). sender is the
// broadcasting process (pass p.Self()), or the zero PID when broadcasting
// from outside any process; a sender that is a member receives its own
// broadcast, as in Nova. Members of this node get the message directly;
// each other node with members gets one message, fanned out there by its
// relay, so one publisher's broadcasts arrive in order everywhere.
// Broadcast never blocks and never fails: an unknown channel or a dead
// member is simply skipped.
func (ps *PubSub) Broadcast(sender actor.PID, channel, topic string, payload any) {
	ps.broadcast(sender, channel, topic, payload, false, false)
}

// LocalBroadcast sends to the members of channel on this node only
// (nova_pubsub:local_broadcast/3).
func (ps *PubSub) LocalBroadcast(sender actor.PID, channel, topic string, payload any) {
	ps.broadcast(sender, channel, topic, payload, false, true)
}

// BroadcastFrom is Broadcast that skips sender (Phoenix's broadcast_from;
// not in Nova): a process that is a member does not receive its own
// broadcast.
func (ps *PubSub) BroadcastFrom(sender actor.PID, channel, topic string, payload any) {
	ps.broadcast(sender, channel, topic, payload, true, false)
}

// LocalBroadcastFrom is LocalBroadcast that skips sender.
func (ps *PubSub) LocalBroadcastFrom(sender actor.PID, channel, topic string, payload any) {
	ps.broadcast(sender, channel, topic, payload, true, true)
}

// forward carries a broadcast to the relay of another node.
type forward struct {
	msg  any // a Message
	skip actor.PID
}

// pidBuffers recycles the buffers BroadcastFrom filters member runs into.
var pidBuffers = sync.Pool{New: func() any { b := make([]actor.PID, 0, 128); return &b }}

func (ps *PubSub) broadcast(sender actor.PID, channel, topic string, payload any, skipSender, localOnly bool) {
	ps.counters.broadcasts.Add(1)
	snap := ps.scope.Snapshot(channel)
	if snap.Len() == 0 {
		return
	}
	var skip actor.PID
	if skipSender {
		skip = sender
	}
	var msg any = newMessage(sender, channel, topic, payload) // boxed once, shared by all
	if snap.LocalLen() > 0 {
		ps.counters.localDeliveries.Add(uint64(ps.deliverLocal(snap.ForEachLocalChunk, msg, skip)))
	}
	if localOnly {
		return
	}
	for _, rm := range snap.Remote() {
		if relay, ok := ps.relayOn(rm.Node); ok {
			ps.node.Send(relay, forward{msg: msg, skip: skip})
			ps.counters.forwards.Add(1)
			continue
		}
		// No relay known on that node (yet): deliver to each member, as
		// Nova does, rather than lose the broadcast.
		ps.counters.directRemote.Add(uint64(ps.deliverLocal(rm.ForEachChunk, msg, skip)))
	}
}

// deliverLocal sends msg to every member yielded, a run at a time, by
// forEachChunk (a snapshot's shared, immutable runs: no copy), except skip,
// and returns how many it sent to.
func (ps *PubSub) deliverLocal(forEachChunk func(func([]actor.PID) bool), msg any, skip actor.PID) int {
	sent := 0
	forEachChunk(func(pids []actor.PID) bool {
		if skip.IsZero() {
			ps.node.SendAll(pids, msg)
			sent += len(pids)
			return true
		}
		bp := pidBuffers.Get().(*[]actor.PID)
		buf := (*bp)[:0]
		for _, pid := range pids {
			if pid != skip {
				buf = append(buf, pid)
			}
		}
		ps.node.SendAll(buf, msg)
		sent += len(buf)
		clear(buf)
		*bp = buf[:0]
		pidBuffers.Put(bp)
		return true
	})
	return sent
}

// relayOn returns the relay process of node.
func (ps *PubSub) relayOn(node string) (actor.PID, bool) {
	for _, rm := range ps.scope.Snapshot(relayGroup).Remote() {
		if rm.Node != node {
			continue
		}
		var relay actor.PID
		rm.ForEach(func(pid actor.PID) bool { relay = pid; return false })
		return relay, !relay.IsZero()
	}
	return actor.PID{}, false
}
