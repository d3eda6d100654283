// Fanout measures gotp's pub/sub fan-out against a plain-Go baseline and,
// when Erlang is installed, against Erlang/OTP's pg, in one run:
//
//	go run ./examples/fanout            # default sizes, ~2 minutes
//	go run ./examples/fanout -quick     # smaller sizes, well under a minute
//	go run ./examples/fanout -big       # adds 1,000,000 subscribers (W1, W2)
//	go run ./examples/fanout -reps 3    # 3 processes per cell, interleaved; medians
//
// It prints a markdown table on stdout: for each workload the gotp value,
// the baseline's, the ratio gotp/baseline, Erlang's, and the goal gotp is
// held to, with ✅/❌. Progress goes to stderr.
//
// Workloads (the same as the shared pg baselines, shared/bench/baselines):
//
//	W1  spawn N subscribers that each join "posts"; time until all joined and
//	    the group has N members; live memory per subscriber (HeapAlloc +
//	    StackInuse after GC, delta / N), membership included. gotp
//	    subscribers join in Init; the "batch join" rows join them from the
//	    spawner with Scope().Join of many PIDs per call.
//	W2  one publisher, M broadcasts to a group of N: deliveries/s, median of
//	    3 rounds on the same subscribers.
//	W3  2×cores publishers, 100 groups of 100 members, K broadcasts each.
//	W4  kill all N members; time until the group is empty.
//	W5  one broadcast to 10k members: send → last delivery, p50/p99.
//
// Implementations:
//
//	gotp      actor.Node + pubsub: a process per subscriber, ps.Join in Init,
//	          ps.Broadcast, node.Exit(pid, actor.Kill).
//	baseline  plain Go: a goroutine per subscriber with a chan of 64, groups
//	          as slices under a sync.RWMutex; a broadcast copies the slice
//	          under RLock, then sends to each channel (blocking).
//	erlang    shared/bench/baselines/erlang/pgbench.erl (OTP pg), compiled
//	          into a temporary directory; see -erl-src. Skipped, with a note,
//	          when erl/erlc or the file is missing.
//
// Every subscriber counts its messages; on reaching its per-round target it
// decrements a shared atomic, and the one that reaches zero takes the end
// time, identically in all three. One message per broadcast (channel,
// sender, topic "new_post", 32-byte payload), shared by all receivers.
//
// Each (workload, implementation) runs in a fresh child process (this
// program re-executed with a hidden -child flag, printing METRIC lines), so
// no heap or GC state leaks between measurements; repetitions are
// interleaved. Every wait is bounded: a child that hangs is killed and its
// cell reads "timeout". -cpuprofile DIR writes a CPU profile of the measured
// phase of every Go child into DIR.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"runtime"
	"strings"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == childFlag {
		os.Exit(childMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(orchestrate(os.Args[1:]))
}

// orchestrate is the parent: it runs every row for every implementation in
// child processes and prints the table.
func orchestrate(args []string) int {
	fs := flag.NewFlagSet("fanout", flag.ContinueOnError)
	var o options
	fs.BoolVar(&o.quick, "quick", false, "smaller sizes (W1/W2/W4 at ≤10k, W3 K=1000, W5 20 reps)")
	fs.BoolVar(&o.big, "big", false, "add 1,000,000 subscribers (W1 N=1M, W2 N=1M M=1)")
	fs.BoolVar(&o.erlSlow, "erl-slow", false, "also run Erlang W4 at N=100k (pg is O(N²) there: minutes)")
	fs.IntVar(&o.rounds, "rounds", 3, "measured rounds inside each W2/W3 process (median)")
	fs.IntVar(&o.spawners, "spawners", 16, "gotp: goroutines spawning subscribers concurrently")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "limit per child process (a hung child is killed: \"timeout\")")
	reps := fs.Int("reps", 1, "child processes per cell, interleaved (the table shows medians)")
	only := fs.String("only", "", "regexp: only rows whose label matches")
	impls := fs.String("impls", "gotp,baseline,erlang", "implementations to run, comma-separated")
	erlSrc := fs.String("erl-src", "../shared/bench/baselines/erlang/pgbench.erl",
		"pgbench.erl; a relative path is relative to the repository root")
	cpuprofile := fs.String("cpuprofile", "", "directory for one CPU profile per Go child (measured phase)")
	warmup := fs.Bool("warmup", true, "run one discarded child first (this VM runs the first seconds slower)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *reps < 1 || o.rounds < 1 {
		fmt.Fprintln(os.Stderr, "fanout: -reps and -rounds must be ≥ 1")
		return 2
	}
	var onlyRE *regexp.Regexp
	if *only != "" {
		var err error
		if onlyRE, err = regexp.Compile(*only); err != nil {
			fmt.Fprintln(os.Stderr, "fanout: -only:", err)
			return 2
		}
	}
	var rows []row
	for _, r := range plan(o) {
		if onlyRE == nil || onlyRE.MatchString(r.label) {
			rows = append(rows, r)
		}
	}
	names := strings.Split(*impls, ",")
	for _, n := range names {
		if n != "gotp" && n != "baseline" && n != "erlang" {
			fmt.Fprintf(os.Stderr, "fanout: unknown implementation %q\n", n)
			return 2
		}
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "fanout:", err)
		return 1
	}
	if *cpuprofile != "" {
		if err := os.MkdirAll(*cpuprofile, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "fanout:", err)
			return 1
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	run := &runner{exe: exe, timeout: o.timeout, profDir: *cpuprofile, log: os.Stderr}
	res := newResults(rows, names)
	if contains(names, "erlang") {
		run.erl, res.erlNote = setupErlang(resolveErlSrc(*erlSrc))
		if run.erl != nil {
			defer run.erl.cleanup()
		}
	}
	if *warmup {
		fmt.Fprintln(os.Stderr, "warm-up (discarded)...")
		w := params{W: "W2", N: 10000, M: 100, Rounds: 3, Join: "self", Spawners: o.spawners, Timeout: o.timeout}
		_, _ = run.goChild(ctx, w, "baseline", "")
	}
	start := time.Now()
	for rep := 1; rep <= *reps && ctx.Err() == nil; rep++ {
		fmt.Fprintf(os.Stderr, "repetition %d/%d\n", rep, *reps)
		for i, r := range rows {
			for _, impl := range names {
				if ctx.Err() != nil {
					break
				}
				run.cell(ctx, res, i, r, impl, rep)
			}
		}
	}
	header(os.Stdout, args, *reps, o, run.erl, time.Since(start))
	printTable(os.Stdout, res)
	if ctx.Err() != nil {
		fmt.Println("\nInterrupted: the table is partial.")
		return 1
	}
	return 0
}

// header prints how the table was made.
func header(w io.Writer, args []string, reps int, o options, erl *erlang, el time.Duration) {
	fmt.Fprintln(w)
	fmt.Fprintf(w, "command:    go run ./examples/fanout %s\n", strings.Join(args, " "))
	fmt.Fprintf(w, "go:         %s %s/%s, GOMAXPROCS=%d, NumCPU=%d, GOGC=%s\n", runtime.Version(),
		runtime.GOOS, runtime.GOARCH, runtime.GOMAXPROCS(0), runtime.NumCPU(), envOr("GOGC", "default"))
	if erl != nil {
		fmt.Fprintf(w, "erlang:     %s\n", erl.version)
	}
	fmt.Fprintf(w, "method:     %d process(es) per cell, interleaved, median; W2/W3: median of %d rounds per process; gotp spawners=%d\n",
		reps, o.rounds, o.spawners)
	fmt.Fprintf(w, "elapsed:    %s; load average at the end: %s\n\n", el.Round(time.Second), loadavg())
}

// loadavg is the first three fields of /proc/loadavg: other work on the
// machine skews every column.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "n/a"
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
