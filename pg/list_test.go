package pg

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gotp/gotp/actor"
)

// TestList_SnapshotsNeverChange drives a list with random adds, removes and
// publications and checks that every published value keeps showing what it
// showed when published, and that the list matches a model.
func TestList_SnapshotsNeverChange(t *testing.T) {
	node, err := actor.NewNode()
	if err != nil {
		t.Fatal(err)
	}
	defer node.Stop(t.Context())
	pids := make([]actor.PID, 50)
	for i := range pids {
		pids[i], _ = node.Spawn(actor.ReceiveFunc(func(*actor.Process, any) {}))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		l := newList(&group{srv: &server{}}, nil)
		var model []*entry
		type shot struct {
			m    members
			want []actor.PID
		}
		var shots []shot
		for step := range 3000 {
			switch r := rng.IntN(100); {
			case r < 55 || len(model) == 0:
				e := &entry{pid: pids[rng.IntN(len(pids))]}
				l.add(e)
				model = append(model, e)
			case r < 95:
				i := rng.IntN(len(model))
				l.remove(model[i])
				model = slices.Delete(model, i, i+1)
			default:
				m := l.publish()
				shots = append(shots, shot{m, m.appendTo(nil)})
			}
			if step%500 == 0 && round%2 == 0 {
				for len(model) > 0 { // drain sometimes, to shrink and regrow
					l.remove(model[len(model)-1])
					model = model[:len(model)-1]
				}
			}
		}
		m := l.publish()
		got := m.appendTo(nil)
		var want []actor.PID
		for _, e := range model {
			want = append(want, e.pid)
		}
		cmp := func(a, b actor.PID) int { return compareStr(a.String(), b.String()) }
		slices.SortFunc(got, cmp)
		slices.SortFunc(want, cmp)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: list has %d members, model %d", round, len(got), len(want))
		}
		for i, s := range shots {
			if now := s.m.appendTo(nil); !slices.Equal(now, s.want) {
				t.Fatalf("round %d: snapshot %d changed after publication", round, i)
			}
		}
		for i, e := range l.owners {
			if e.pos != i || e.list != l {
				t.Fatalf("round %d: owner %d has pos %d", round, i, e.pos)
			}
		}
	}
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
