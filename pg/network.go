package pg

import (
	"fmt"
	"slices"
	"sync"

	"github.com/gotp/gotp/actor"
)

// Network is an in-process Transport: it connects the scopes of several
// Nodes running in one program, as if each Node were a machine of a
// cluster. Every pair of nodes is connected until Cut, and again after
// Heal. It is meant for tests of multi-node behaviour (netsplits,
// reconnection, scope restarts) without sockets.
//
// A node's name on the network is its actor.Node name, so the nodes
// attached to one Network must have distinct names.
//
// Concurrency: all methods may be called from any goroutine.
type Network struct {
	mu     sync.Mutex
	scopes map[string]map[string]actor.PID // scope name → node name → scope process
	nodes  map[string]*actor.Node
	cut    map[[2]string]bool
}

// NewNetwork returns an empty network.
func NewNetwork() *Network {
	return &Network{
		scopes: make(map[string]map[string]actor.PID),
		nodes:  make(map[string]*actor.Node),
		cut:    make(map[[2]string]bool),
	}
}

func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// Attach implements Transport. The network watches the scope process: when
// it ends, the scopes of the same name on other nodes get a PeerDown.
func (n *Network) Attach(p *actor.Process, scope string) (Link, error) {
	node := p.Node()
	self := p.Self()
	n.mu.Lock()
	if other, ok := n.nodes[node.Name()]; ok && other != node {
		n.mu.Unlock()
		return nil, fmt.Errorf("pg: network: node name %q used by two nodes", node.Name())
	}
	n.nodes[node.Name()] = node
	if n.scopes[scope] == nil {
		n.scopes[scope] = make(map[string]actor.PID)
	}
	n.scopes[scope][node.Name()] = self
	n.mu.Unlock()

	node.MonitorFunc(self, func(d actor.Down) {
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.scopes[scope][node.Name()] == self {
			delete(n.scopes[scope], node.Name())
		}
		for other, pid := range n.scopes[scope] {
			if other != node.Name() {
				n.nodes[other].Send(pid, PeerDown{Peer: self, Reason: d.Reason})
			}
		}
	})
	return &netLink{net: n, node: node.Name(), scope: scope, self: self}, nil
}

// Cut breaks the connection between nodes a and b: each side's scopes get a
// PeerDown (reason actor.NoConnection) for the other side's scopes, and no
// message passes between them until Heal.
func (n *Network) Cut(a, b string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	k := pairKey(a, b)
	if a == b || n.cut[k] {
		return
	}
	n.cut[k] = true
	for _, byNode := range n.scopes {
		pa, okA := byNode[a]
		pb, okB := byNode[b]
		if okA && okB {
			n.nodes[a].Send(pa, PeerDown{Peer: pb, Reason: actor.NoConnection})
			n.nodes[b].Send(pb, PeerDown{Peer: pa, Reason: actor.NoConnection})
		}
	}
}

// Heal restores the connection between nodes a and b: every scope on each
// side gets a NodeUp for the other, and discovers its peer again.
func (n *Network) Heal(a, b string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	k := pairKey(a, b)
	if !n.cut[k] {
		return
	}
	delete(n.cut, k)
	for _, byNode := range n.scopes {
		if pa, ok := byNode[a]; ok {
			n.nodes[a].Send(pa, NodeUp{Node: b})
		}
		if pb, ok := byNode[b]; ok {
			n.nodes[b].Send(pb, NodeUp{Node: a})
		}
	}
}

// connected reports whether a and b can talk. n.mu must be held.
func (n *Network) connected(a, b string) bool { return !n.cut[pairKey(a, b)] }

// netLink is one scope's Link on a Network.
type netLink struct {
	net   *Network
	node  string
	scope string
	self  actor.PID
}

func (l *netLink) LocalNode() string { return l.node }

func (l *netLink) Nodes() []string {
	n := l.net
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for name := range n.nodes {
		if name != l.node && n.connected(l.node, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func (l *netLink) SendNode(node string, msg any) {
	n := l.net
	n.mu.Lock()
	defer n.mu.Unlock()
	if pid, ok := n.scopes[l.scope][node]; ok && node != l.node && n.connected(l.node, node) {
		n.nodes[node].Send(pid, msg)
	}
}

func (l *netLink) Send(peer actor.PID, msg any) {
	n := l.net
	n.mu.Lock()
	defer n.mu.Unlock()
	for node, pid := range n.scopes[l.scope] {
		if pid == peer {
			if node != l.node && n.connected(l.node, node) {
				n.nodes[node].Send(pid, msg)
			}
			return
		}
	}
}

func (l *netLink) Close() {
	n := l.net
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.scopes[l.scope][l.node] == l.self {
		delete(n.scopes[l.scope], l.node)
	}
}
