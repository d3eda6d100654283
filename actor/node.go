package actor

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"

	pa "github.com/asynkron/protoactor-go/actor"
)

var nodeCounter atomic.Uint64

// Node is a set of processes sharing one scheduler, one name registry and one
// protoactor ActorSystem (used for interop and, later, for remote nodes).
//
// All methods of a Node may be called concurrently from any goroutine.
type Node struct {
	name   string
	logger *slog.Logger
	sched  *scheduler
	system *pa.ActorSystem
	procs  procTable
	names  registry
	timers timerTable
	// protoWatches maps protoactor watchers of this node's processes to
	// the monitors standing for them.
	protoWatches protoWatchTable
	nextID       atomic.Uint64
	stopped      atomic.Bool
	stopMu       sync.Mutex
}

// NewNode starts a node. It is quiet by default: see WithLogger.
func NewNode(opts ...Option) (*Node, error) {
	cfg := defaultNodeConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.name == "" {
		cfg.name = fmt.Sprintf("n%d", nodeCounter.Add(1))
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	n := &Node{name: cfg.name, logger: cfg.logger}
	n.procs.init()
	n.names.init()
	n.timers.init()
	n.protoWatches.init()
	logger := cfg.logger
	n.system = pa.NewActorSystem(
		pa.WithLoggerFactory(func(*pa.ActorSystem) *slog.Logger { return logger }),
		pa.WithDeadLetterThrottleCount(0),
	)
	n.sched = newScheduler(cfg.workers, cfg.throughput, cfg.stuckAfter)
	return n, nil
}

// Name returns the node's name.
func (n *Node) Name() string { return n.name }

// Logger returns the node's logger.
func (n *Node) Logger() *slog.Logger { return n.logger }

// ActorSystem returns the protoactor ActorSystem under the node, for interop
// with plain protoactor actors.
func (n *Node) ActorSystem() *pa.ActorSystem { return n.system }

// Stop ends every process and the node's goroutines. Processes spawned from
// the node are sent an exit signal Shutdown from their parent (so those that
// trap exits run Terminate, and supervisors stop their trees in order); once
// they have ended, or ctx is done, every remaining process is killed. Stop
// returns ctx's error if processes were still running when ctx ended: a
// callback that never returns cannot be forced to (Go cannot kill a
// goroutine), so it is reported instead.
func (n *Node) Stop(ctx context.Context) error {
	n.stopMu.Lock()
	defer n.stopMu.Unlock()
	if n.stopped.Swap(true) {
		return nil
	}
	top := n.procs.snapshot(func(p *Process) bool { return p.parent.IsZero() })
	slices.Reverse(top)
	var err error
	if len(top) > 0 {
		downs := make(chan Down, len(top))
		sink := chanSink(downs)
		for _, p := range top {
			if !p.addMonitor(newRef(), sink) {
				downs <- Down{}
			}
		}
		for _, p := range top {
			p.signalExit(PID{}, Shutdown, false)
		}
		for range top {
			select {
			case <-downs:
			case <-ctx.Done():
				err = ctx.Err()
			}
			if err != nil {
				break
			}
		}
	}
	for _, p := range n.procs.snapshot(nil) {
		p.finish(Killed)
	}
	n.timers.stopAll()
	n.system.Shutdown()
	select {
	case <-n.sched.stop():
	case <-ctx.Done():
		if err == nil {
			err = fmt.Errorf("actor: node stop: callbacks still running: %w", ctx.Err())
		}
	}
	return err
}

// chanSink delivers Downs to a channel without blocking; the channel must
// have room for every Down it can receive.
type chanSink chan Down

func (c chanSink) deliverDown(d Down) {
	select {
	case c <- d:
	default:
	}
}

// procTable holds the live processes of a node, for Stop and
// ProcessCount: an intrusive doubly linked list in spawn order, so adding
// and removing cost O(1) with no hashing (a mass death of 100,000
// processes spends its time telling their monitors, not here).
type procTable struct {
	mu         sync.Mutex
	head, tail *Process
	n          int
}

func (t *procTable) init() {}

func (t *procTable) add(p *Process) {
	t.mu.Lock()
	p.prev, p.next = t.tail, nil
	if t.tail != nil {
		t.tail.next = p
	} else {
		t.head = p
	}
	t.tail = p
	t.n++
	p.listed = true
	t.mu.Unlock()
}

func (t *procTable) remove(p *Process) {
	t.mu.Lock()
	if p.listed {
		if p.prev != nil {
			p.prev.next = p.next
		} else {
			t.head = p.next
		}
		if p.next != nil {
			p.next.prev = p.prev
		} else {
			t.tail = p.prev
		}
		p.prev, p.next, p.listed = nil, nil, false
		t.n--
	}
	t.mu.Unlock()
}

func (t *procTable) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// snapshot returns the processes accepted by keep (all if nil), in spawn order.
func (t *procTable) snapshot(keep func(*Process) bool) []*Process {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]*Process, 0, t.n)
	for p := t.head; p != nil; p = p.next {
		if keep == nil || keep(p) {
			out = append(out, p)
		}
	}
	return out
}
