package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// runner starts child processes, one per measurement.
type runner struct {
	exe     string
	timeout time.Duration
	profDir string
	erl     *erlang // nil: no Erlang column
	log     io.Writer
}

// cell runs row r on impl once and records the outcome in res.
func (rn *runner) cell(ctx context.Context, res *results, i int, r row, impl string, rep int) {
	var (
		ms  []metric
		err error
	)
	t0 := time.Now()
	switch {
	case impl != "erlang":
		prof := ""
		if rn.profDir != "" {
			prof = filepath.Join(rn.profDir, fmt.Sprintf("%s-%s-r%d.pprof", slug(r.label), impl, rep))
		}
		ms, err = rn.goChild(ctx, r.pr, impl, prof)
	case rn.erl == nil:
		res.na(i, impl, res.erlNote)
		return
	case r.erl == nil:
		res.na(i, impl, r.erlNA)
		return
	default:
		ms, err = rn.run(ctx, rn.erl.command(r.erl))
	}
	if err != nil {
		res.fail(i, impl, err)
		fmt.Fprintf(rn.log, "  %-45s %-8s FAIL %v\n", r.label, impl, err)
		return
	}
	res.add(i, impl, ms)
	fmt.Fprintf(rn.log, "  %-45s %-8s %6.1fs  %s\n", r.label, impl, time.Since(t0).Seconds(), summary(ms))
}

// goChild runs pr on a Go implementation in a child process.
func (rn *runner) goChild(ctx context.Context, pr params, impl, prof string) ([]metric, error) {
	return rn.run(ctx, func(ctx context.Context) *exec.Cmd {
		return exec.CommandContext(ctx, rn.exe, childArgs(pr, impl, prof)...)
	})
}

// errTimeout marks a child killed for running longer than -timeout.
var errTimeout = errors.New("timeout")

// run starts the command, bounded by the runner's timeout, and parses its
// METRIC lines.
func (rn *runner) run(ctx context.Context, mk func(context.Context) *exec.Cmd) ([]metric, error) {
	ctx, cancel := context.WithTimeout(ctx, rn.timeout)
	defer cancel()
	cmd := mk(ctx)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, errTimeout
	}
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, lastLine(stderr.String()))
	}
	ms, perr := parseMetrics(&out)
	if perr == nil && len(ms) == 0 {
		perr = fmt.Errorf("no METRIC lines: %s", lastLine(stderr.String()))
	}
	return ms, perr
}

// parseMetrics reads "METRIC name value [flag]" lines, ignoring the rest.
func parseMetrics(r io.Reader) ([]metric, error) {
	var ms []metric
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 3 || f[0] != "METRIC" {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("bad METRIC line %q", sc.Text())
		}
		m := metric{Name: f[1], Value: v}
		if len(f) > 3 {
			m.Flag = f[3]
		}
		ms = append(ms, m)
	}
	return ms, sc.Err()
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func summary(ms []metric) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%s=%.4g ", m.Name, m.Value)
	}
	return b.String()
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9=]+`)

func slug(s string) string { return strings.Trim(nonWord.ReplaceAllString(s, "_"), "_") }
