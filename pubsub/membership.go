package pubsub

import (
	"context"
	"fmt"

	"github.com/gotp/gotp/actor"
)

// Join makes the calling process p a member of channel (nova_pubsub:join/1).
// Call it from p's own callbacks (Init, Receive, ...): while it waits for
// the scope, p's worker serves other processes. Joining twice delivers every
// broadcast twice, and needs two Leaves. When p ends, it leaves every
// channel by itself.
func (ps *PubSub) Join(ctx context.Context, p *actor.Process, channel string) error {
	if err := ps.scope.Via(p).Join(ctx, channel, p.Self()); err != nil {
		return fmt.Errorf("pubsub: join: %w", err)
	}
	return nil
}

// JoinPID makes pid a member of channel (nova_pubsub:join/2). pid must be a
// process of this node.
func (ps *PubSub) JoinPID(ctx context.Context, pid actor.PID, channel string) error {
	if err := ps.scope.Join(ctx, channel, pid); err != nil {
		return fmt.Errorf("pubsub: join: %w", err)
	}
	return nil
}

// Leave removes one membership of the calling process p from channel
// (nova_pubsub:leave/1). It returns an error matching pg.ErrNotJoined when p
// was not a member (Nova's not_joined).
func (ps *PubSub) Leave(ctx context.Context, p *actor.Process, channel string) error {
	if err := ps.scope.Via(p).Leave(ctx, channel, p.Self()); err != nil {
		return fmt.Errorf("pubsub: leave: %w", err)
	}
	return nil
}

// LeavePID removes one membership of pid from channel (nova_pubsub:leave/2).
func (ps *PubSub) LeavePID(ctx context.Context, pid actor.PID, channel string) error {
	if err := ps.scope.Leave(ctx, channel, pid); err != nil {
		return fmt.Errorf("pubsub: leave: %w", err)
	}
	return nil
}

// Members returns the members of channel on every node
// (nova_pubsub:get_members/1); a process joined twice appears twice. An
// unknown channel has no members.
func (ps *PubSub) Members(channel string) []actor.PID { return ps.scope.Members(channel) }

// LocalMembers returns the members of channel on this node
// (nova_pubsub:get_local_members/1).
func (ps *PubSub) LocalMembers(channel string) []actor.PID { return ps.scope.LocalMembers(channel) }
