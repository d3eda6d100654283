package pubsub

import (
	"context"
	"fmt"
	"time"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pg"
	"github.com/gotp/gotp/supervisor"
)

// DefaultScope is the name of the pg scope pubsub uses, as Nova's
// nova_scope.
const DefaultScope = "nova_scope"

// relayGroup is the pg group that holds each node's relay process. Its
// name cannot clash with a channel that a sane program uses, but it does
// show in Scope().WhichGroups().
const relayGroup = "$gotp.pubsub.relay"

// PubSub is nova_pubsub on one node: channels are pg groups of its scope,
// and broadcasts go to every member on every connected node.
//
// Concurrency: all methods may be called from any goroutine. Broadcasts
// never block and never fail.
type PubSub struct {
	node  *actor.Node
	scope *pg.Scope
	sup   actor.PID
	cfg   config

	counters counters
}

// Option configures Start.
type Option func(*config)

type config struct {
	scope     string
	transport pg.Transport
	maxR      int
	period    time.Duration
}

// WithScope sets the name of the pg scope (default DefaultScope). Two
// PubSubs on one node need two scope names.
func WithScope(name string) Option { return func(c *config) { c.scope = name } }

// WithTransport connects the scope to the scopes of the same name on other
// nodes (see pg.WithTransport), so that broadcasts reach their members.
func WithTransport(t pg.Transport) Option { return func(c *config) { c.transport = t } }

// WithIntensity sets the restart intensity of the pubsub supervisor
// (default 10 restarts in 10 seconds).
func WithIntensity(maxRestarts int, period time.Duration) Option {
	return func(c *config) { c.maxR, c.period = maxRestarts, period }
}

// Start starts pubsub on node under a supervisor of its own (one_for_one)
// that supervises the pg scope and the relay: the scope is restarted if it
// ever crashes, and the relay then joins every surviving member to the new
// scope again, so no subscription is silently lost (Nova starts its scope
// unsupervised: one crash silences pubsub on that node for good).
func Start(ctx context.Context, node *actor.Node, opts ...Option) (*PubSub, error) {
	ps := newPubSub(node, opts)
	sup, err := supervisor.Start(ctx, node, ps.children(), ps.supOptions()...)
	if err != nil {
		return nil, fmt.Errorf("pubsub: start: %w", err)
	}
	ps.sup = sup
	return ps, nil
}

// StartLink starts pubsub's supervisor linked to p, for use as a child of
// your own supervision tree.
func StartLink(ctx context.Context, p *actor.Process, opts ...Option) (*PubSub, error) {
	ps := newPubSub(p.Node(), opts)
	sup, err := supervisor.StartLink(ctx, p, ps.children(), ps.supOptions()...)
	if err != nil {
		return nil, fmt.Errorf("pubsub: start: %w", err)
	}
	ps.sup = sup
	return ps, nil
}

func newPubSub(node *actor.Node, opts []Option) *PubSub {
	cfg := config{scope: DefaultScope, maxR: 10, period: 10 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	return &PubSub{node: node, scope: pg.Open(node, cfg.scope), cfg: cfg}
}

func (ps *PubSub) supOptions() []supervisor.Option {
	return []supervisor.Option{
		supervisor.WithStrategy(supervisor.OneForOne),
		supervisor.WithIntensity(ps.cfg.maxR, ps.cfg.period),
	}
}

func (ps *PubSub) children() []supervisor.ChildSpec {
	var scopeOpts []pg.Option
	if ps.cfg.transport != nil {
		scopeOpts = append(scopeOpts, pg.WithTransport(ps.cfg.transport))
	}
	return []supervisor.ChildSpec{
		pg.ChildSpec(ps.cfg.scope, scopeOpts...),
		supervisor.Worker("relay", func() actor.Receiver { return &relay{ps: ps} }),
	}
}

// Stop stops pubsub on this node: its relay and its scope. Memberships
// are lost.
func (ps *PubSub) Stop(ctx context.Context) error {
	if err := ps.node.StopProcess(ctx, ps.sup, actor.Shutdown); err != nil {
		return fmt.Errorf("pubsub: stop: %w", err)
	}
	return nil
}

// Node returns the node pubsub runs on.
func (ps *PubSub) Node() *actor.Node { return ps.node }

// Scope returns the pg scope that holds the channels.
func (ps *PubSub) Scope() *pg.Scope { return ps.scope }

// Supervisor returns the PID of pubsub's supervisor.
func (ps *PubSub) Supervisor() actor.PID { return ps.sup }
