package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// results collects every child's metrics, per row, implementation and
// metric.
type results struct {
	rows    []row
	impls   []string
	vals    map[cellKey][]float64
	flags   map[cellKey]string
	fails   map[rowImpl][]string
	nas     map[rowImpl]string
	erlNote string // why there is no Erlang column at all
}

type cellKey struct {
	row          int
	impl, metric string
}

type rowImpl struct {
	row  int
	impl string
}

func newResults(rows []row, impls []string) *results {
	return &results{rows: rows, impls: impls, vals: map[cellKey][]float64{}, flags: map[cellKey]string{},
		fails: map[rowImpl][]string{}, nas: map[rowImpl]string{}}
}

func (r *results) add(row int, impl string, ms []metric) {
	for _, m := range ms {
		k := cellKey{row, impl, m.Name}
		r.vals[k] = append(r.vals[k], m.Value)
		if m.Flag != "" {
			r.flags[k] = m.Flag
		}
	}
}

func (r *results) fail(row int, impl string, err error) {
	msg := err.Error()
	if errors.Is(err, errTimeout) {
		msg = "timeout"
	}
	r.fails[rowImpl{row, impl}] = append(r.fails[rowImpl{row, impl}], msg)
}

func (r *results) na(row int, impl, why string) { r.nas[rowImpl{row, impl}] = why }

// value is the median of a cell, if it has any value.
func (r *results) value(row int, impl, metric string) (float64, bool) {
	v := r.vals[cellKey{row, impl, metric}]
	if len(v) == 0 {
		return 0, false
	}
	return median(v), true
}

// metricInfo says how a metric is shown.
type metricInfo struct {
	title string
	scale float64
	prec  int // -1: by magnitude
}

var metricsByWorkload = map[string][]string{
	"W1": {"w1_ms", "w1_live_b", "w1_rss_b"},
	"W2": {"dps", "w2_pub_ms", "alloc_b"},
	"W3": {"dps"},
	"W4": {"w4_ms", "w4_kill_ms"},
	"W5": {"p50_us", "p99_us", "alloc_b"},
}

var metricInfos = map[string]metricInfo{
	"w1_ms":      {"wall time, ms", 1, -1},
	"w1_live_b":  {"bytes/subscriber, live (heap+stacks) Δ/N", 1, 0},
	"w1_rss_b":   {"bytes/subscriber, RSS Δ/N", 1, 0},
	"dps":        {"deliveries/s, millions", 1e-6, 2},
	"w2_pub_ms":  {"publisher loop alone, ms", 1, -1},
	"w4_ms":      {"ms until members == []", 1, -1},
	"w4_kill_ms": {"ms to issue all kills", 1, -1},
	"alloc_b":    {"heap bytes allocated per broadcast", 1, 0},
	"p50_us":     {"p50 send → last delivery, µs", 1, 0},
	"p99_us":     {"p99 send → last delivery, µs", 1, 0},
}

// printTable writes the markdown table, then notes and, with several
// repetitions, every raw value.
func printTable(w io.Writer, r *results) {
	hasErl := contains(r.impls, "erlang")
	hdr := []string{"workload", "metric", "gotp", "baseline (raw Go)", "gotp/baseline"}
	if hasErl {
		hdr = append(hdr, "erlang (pg)")
	}
	hdr = append(hdr, "goal", "met")
	var lines [][]string
	for i, rw := range r.rows {
		for _, m := range metricsByWorkload[rw.pr.W] {
			mi := metricInfos[m]
			g, hasGoal := goalFor(rw, m)
			line := []string{rw.label, mi.title, r.cellText(i, "gotp", m, mi), r.cellText(i, "baseline", m, mi), r.ratio(i, m)}
			if hasErl {
				line = append(line, r.cellText(i, "erlang", m, mi))
			}
			if hasGoal {
				line = append(line, g.text, r.met(i, m, g))
			} else {
				line = append(line, "", "")
			}
			lines = append(lines, line)
		}
	}
	markdown(w, hdr, lines)
	r.notes(w)
}

// cellText formats the median of a cell, or why it has no value.
func (r *results) cellText(row int, impl, metric string, mi metricInfo) string {
	ri := rowImpl{row, impl}
	if !contains(r.impls, impl) {
		return ""
	}
	v, ok := r.value(row, impl, metric)
	if !ok {
		switch {
		case len(r.fails[ri]) > 0:
			if r.fails[ri][0] == "timeout" {
				return "timeout"
			}
			return "FAIL"
		case r.nas[ri] != "" || (impl == "erlang" && r.erlNote != ""):
			return "n/a"
		}
		return ""
	}
	s := formatValue(v*mi.scale, mi.prec)
	if impl == "erlang" && r.flags[cellKey{row, impl, metric}] == "batch" {
		s += "*"
	}
	if n := len(r.fails[ri]); n > 0 {
		s += fmt.Sprintf(" (%d failed)", n)
	}
	return s
}

