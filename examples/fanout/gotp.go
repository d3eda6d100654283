package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/pubsub"
)

// gotpImpl runs the workloads through gotp: one node, pubsub.Start on it,
// one process per subscriber. A subscriber joins its channel itself, in
// Init, with ps.Join (join "self"), or the spawner joins all of them with
// batched Scope().Join calls (join "batch"). Broadcast is ps.Broadcast from
// outside any process (zero sender PID); kill is node.Exit(pid, Kill).
type gotpImpl struct {
	ctx      context.Context
	node     *actor.Node
	ps       *pubsub.PubSub
	join     string
	spawners int
	timeout  time.Duration
	pids     []actor.PID
}

func newGotp(pr params) (*gotpImpl, error) {
	node, err := actor.NewNode()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pr.Timeout)
	defer cancel()
	ps, err := pubsub.Start(ctx, node)
	if err != nil {
		_ = node.Stop(context.Background())
		return nil, err
	}
	return &gotpImpl{
		ctx:      context.Background(),
		node:     node,
		ps:       ps,
		join:     pr.Join,
		spawners: max(pr.Spawners, 1),
		timeout:  pr.Timeout,
	}, nil
}

// subConfig is shared by every subscriber of one spawn call, so that a
// subscriber process itself holds only a pointer and its counter.
type subConfig struct {
	ps       *pubsub.PubSub
	group    string
	target   int
	selfJoin bool
	ctx      context.Context // bounds the self-joins of one spawn call
	done     *countdown
	joined   *countdown
}

type gotpSub struct {
	cfg   *subConfig
	count int
}

func (s *gotpSub) Init(p *actor.Process) error {
	c := s.cfg
	if !c.selfJoin {
		return nil
	}
	if err := c.ps.Join(c.ctx, p, c.group); err != nil {
		return err
	}
	c.joined.arrive()
	return nil
}

func (s *gotpSub) Receive(p *actor.Process, msg any) {
	if _, ok := msg.(pubsub.Message); ok {
		s.count++
		if s.count == s.cfg.target {
			s.count = 0
			s.cfg.done.arrive()
		}
	}
}

func (g *gotpImpl) spawn(group string, n, target int, done, joined *countdown) error {
	ctx, cancel := context.WithTimeout(g.ctx, g.timeout)
	defer cancel() // Spawn returns after Init: every self-join is done by then
	cfg := &subConfig{ps: g.ps, group: group, target: target, selfJoin: g.join != "batch",
		ctx: ctx, done: done, joined: joined}
	first := len(g.pids)
	g.pids = append(g.pids, make([]actor.PID, n)...)
	pids := g.pids[first:]
	// Spawn runs Init (and so a self-join) before it returns: spawn from a
	// few goroutines so that joins reach the scope concurrently, as the
	// subscribers of the baselines join concurrently.
	workers := min(g.spawners, max(n/64, 1))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				pid, err := g.node.Spawn(&gotpSub{cfg: cfg})
				if err != nil {
					errs[w] = fmt.Errorf("spawn: %w", err)
					return
				}
				pids[i] = pid
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	if cfg.selfJoin {
		return nil
	}
	// Batch join: chunks of max(1000, n/100) PIDs, as the Erlang side.
	chunk := max(1000, n/100)
	for i := 0; i < n; i += chunk {
		part := pids[i:min(i+chunk, n)]
		if err := g.ps.Scope().Join(ctx, group, part...); err != nil {
			return err
		}
		joined.arriveN(len(part))
	}
	return nil
}

func (g *gotpImpl) count(group string) int { return g.ps.Scope().Snapshot(group).Len() }

func (g *gotpImpl) killAll() {
	for _, pid := range g.pids {
		g.node.Exit(pid, actor.Kill)
	}
	g.pids = nil
}

func (g *gotpImpl) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	defer cancel()
	return g.node.Stop(ctx)
}

type gotpPub struct{ ps *pubsub.PubSub }

func (g *gotpImpl) newPublisher(int) publisher { return gotpPub{g.ps} }

func (p gotpPub) broadcast(group string) {
	p.ps.Broadcast(actor.PID{}, group, topic, payload)
}
