package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"time"
)

// childFlag, as the first argument, makes the program a child: it runs one
// workload on one implementation and prints "METRIC name value flag" lines.
const childFlag = "-child"

// childArgs are the arguments that make a child run pr on impl.
func childArgs(pr params, impl, cpuprofile string) []string {
	a := []string{childFlag,
		"-impl", impl, "-w", pr.W,
		"-n", itoa(pr.N), "-m", itoa(pr.M), "-rounds", itoa(pr.Rounds),
		"-p", itoa(pr.P), "-groups", itoa(pr.Groups), "-gsize", itoa(pr.GSize), "-k", itoa(pr.K),
		"-warmup", itoa(pr.Warmup), "-samples", itoa(pr.Reps),
		"-join", pr.Join, "-spawners", itoa(pr.Spawners), "-timeout", pr.Timeout.String(),
	}
	if cpuprofile != "" {
		a = append(a, "-cpuprofile", cpuprofile)
	}
	return a
}

// childMain runs one workload and returns the exit code.
func childMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fanout -child", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var pr params
	implName := fs.String("impl", "gotp", "gotp | baseline")
	fs.StringVar(&pr.W, "w", "W2", "workload W1..W5")
	fs.IntVar(&pr.N, "n", 1000, "subscribers (W1, W2, W4, W5)")
	fs.IntVar(&pr.M, "m", 1000, "broadcasts per round (W2)")
	fs.IntVar(&pr.Rounds, "rounds", 3, "measured rounds (W2, W3)")
	fs.IntVar(&pr.P, "p", 4, "publishers (W3)")
	fs.IntVar(&pr.Groups, "groups", 100, "groups (W3)")
	fs.IntVar(&pr.GSize, "gsize", 100, "members per group (W3)")
	fs.IntVar(&pr.K, "k", 2500, "broadcasts per publisher (W3)")
	fs.IntVar(&pr.Warmup, "warmup", 5, "warm-up broadcasts (W5)")
	fs.IntVar(&pr.Reps, "samples", 50, "measured broadcasts (W5)")
	fs.StringVar(&pr.Join, "join", "self", "gotp: self (ps.Join in Init) | batch (Scope().Join of many PIDs)")
	fs.IntVar(&pr.Spawners, "spawners", 16, "gotp: goroutines spawning subscribers")
	fs.DurationVar(&pr.Timeout, "timeout", 5*time.Minute, "bound on every wait")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the measured phase to this file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if pr.Rounds < 1 {
		pr.Rounds = 1
	}
	ms, err := runImpl(*implName, pr, profiler(*cpuprofile))
	if err != nil {
		fmt.Fprintf(stderr, "fanout child %s %s: %v\n", *implName, pr.W, err)
		return 1
	}
	for _, m := range ms {
		fmt.Fprintf(stdout, "METRIC %s %s %s\n", m.Name, strconv.FormatFloat(m.Value, 'f', 3, 64), m.Flag)
	}
	return 0
}

// runImpl builds the implementation, runs the workload and stops it.
func runImpl(name string, pr params, prof profiler) ([]metric, error) {
	var im impl
	switch name {
	case "gotp":
		g, err := newGotp(pr)
		if err != nil {
			return nil, err
		}
		im = g
	case "baseline":
		im = newRaw()
	default:
		return nil, fmt.Errorf("unknown implementation %q", name)
	}
	ms, err := runWorkload(im, pr, prof)
	if cerr := im.close(); err == nil && cerr != nil {
		err = fmt.Errorf("close: %w", cerr)
	}
	return ms, err
}