func formatValue(v float64, prec int) string {
	if prec < 0 {
		switch {
		case v >= 100:
			prec = 0
		case v >= 10:
			prec = 1
		default:
			prec = 2
		}
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

func (r *results) ratio(row int, metric string) string {
	g, ok1 := r.value(row, "gotp", metric)
	b, ok2 := r.value(row, "baseline", metric)
	if !ok1 || !ok2 || b == 0 {
		return ""
	}
	return strconv.FormatFloat(g/b, 'f', 2, 64) + "×"
}

// met evaluates a goal: ✅ when every condition that could be evaluated
// holds, ❌ otherwise, naming the conditions missed.
func (r *results) met(row int, metric string, g goal) string {
	v, ok := r.value(row, "gotp", metric)
	if !ok {
		return "❌ (no gotp value)"
	}
	var missed, skipped []string
	for _, c := range g.conds {
		switch c.kind {
		case atLeast:
			if v < c.v {
				missed = append(missed, "≥ "+strconv.FormatFloat(c.v*metricInfos[metric].scale, 'g', 4, 64))
			}
		case atMost:
			if v > c.v {
				missed = append(missed, "≤ "+strconv.FormatFloat(c.v*metricInfos[metric].scale, 'g', 4, 64))
			}
		case xBaseline, xErlang:
			other, name := "baseline", "baseline"
			if c.kind == xErlang {
				other, name = "erlang", "erlang"
			}
			o, ok := r.value(row, other, metric)
			if !ok || o == 0 {
				skipped = append(skipped, name+" n/a")
				continue
			}
			if v/o < c.v {
				missed = append(missed, fmt.Sprintf("%g× %s (%.2f×)", c.v, name, v/o))
			}
		case completes:
		}
	}
	s := "✅"
	if len(missed) > 0 {
		s = "❌ " + strings.Join(missed, ", ")
	}
	if len(skipped) > 0 {
		s += " (" + strings.Join(skipped, ", ") + ")"
	}
	return s
}

// notes explains the marks and lists failures, skips and, with several
// repetitions, every value.
func (r *results) notes(w io.Writer) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Cells are medians over child processes; deliveries/s are in millions. gotp/baseline > 1 is better")
	fmt.Fprintln(w, "for deliveries/s and worse for times and bytes. * = Erlang joined its subscribers with batched")
	fmt.Fprintln(w, "pg:join(posts, Pids) (pg's self-join is O(group size) each, O(N²) in all). The batch-join rows")
	fmt.Fprintln(w, "join gotp subscribers from the spawner (Scope().Join, max(1000, N/100) PIDs per call); the")
	fmt.Fprintln(w, "baseline has no batch join and runs as in the row above.")
	if r.erlNote != "" {
		fmt.Fprintf(w, "\nErlang column skipped: %s.\n", r.erlNote)
	}
	for i, rw := range r.rows {
		for _, impl := range r.impls {
			ri := rowImpl{i, impl}
			if why := r.nas[ri]; why != "" && why != r.erlNote {
				fmt.Fprintf(w, "- %s, %s: n/a: %s\n", rw.label, impl, why)
			}
			for _, f := range r.fails[ri] {
				fmt.Fprintf(w, "- %s, %s: %s\n", rw.label, impl, f)
			}
		}
	}
	if !r.severalValues() {
		return
	}
	fmt.Fprintln(w, "\nAll repetitions:")
	hdr := append([]string{"workload", "metric"}, r.impls...)
	var lines [][]string
	for i, rw := range r.rows {
		for _, m := range metricsByWorkload[rw.pr.W] {
			line := []string{rw.label, m}
			for _, impl := range r.impls {
				var ss []string
				for _, v := range r.vals[cellKey{i, impl, m}] {
					ss = append(ss, strconv.FormatFloat(v*metricInfos[m].scale, 'g', 4, 64))
				}
				line = append(line, strings.Join(ss, " / "))
			}
			lines = append(lines, line)
		}
	}
	markdown(w, hdr, lines)
}

func (r *results) severalValues() bool {
	for _, v := range r.vals {
		if len(v) > 1 {
			return true
		}
	}
	return false
}

// markdown writes an aligned markdown table; value columns (after the
// second, except goal and met) are right-aligned.
func markdown(w io.Writer, hdr []string, lines [][]string) {
	width := make([]int, len(hdr))
	for _, l := range append([][]string{hdr}, lines...) {
		for i, c := range l {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	right := func(i int) bool { return i >= 2 && hdr[i] != "goal" && hdr[i] != "met" }
	write := func(l []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range l {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if right(i) {
				b.WriteString(" " + pad + c + " |")
			} else {
				b.WriteString(" " + c + pad + " |")
			}
		}
		fmt.Fprintln(w, b.String())
	}
	write(hdr)
	sep := make([]string, len(hdr))
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
		if right(i) {
			sep[i] = strings.Repeat("-", width[i]-1) + ":"
		}
	}
	write(sep)
	for _, l := range lines {
		write(l)
	}
}
