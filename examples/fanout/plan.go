package main

import (
	"fmt"
	"runtime"
	"strconv"
	"time"
)

// row is one configuration of the table: the same workload and sizes for
// every implementation.
type row struct {
	label string
	pr    params   // sizes given to the gotp and baseline children
	erl   []string // arguments of `pgbench main` on the Erlang side
	erlNA string   // why the Erlang column is skipped (when erl is nil)
}

// options are the orchestrator's flags that shape the plan.
type options struct {
	quick, big, erlSlow bool
	rounds, spawners    int
	timeout             time.Duration
}

// plan lists the rows to run, in table order.
func plan(o options) []row {
	R := o.rounds
	base := params{Rounds: R, Join: "self", Spawners: o.spawners, Timeout: o.timeout}
	with := func(f func(*params)) params { p := base; f(&p); return p }
	var rows []row
	add := func(label string, pr params, erl ...string) {
		rows = append(rows, row{label: label, pr: pr, erl: erl})
	}
	addNA := func(label string, pr params, why string) {
		rows = append(rows, row{label: label, pr: pr, erlNA: why})
	}
	w1 := func(n int, join string) params {
		return with(func(p *params) { p.W, p.N, p.Join = "W1", n, join })
	}
	w2 := func(n, m int) (params, []string) {
		return with(func(p *params) { p.W, p.N, p.M = "W2", n, m }), []string{"W2", itoa(n), itoa(m), itoa(R), "auto"}
	}
	w4 := func(n int) params { return with(func(p *params) { p.W, p.N = "W4", n }) }

	P, K, reps, warm := 2*runtime.NumCPU(), 2500, 50, 5
	if o.quick {
		K, reps, warm = 1000, 20, 3
	}
	w3 := with(func(p *params) { p.W, p.P, p.Groups, p.GSize, p.K = "W3", P, 100, 100, K })
	w5 := with(func(p *params) { p.W, p.N, p.Warmup, p.Reps = "W5", 10000, warm, reps })

	add("W1 spawn+join N=10k", w1(10000, "self"), "W1", "10000", "auto")
	add("W1 spawn+join N=10k, batch join", w1(10000, "batch"), "W1", "10000", "batch")
	if !o.quick {
		add("W1 spawn+join N=100k", w1(100000, "self"), "W1", "100000", "auto")
		add("W1 spawn+join N=100k, batch join", w1(100000, "batch"), "W1", "100000", "batch")
	}
	if o.big {
		add("W1 spawn+join N=1M", w1(1000000, "self"), "W1", "1000000", "auto")
		add("W1 spawn+join N=1M, batch join", w1(1000000, "batch"), "W1", "1000000", "batch")
	}
	pr, erl := w2(1000, 1000)
	add("W2 fan-out N=1k M=1k", pr, erl...)
	pr, erl = w2(10000, 100)
	add("W2 fan-out N=10k M=100", pr, erl...)
	if !o.quick {
		pr, erl = w2(100000, 10)
		add("W2 fan-out N=100k M=10", pr, erl...)
	}
	if o.big {
		pr, erl = w2(1000000, 1)
		add("W2 fan-out N=1M M=1", pr, erl...)
	}
	add(fmt.Sprintf("W3 P=%d pubs, 100 groups x 100, K=%d/pub", P, K), w3,
		"W3", itoa(P), "100", "100", itoa(K), itoa(R))
	add("W4 churn N=10k", w4(10000), "W4", "10000", "auto")
	if !o.quick {
		if o.erlSlow {
			add("W4 churn N=100k", w4(100000), "W4", "100000", "auto")
		} else {
			addNA("W4 churn N=100k", w4(100000), "pg removes each DOWN in O(N): minutes (-erl-slow runs it)")
		}
	}
	add(fmt.Sprintf("W5 latency N=10k (%d reps)", reps), w5, "W5", "10000", itoa(warm), itoa(reps), "auto")
	return rows
}

func itoa(n int) string { return strconv.Itoa(n) }

// A goal is what the issue asks of gotp for one metric of one row: every
// condition must hold.
type goal struct {
	text  string
	conds []cond
}

type condKind int

const (
	atLeast   condKind = iota // gotp ≥ v
	atMost                    // gotp ≤ v
	xBaseline                 // gotp / baseline ≥ v
	xErlang                   // gotp / erlang ≥ v
	completes                 // the gotp run succeeded
)

type cond struct {
	kind condKind
	v    float64
}

// goals maps a row's workload and sizes (and metric) to its goal.
func goalFor(r row, metric string) (goal, bool) {
	pr := r.pr
	fanout := func(min float64) goal {
		return goal{
			text:  fmt.Sprintf("≥ %g M/s, ≥ 5× erlang, ≥ 0.5× baseline", min/1e6),
			conds: []cond{{atLeast, min}, {xErlang, 5}, {xBaseline, 0.5}},
		}
	}
	switch {
	case pr.W == "W1" && metric == "w1_live_b" && pr.Join == "self":
		return goal{"≤ 1,500 B incl. membership (erlang 3.1 KB)", []cond{{atMost, 1500}}}, true
	case pr.W == "W1" && metric == "w1_ms" && pr.N >= 1000000 && pr.Join == "self":
		return goal{"1,000,000 subscribers on one node", []cond{{completes, 0}}}, true
	case pr.W == "W2" && metric == "dps" && (pr.N == 1000 || pr.N == 10000):
		return fanout(10e6), true
	case pr.W == "W2" && metric == "dps" && pr.N == 100000:
		return fanout(4e6), true
	case pr.W == "W3" && metric == "dps":
		return goal{"≥ 15 M/s", []cond{{atLeast, 15e6}}}, true
	case pr.W == "W5" && metric == "p99_us":
		return goal{"≤ 3 ms", []cond{{atMost, 3000}}}, true
	}
	return goal{}, false
}
