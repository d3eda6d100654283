package actor

import (
	"log/slog"
	"runtime"
	"time"
)

// Option configures a Node.
type Option func(*nodeConfig)

type nodeConfig struct {
	name       string
	logger     *slog.Logger
	workers    int
	throughput int
	stuckAfter time.Duration
}

func defaultNodeConfig() nodeConfig {
	return nodeConfig{
		workers:    runtime.GOMAXPROCS(0),
		throughput: 64,
		stuckAfter: 10 * time.Millisecond,
	}
}

// WithLogger sets the logger for the node and its processes. The default
// discards everything: gotp is silent unless asked.
func WithLogger(l *slog.Logger) Option { return func(c *nodeConfig) { c.logger = l } }

// WithName sets the node's name, used when PIDs are printed. The default is
// "n" followed by a number unique in the program.
func WithName(name string) Option { return func(c *nodeConfig) { c.name = name } }

// WithWorkers sets how many worker goroutines run processes at once (not
// counting workers blocked in calls). The default is GOMAXPROCS.
func WithWorkers(n int) Option {
	return func(c *nodeConfig) {
		if n > 0 {
			c.workers = n
		}
	}
}

// WithThroughput sets how many messages a process handles before it yields
// its worker to other processes. The default is 64.
func WithThroughput(n int) Option {
	return func(c *nodeConfig) {
		if n > 0 {
			c.throughput = n
		}
	}
}

// WithStuckAfter sets how long a callback may run before the scheduler
// assumes it blocks and adds a worker while work is waiting. Default 10ms.
func WithStuckAfter(d time.Duration) Option {
	return func(c *nodeConfig) {
		if d > 0 {
			c.stuckAfter = d
		}
	}
}

// OverflowPolicy says what a bounded mailbox does with a message that
// arrives when it is full. Senders never block.
type OverflowPolicy int

const (
	// OverflowExit ends the process at once with reason MailboxOverflow, as
	// Kill does (Terminate does not run): its links and monitors see that
	// reason, and pg drops it from its groups, even while it is stuck in a
	// callback.
	OverflowExit OverflowPolicy = iota
	// OverflowDrop drops the new message and counts it (ProcessInfo.Dropped).
	// A dropped Call fails at once with ErrMailboxFull.
	OverflowDrop
)

// SpawnOption configures one spawn.
type SpawnOption func(*spawnConfig)

type spawnConfig struct {
	name     string
	limit    int
	overflow OverflowPolicy
}

// WithRegisteredName registers the new process under name before Init runs.
// If the name is taken, the spawn fails with an error matching ErrNameTaken
// and Init does not run.
func WithRegisteredName(name string) SpawnOption {
	return func(c *spawnConfig) { c.name = name }
}

// WithMailboxLimit bounds the mailbox to n queued messages with the given
// overflow policy. Exit signals turned into ExitMsg and monitor Downs are
// always delivered and do not count against the limit.
func WithMailboxLimit(n int, policy OverflowPolicy) SpawnOption {
	return func(c *spawnConfig) { c.limit, c.overflow = n, policy }
}
