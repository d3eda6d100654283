package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// payload is the 32-byte payload of every broadcast (the Erlang side sends
// the same 32 bytes as a binary).
const payload = "0123456789abcdef0123456789abcdef"

// topic is the topic of every broadcast.
const topic = "new_post"

// impl is one pub/sub implementation under test (gotp or the plain-Go
// baseline). Each child process builds exactly one.
type impl interface {
	// spawn starts n subscribers of group. Each calls joined.arrive() once
	// its membership is in place and done.arrive() every time it has
	// received target messages.
	spawn(group string, n, target int, done, joined *countdown) error
	// count is len(get_members(group)).
	count(group string) int
	// newPublisher returns a publisher with its own reusable state.
	newPublisher(id int) publisher
	// killAll kills every subscriber spawned so far.
	killAll()
	// close stops everything the implementation started.
	close() error
}

// publisher broadcasts one new message (channel = group, topic "new_post",
// the 32-byte payload) to every member of group.
type publisher interface {
	broadcast(group string)
}

// params are the sizes of one workload run.
type params struct {
	W        string        // W1..W5
	N        int           // subscribers (W1, W2, W4, W5)
	M        int           // broadcasts per round (W2)
	Rounds   int           // measured rounds (W2, W3); the median is reported
	P        int           // publishers (W3)
	Groups   int           // groups (W3)
	GSize    int           // members per group (W3)
	K        int           // broadcasts per publisher (W3)
	Warmup   int           // warm-up broadcasts (W5)
	Reps     int           // measured broadcasts (W5)
	Join     string        // gotp: "self" (join in Init) or "batch" (scope.Join of many PIDs)
	Spawners int           // gotp: goroutines spawning subscribers concurrently
	Timeout  time.Duration // bound on every wait
}

// metric is one measured value; flag marks a variant (as "batch").
type metric struct {
	Name  string
	Value float64
	Flag  string
}

// countdown is the completion detector shared by all implementations:
// every subscriber that reaches its per-round target decrements it once;
// the one that brings it to zero records the end time.
type countdown struct {
	left atomic.Int64
	ch   chan time.Time
}

func newCountdown() *countdown { return &countdown{ch: make(chan time.Time, 1)} }

func (c *countdown) reset(n int) { c.left.Store(int64(n)) }

func (c *countdown) arrive() { c.arriveN(1) }

func (c *countdown) arriveN(n int) {
	if c.left.Add(-int64(n)) == 0 {
		c.ch <- time.Now()
	}
}

func (c *countdown) wait(what string, timeout time.Duration) (time.Time, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case ts := <-c.ch:
		return ts, nil
	case <-t.C:
		return time.Time{}, fmt.Errorf("timeout after %v waiting for %s (%d outstanding)", timeout, what, c.left.Load())
	}
}

// profiler starts a CPU profile of the measured phase; the returned func
// stops it. The zero profiler does nothing.
type profiler string

