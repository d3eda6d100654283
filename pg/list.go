package pg

import "github.com/gotp/gotp/actor"

// chunkLen is the number of PIDs per full chunk (16 bytes each: 2 KiB).
const chunkLen = 128

// chunk holds member PIDs: chunkLen of them, except the first chunk of a
// list, which starts small and doubles (so a small group costs little). Readers read pids[:visible]
// through a published members value; the writer (the scope process) only
// writes slots that no published value has ever shown (copying the chunk
// otherwise), so readers never race with it.
type chunk struct {
	pids []actor.PID // len == cap; never re-sliced once published

	// Writer-only fields; readers never touch them.
	idx     int    // index of the chunk in its list
	epoch   uint64 // list epoch in which the chunk was made: writable anywhere while current
	touched uint64 // last epoch in which a slot was written in place
	hwm     int    // number of leading slots some published value has shown
}

// members is an immutable, published list of member PIDs: the first n
// slots of chunks. Any number of goroutines may read it.
type members struct {
	chunks []*chunk
	n      int
}

// forEach calls fn for each PID until fn returns false; it reports whether
// the iteration ran to the end.
func (m *members) forEach(fn func(actor.PID) bool) bool {
	rest := m.n
	for _, c := range m.chunks {
		k := min(rest, len(c.pids))
		for _, pid := range c.pids[:k] {
			if !fn(pid) {
				return false
			}
		}
		rest -= k
		if rest == 0 {
			break
		}
	}
	return true
}

// forEachChunk calls fn with each run of PIDs (at most chunkLen long) until
// fn returns false. The slices are shared and immutable: fn must not keep
// or modify them.
func (m *members) forEachChunk(fn func([]actor.PID) bool) {
	rest := m.n
	for _, c := range m.chunks {
		k := min(rest, len(c.pids))
		if k > 0 && !fn(c.pids[:k:k]) {
			return
		}
		rest -= k
		if rest == 0 {
			return
		}
	}
}

// appendTo appends the PIDs to dst.
func (m *members) appendTo(dst []actor.PID) []actor.PID {
	rest := m.n
	for _, c := range m.chunks {
		k := min(rest, len(c.pids))
		dst = append(dst, c.pids[:k]...)
		rest -= k
		if rest == 0 {
			break
		}
	}
	return dst
}

func (m *members) len() int { return m.n }

// entry is one membership: one join of pid to one group by one contributor
// (this node or a peer scope). It knows its position in the list, so a
// membership is removed in O(1).
type entry struct {
	pid  actor.PID
	list *list
	pos  int
}

// list is the writer side of one contributor's members of one group. Only
// the scope process uses it. Adding and removing are O(1) amortised; a
// removal swaps the last member into the hole. publish returns an
// immutable members value sharing every chunk that did not change since the
// previous publish, so publishing after a batch of changes costs
// O(changed chunks + members/chunkLen), never O(members) per change.
type list struct {
	group *group
	peer  *peer // nil for this node's own members

	chunks    []*chunk
	n         int
	owners    []*entry // owners[i] occupies position i
	epoch     uint64
	chunksHWM int      // length of chunks any published value has shown (same backing array)
	fresh     []*chunk // chunks made or written in place this epoch
	pub       members  // last published value
	published bool
	dirty     bool
}

func newList(g *group, p *peer) *list { return &list{group: g, peer: p, epoch: 1} }

// writable returns the chunk at ci, copied first if slot si has been shown.
func (l *list) writable(ci, si int) *chunk {
	c := l.chunks[ci]
	if c.epoch == l.epoch {
		return c
	}
	if si >= c.hwm {
		if c.touched != l.epoch {
			c.touched = l.epoch
			l.fresh = append(l.fresh, c)
		}
		return c
	}
	return l.replace(ci, len(c.pids))
}

// replace puts a private copy of chunk ci, with room for size PIDs, in
// place of it.
func (l *list) replace(ci, size int) *chunk {
	c := l.chunks[ci]
	nc := &chunk{pids: make([]actor.PID, size), idx: ci, epoch: l.epoch}
	copy(nc.pids, c.pids)
	if ci < l.chunksHWM {
		l.cloneChunks(len(l.chunks))
	}
	l.chunks[ci] = nc
	l.fresh = append(l.fresh, nc)
	return nc
}

// cloneChunks gives the list a private chunk-pointer array.
func (l *list) cloneChunks(capacity int) {
	nc := make([]*chunk, len(l.chunks), max(capacity, 4))
	copy(nc, l.chunks)
	l.chunks = nc
	l.chunksHWM = 0
}

func (l *list) add(e *entry) {
	pos := l.n
	ci, si := pos/chunkLen, pos%chunkLen
	if ci == len(l.chunks) {
		if len(l.chunks) < l.chunksHWM || len(l.chunks) == cap(l.chunks) {
			l.cloneChunks(2*len(l.chunks) + 1)
		}
		size := 1 // a small group costs little; past the first chunk, groups are big
		if ci > 0 {
			size = chunkLen
		}
		c := &chunk{pids: make([]actor.PID, size), idx: ci, epoch: l.epoch}
		l.chunks = append(l.chunks, c)
		l.fresh = append(l.fresh, c)
	} else if si == len(l.chunks[ci].pids) {
		l.replace(ci, min(2*si, chunkLen))
	}
	l.writable(ci, si).pids[si] = e.pid
	e.list, e.pos = l, pos
	l.owners = append(l.owners, e)
	l.n++
	l.markDirty()
}

func (l *list) remove(e *entry) {
	last := l.n - 1
	if pos := e.pos; pos != last {
		moved := l.owners[last]
		l.writable(pos/chunkLen, pos%chunkLen).pids[pos%chunkLen] = moved.pid
		l.owners[pos] = moved
		moved.pos = pos
	}
	l.owners[last] = nil
	l.owners = l.owners[:last]
	l.n = last
	if need := (l.n + chunkLen - 1) / chunkLen; need < len(l.chunks) {
		l.chunks = l.chunks[:need]
	}
	e.list = nil
	l.markDirty()
}

func (l *list) markDirty() {
	if !l.dirty {
		l.dirty = true
		l.group.markDirty()
	}
}

// publish returns the current members as an immutable value.
func (l *list) publish() members {
	if !l.dirty && l.published {
		return l.pub
	}
	for _, c := range l.fresh {
		if vis := min(max(l.n-c.idx*chunkLen, 0), chunkLen); vis > c.hwm {
			c.hwm = vis
		}
	}
	clear(l.fresh)
	l.fresh = l.fresh[:0]
	l.epoch++
	l.chunksHWM = max(l.chunksHWM, len(l.chunks))
	l.pub = members{chunks: l.chunks[:len(l.chunks):len(l.chunks)], n: l.n}
	l.dirty, l.published = false, true
	return l.pub
}

// pids returns a fresh copy of the current members.
func (l *list) pids() []actor.PID {
	out := make([]actor.PID, l.n)
	for i, e := range l.owners {
		out[i] = e.pid
	}
	return out
}
