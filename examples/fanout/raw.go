package main

import "sync"

// rawMsg is the baseline's broadcast message; one is allocated per
// broadcast and shared by pointer, as gotp shares one pubsub.Message.
type rawMsg struct {
	Channel string
	Sender  int
	Topic   string
	Payload any
}

// rawImpl is the plain-Go baseline (the shape of raw.go in the shared
// baselines): one goroutine per subscriber reading a buffered channel of
// 64; a group is a slice of subscribers under a sync.RWMutex; a broadcast
// copies the slice under RLock into a reused buffer, then does a blocking
// channel send to each. Kill is a nil sentinel: the goroutine removes
// itself from its group and returns (it stands in for a monitor).
type rawImpl struct {
	mu      sync.RWMutex
	groups  map[string][]*rawSub
	all     []*rawSub
	chanCap int
	wg      sync.WaitGroup
}

type rawSub struct {
	ch    chan *rawMsg
	group string
	idx   int // position in the group's slice (guarded by rawImpl.mu)
}

func newRaw() *rawImpl { return &rawImpl{groups: map[string][]*rawSub{}, chanCap: 64} }

func (r *rawImpl) spawn(group string, n, target int, done, joined *countdown) error {
	for range n {
		s := &rawSub{ch: make(chan *rawMsg, r.chanCap), group: group}
		r.all = append(r.all, s)
		r.wg.Add(1)
		go r.loop(s, target, done, joined)
	}
	return nil
}

func (r *rawImpl) loop(s *rawSub, target int, done, joined *countdown) {
	defer r.wg.Done()
	r.mu.Lock()
	s.idx = len(r.groups[s.group])
	r.groups[s.group] = append(r.groups[s.group], s)
	r.mu.Unlock()
	joined.arrive()
	count := 0
	for m := range s.ch {
		if m == nil { // killed
			r.leave(s)
			return
		}
		count++
		if count == target {
			count = 0
			done.arrive()
		}
	}
}

func (r *rawImpl) leave(s *rawSub) {
	r.mu.Lock()
	ms := r.groups[s.group]
	last := len(ms) - 1
	ms[s.idx] = ms[last]
	ms[s.idx].idx = s.idx
	ms[last] = nil
	r.groups[s.group] = ms[:last]
	r.mu.Unlock()
}

func (r *rawImpl) count(group string) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.groups[group])
}

func (r *rawImpl) killAll() {
	for _, s := range r.all {
		s.ch <- nil
	}
	r.all = nil
}

// close ends every subscriber goroutine still running and waits for them.
func (r *rawImpl) close() error {
	r.killAll()
	r.wg.Wait()
	return nil
}

type rawPub struct {
	r   *rawImpl
	id  int
	buf []*rawSub
}

func (r *rawImpl) newPublisher(id int) publisher { return &rawPub{r: r, id: id} }

func (p *rawPub) broadcast(group string) {
	msg := &rawMsg{Channel: group, Sender: p.id, Topic: topic, Payload: payload}
	p.r.mu.RLock()
	p.buf = append(p.buf[:0], p.r.groups[group]...)
	p.r.mu.RUnlock()
	for _, s := range p.buf {
		s.ch <- msg
	}
}
