package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// small runs each workload at tiny sizes.
func small(w string) params {
	return params{W: w, N: 100, M: 20, Rounds: 2, P: 2, Groups: 10, GSize: 10, K: 50,
		Warmup: 1, Reps: 3, Join: "self", Spawners: 4, Timeout: 10 * time.Second}
}

var want = map[string][]string{
	"W1": {"w1_ms", "w1_live_b", "w1_rss_b"},
	"W2": {"dps", "dps_round1", "w2_pub_ms", "alloc_b"},
	"W3": {"dps", "dps_round1"},
	"W4": {"w4_ms", "w4_kill_ms"},
	"W5": {"p50_us", "p99_us", "alloc_b"},
}

func TestWorkloadsInProcess(t *testing.T) {
	for _, impl := range []string{"gotp", "baseline"} {
		for _, w := range []string{"W1", "W2", "W3", "W4", "W5"} {
			t.Run(impl+"/"+w, func(t *testing.T) {
				ms, err := runImpl(impl, small(w), "")
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, m := range ms {
					if m.Value < 0 && m.Name != "w1_live_b" && m.Name != "w1_rss_b" {
						t.Errorf("%s = %v", m.Name, m.Value)
					}
					got[m.Name] = true
				}
				for _, name := range want[w] {
					if !got[name] {
						t.Errorf("metric %s missing from %v", name, ms)
					}
				}
			})
		}
	}
}

func TestBatchJoin(t *testing.T) {
	pr := small("W1")
	pr.Join = "batch"
	ms, err := runImpl("gotp", pr, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Flag != "batch" {
		t.Fatalf("metrics %v, want the batch flag", ms)
	}
}

// TestChildProtocol runs a child in-process and reads its METRIC lines back
// the way the orchestrator does.
func TestChildProtocol(t *testing.T) {
	var out, errb bytes.Buffer
	args := childArgs(small("W2"), "baseline", "")[1:]
	if code := childMain(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	ms, err := parseMetrics(&out)
	if err != nil || len(ms) != 4 || ms[0].Name != "dps" || ms[0].Value <= 0 {
		t.Fatalf("parsed %v, %v from %q", ms, err, out.String())
	}
}

func TestTable(t *testing.T) {
	rows := plan(options{quick: true, rounds: 3, spawners: 4, timeout: time.Minute})
	res := newResults(rows, []string{"gotp", "baseline", "erlang"})
	res.erlNote = "erl/erlc not installed"
	for i, r := range rows {
		if r.pr.W == "W2" {
			res.add(i, "gotp", []metric{{"dps", 12e6, ""}})
			res.add(i, "baseline", []metric{{"dps", 20e6, ""}})
		}
		if r.pr.W == "W5" {
			res.add(i, "gotp", []metric{{"p50_us", 1000, ""}, {"p99_us", 5000, ""}})
			res.fail(i, "baseline", errTimeout)
		}
	}
	var b bytes.Buffer
	printTable(&b, res)
	s := b.String()
	for _, sub := range []string{"| 12.00 |", "0.60×", "✅ (erlang n/a)", "❌ ≤ 3000", "timeout", "Erlang column skipped"} {
		if !strings.Contains(s, sub) {
			t.Errorf("table lacks %q:\n%s", sub, s)
		}
	}
}
