package pg

import "github.com/gotp/gotp/actor"

// Transport connects a scope to the scopes of the same name on other nodes:
// the overlay network of OTP's pg. A scope started with WithTransport
// attaches itself in its Init and exchanges membership with its peers through
// the returned Link. Without a transport a scope is local-only.
//
// A transport delivers to an attached scope process, as ordinary messages:
// the wire messages its peers send (Discover, Sync, JoinMsg, LeaveMsg);
// NodeUp when a node becomes reachable; and PeerDown when a peer scope that
// may have sent it messages ends or can no longer be reached (OTP's DOWN of
// the peer scope monitor, noconnection included). After a PeerDown, no
// message from that peer may arrive until the scope hears from it again
// through a new Discover or Sync. Extra PeerDowns are harmless.
//
// Implementations must be safe for concurrent use.
type Transport interface {
	// Attach connects the scope process p, named scope, to the network.
	Attach(p *actor.Process, scope string) (Link, error)
}

// Link is one scope's connection to its peers, returned by
// Transport.Attach. Its methods are called from the scope process only. None
// may block: sends to unreachable peers are dropped (OTP's noconnect).
type Link interface {
	// LocalNode returns this node's name on the network.
	LocalNode() string
	// Nodes returns the other nodes reachable now (OTP's nodes()).
	Nodes() []string
	// SendNode sends msg to the scope of the same name on node, if any.
	SendNode(node string, msg any)
	// Send sends msg to the peer scope process peer.
	Send(peer actor.PID, msg any)
	// Close detaches the scope; it is called when the scope ends normally.
	// A transport must also notice a scope that is killed.
	Close()
}

// Protocol is the version of the scope-to-scope protocol this package speaks.
const Protocol = 1

// Wire messages of the scope-to-scope protocol (OTP pg's discover, sync,
// join and leave). They are plain structs; PIDs and node names are all they
// carry.

// Discover is sent by a scope to the scope of the same name on another node
// when it starts and when that node comes up. The receiver answers with a
// Sync of its local members and, if the sender was unknown, a Discover of
// its own.
type Discover struct {
	From     actor.PID // the sending scope
	Node     string    // the sending scope's node
	Protocol int
}

// GroupMembers lists one group's members, as carried by Sync.
type GroupMembers struct {
	Group string
	PIDs  []actor.PID
}

// Sync carries every local membership of the sending scope. It replaces,
// in full, everything the receiver knew about the sender's members.
type Sync struct {
	From   actor.PID
	Node   string
	Groups []GroupMembers
}

// JoinMsg tells peers that PIDs (local to the sender) joined Group.
type JoinMsg struct {
	From  actor.PID
	Group string
	PIDs  []actor.PID
}

// LeaveMsg tells peers that PIDs left Groups: for each group listed (a
// group may be listed once per membership), one membership of each PID is
// removed.
type LeaveMsg struct {
	From   actor.PID
	PIDs   []actor.PID
	Groups []string
}

// NodeUp is delivered by a transport when Node becomes reachable; the scope
// then sends it a Discover (OTP's nodeup).
type NodeUp struct{ Node string }

// PeerDown is delivered by a transport when the peer scope Peer has ended
// or can no longer be reached; the scope drops every member it contributed.
type PeerDown struct {
	Peer   actor.PID
	Reason error
}