func (path profiler) start() func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(string(path))
	if err != nil {
		fmt.Fprintln(os.Stderr, "fanout: cpuprofile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "fanout: cpuprofile:", err)
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// runWorkload runs pr.W on im and returns its metrics.
func runWorkload(im impl, pr params, prof profiler) ([]metric, error) {
	switch strings.ToUpper(pr.W) {
	case "W1":
		return runW1(im, pr, prof)
	case "W2":
		return runW2(im, pr, prof)
	case "W3":
		return runW3(im, pr, prof)
	case "W4":
		return runW4(im, pr, prof)
	case "W5":
		return runW5(im, pr, prof)
	}
	return nil, fmt.Errorf("unknown workload %q", pr.W)
}

// setup spawns n subscribers of group and waits until every join is done
// and get_members confirms n members.
func setup(im impl, pr params, group string, n, target int, done *countdown) error {
	joined := newCountdown()
	joined.reset(n)
	if err := im.spawn(group, n, target, done, joined); err != nil {
		return err
	}
	if _, err := joined.wait("joins", pr.Timeout); err != nil {
		return err
	}
	if c := im.count(group); c != n {
		return fmt.Errorf("get_members(%s) = %d, want %d", group, c, n)
	}
	return nil
}

func joinFlag(pr params) string {
	if pr.Join == "batch" {
		return "batch"
	}
	return ""
}

// runW1: spawn N subscribers that join "posts"; time until all joined and
// get_members == N; live memory per subscriber (HeapAlloc + StackInuse
// after GC, delta / N) and RSS delta / N.
func runW1(im impl, pr params, prof profiler) ([]metric, error) {
	rss0 := readRSS()
	live0 := liveBytes()
	stop := prof.start()
	t0 := time.Now()
	err := setup(im, pr, "posts", pr.N, 1, newCountdown())
	el := time.Since(t0)
	stop()
	if err != nil {
		return nil, err
	}
	rss1 := readRSS()
	live1 := liveBytes()
	runtime.KeepAlive(im)
	n, f := float64(pr.N), joinFlag(pr)
	return []metric{
		{"w1_ms", ms(el), f},
		{"w1_live_b", float64(live1-live0) / n, f},
		{"w1_rss_b", float64(rss1-rss0) / n, f},
	}, nil
}

// runW2: one publisher, M broadcasts to a group of N, until N×M delivered.
// Rounds on the same subscribers; the median is reported.
func runW2(im impl, pr params, prof profiler) ([]metric, error) {
	done := newCountdown()
	if err := setup(im, pr, "posts", pr.N, pr.M, done); err != nil {
		return nil, err
	}
	runtime.GC()
	pub := im.newPublisher(0)
	var dps, pubMs []float64
	alloc0 := totalAlloc()
	stop := prof.start()
	defer stop()
	for r := 0; r < pr.Rounds; r++ {
		done.reset(pr.N)
		t0 := time.Now()
		for i := 0; i < pr.M; i++ {
			pub.broadcast("posts")
		}
		tPub := time.Since(t0)
		t1, err := done.wait("W2 deliveries", pr.Timeout)
		if err != nil {
			return nil, err
		}
		dps = append(dps, float64(pr.N)*float64(pr.M)/t1.Sub(t0).Seconds())
		pubMs = append(pubMs, ms(tPub))
	}
	return []metric{
		{"dps", median(dps), ""},
		{"dps_round1", dps[0], ""},
		{"w2_pub_ms", median(pubMs), ""},
		{"alloc_b", float64(totalAlloc()-alloc0) / float64(pr.Rounds*pr.M), ""},
	}, nil
}

// runW3: P publishers broadcasting concurrently to G groups of S members.
// Broadcast i of publisher p goes to group (i + p·G/P) mod G, so every
// group receives P·K/G broadcasts per round.
func runW3(im impl, pr params, prof profiler) ([]metric, error) {
	P, G, S, K := pr.P, pr.Groups, pr.GSize, pr.K
	if P <= 0 || G <= 0 || (P*K)%G != 0 {
		return nil, fmt.Errorf("W3: P*K (%d) must be a positive multiple of groups (%d)", P*K, G)
	}
	target := P * K / G
	names := make([]string, G)
	done := newCountdown()
	joined := newCountdown()
	joined.reset(G * S)
	for g := range names {
		names[g] = "g" + strconv.Itoa(g)
		if err := im.spawn(names[g], S, target, done, joined); err != nil {
			return nil, err
		}
	}
	if _, err := joined.wait("joins", pr.Timeout); err != nil {
		return nil, err
	}
	for _, g := range names {
		if c := im.count(g); c != S {
			return nil, fmt.Errorf("group %s has %d members, want %d", g, c, S)
		}
	}
	runtime.GC()
	pubs := make([]publisher, P)
	for i := range pubs {
		pubs[i] = im.newPublisher(i)
	}
	var dps []float64
	stop := prof.start()
	defer stop()
	for r := 0; r < pr.Rounds; r++ {
		done.reset(G * S)
		start := make(chan struct{})
		for pi, pub := range pubs {
			go func() {
				off := pi * G / P
				<-start
				for i := 0; i < K; i++ {
					pub.broadcast(names[(i+off)%G])
				}
			}()
		}
		t0 := time.Now()
		close(start)
		t1, err := done.wait("W3 deliveries", pr.Timeout)
		if err != nil {
			return nil, err
		}
		dps = append(dps, float64(P)*float64(K)*float64(S)/t1.Sub(t0).Seconds())
	}
	return []metric{{"dps", median(dps), ""}, {"dps_round1", dps[0], ""}}, nil
}

// runW4: with N joined, kill them all; time until get_members is empty
// (polled every 250 µs).
func runW4(im impl, pr params, prof profiler) ([]metric, error) {
	if err := setup(im, pr, "posts", pr.N, 1, newCountdown()); err != nil {
		return nil, err
	}
	runtime.GC()
	stop := prof.start()
	defer stop()
	t0 := time.Now()
	im.killAll()
	tKill := time.Since(t0)
	for im.count("posts") != 0 {
		if time.Since(t0) > pr.Timeout {
			return nil, fmt.Errorf("W4: %d members left after %v", im.count("posts"), pr.Timeout)
		}
		time.Sleep(250 * time.Microsecond)
	}
	el := time.Since(t0)
	return []metric{{"w4_ms", ms(el), ""}, {"w4_kill_ms", ms(tKill), ""}}, nil
}

// runW5: one broadcast to N members, time from send to last delivery;
// p50/p99 (nearest rank) over Reps after Warmup.
func runW5(im impl, pr params, prof profiler) ([]metric, error) {
	if pr.Reps <= 0 {
		return nil, errors.New("W5: reps must be > 0")
	}
	done := newCountdown()
	if err := setup(im, pr, "posts", pr.N, 1, done); err != nil {
		return nil, err
	}
	runtime.GC()
	pub := im.newPublisher(0)
	lat := make([]float64, 0, pr.Reps)
	alloc0 := totalAlloc()
	stop := prof.start()
	defer stop()
	for r := 0; r < pr.Warmup+pr.Reps; r++ {
		done.reset(pr.N)
		t0 := time.Now()
		pub.broadcast("posts")
		t1, err := done.wait("W5 deliveries", pr.Timeout)
		if err != nil {
			return nil, err
		}
		if r >= pr.Warmup {
			lat = append(lat, float64(t1.Sub(t0).Nanoseconds())/1e3)
		}
	}
	if os.Getenv("FANOUT_SAMPLES") != "" {
		fmt.Fprintf(os.Stderr, "W5 samples (µs, in order): %.0f\n", lat)
	}
	return []metric{
		{"p50_us", percentile(lat, 50), ""},
		{"p99_us", percentile(lat, 99), ""},
		{"alloc_b", float64(totalAlloc()-alloc0) / float64(pr.Warmup+pr.Reps), ""},
	}, nil
}

// percentile uses the nearest-rank method (p99 of 50 samples is the max).
func percentile(v []float64, p float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	rank := int(float64(len(s))*p/100 + 0.999999)
	return s[max(rank, 1)-1]
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// readRSS returns the resident set size from /proc/self/statm (0 if
// unavailable).
func readRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// totalAlloc is the number of heap bytes allocated so far: the delta over a
// measured phase shows what it leaves for the GC to collect.
func totalAlloc() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// liveBytes is the live heap plus goroutine stacks after a full GC.
func liveBytes() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc + m.StackInuse)
}
