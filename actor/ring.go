package actor

// ring is a growable FIFO queue on a power-of-two circular buffer. It is not
// safe for concurrent use; its owner guards it.
type ring[T any] struct {
	buf  []T
	head int
	n    int
	keep bool // keep the buffer when drained (the run queue); mailboxes give it back
}

func (r *ring[T]) len() int { return r.n }

func (r *ring[T]) push(v T) {
	if r.n == len(r.buf) {
		r.grow()
	}
	r.buf[(r.head+r.n)&(len(r.buf)-1)] = v
	r.n++
}

func (r *ring[T]) pop() (T, bool) {
	var zero T
	if r.n == 0 {
		return zero, false
	}
	v := r.buf[r.head]
	r.buf[r.head] = zero
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.n--
	if r.n == 0 {
		r.head = 0
		if len(r.buf) > 256 && !r.keep {
			r.buf = nil // give a large burst's memory back once drained
		}
	}
	return v, true
}

func (r *ring[T]) grow() {
	size := len(r.buf) * 2
	if size == 0 {
		size = 4
	}
	buf := make([]T, size)
	for i := 0; i < r.n; i++ {
		buf[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
	}
	r.buf, r.head = buf, 0
}

// removeIf deletes every element for which drop returns true, keeping order.
func (r *ring[T]) removeIf(drop func(T) bool) int {
	removed := 0
	kept := 0
	var zero T
	for i := 0; i < r.n; i++ {
		v := r.buf[(r.head+i)&(len(r.buf)-1)]
		if drop(v) {
			removed++
			continue
		}
		r.buf[(r.head+kept)&(len(r.buf)-1)] = v
		kept++
	}
	for i := kept; i < r.n; i++ {
		r.buf[(r.head+i)&(len(r.buf)-1)] = zero
	}
	r.n = kept
	return removed
}

func (r *ring[T]) clear() {
	r.buf, r.head, r.n = nil, 0, 0
}
