package actor

// monitorSet holds the monitors others have on a process. Most processes
// are monitored once (by pg, by a supervisor) or not at all, so the first
// monitor is kept inline and a map is made only for the second.
type monitorSet struct {
	ref  Ref
	sink downSink
	more map[Ref]downSink
}

func (s *monitorSet) add(ref Ref, sink downSink) {
	if s.sink == nil {
		s.ref, s.sink = ref, sink
		return
	}
	if s.more == nil {
		s.more = make(map[Ref]downSink)
	}
	s.more[ref] = sink
}

func (s *monitorSet) remove(ref Ref) {
	if s.sink != nil && s.ref == ref {
		s.ref, s.sink = Ref{}, nil
		return
	}
	delete(s.more, ref)
}

func (s *monitorSet) len() int {
	n := len(s.more)
	if s.sink != nil {
		n++
	}
	return n
}

// each calls fn for every monitor.
func (s *monitorSet) each(fn func(Ref, downSink)) {
	if s.sink != nil {
		fn(s.ref, s.sink)
	}
	for ref, sink := range s.more {
		fn(ref, sink)
	}
}
