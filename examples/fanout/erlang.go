package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// erlang runs the Erlang side of the comparison: pgbench.erl from the
// shared baselines (OTP pg), compiled into a temporary directory. It speaks
// the same METRIC protocol as the Go children:
//
//	erl -noshell +P 4000000 -pa DIR -run pgbench main W2 N M Rounds auto
//
// (+P only raises the process limit, for 1M subscribers.) This program never
// installs Erlang; without erl/erlc the column is skipped with a note.
type erlang struct {
	erl     string
	dir     string
	version string
}

// setupErlang compiles src. It returns nil and the reason when the Erlang
// column cannot be produced.
func setupErlang(src string) (*erlang, string) {
	erl, err1 := exec.LookPath("erl")
	erlc, err2 := exec.LookPath("erlc")
	if err1 != nil || err2 != nil {
		return nil, "erl/erlc not installed (Debian: apt-get install erlang-base)"
	}
	if _, err := os.Stat(src); err != nil {
		return nil, fmt.Sprintf("%s not found (see -erl-src)", src)
	}
	dir, err := os.MkdirTemp("", "fanout-erl-")
	if err != nil {
		return nil, err.Error()
	}
	if out, err := exec.Command(erlc, "-o", dir, src).CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Sprintf("erlc %s: %v: %s", src, err, lastLine(string(out)))
	}
	e := &erlang{erl: erl, dir: dir, version: "unknown"}
	out, err := exec.Command(erl, "-noshell", "-eval",
		`io:format("OTP ~s, ~s", [erlang:system_info(otp_release), string:trim(erlang:system_info(system_version))]), halt().`).Output()
	if err == nil {
		e.version = string(bytes.TrimSpace(out))
	}
	return e, ""
}

// command returns a maker of the erl command for `pgbench main args...`.
func (e *erlang) command(args []string) func(context.Context) *exec.Cmd {
	return func(ctx context.Context) *exec.Cmd {
		a := append([]string{"-noshell", "+P", "4000000", "-pa", e.dir, "-run", "pgbench", "main"}, args...)
		return exec.CommandContext(ctx, e.erl, a...)
	}
}

func (e *erlang) cleanup() { os.RemoveAll(e.dir) }

// resolveErlSrc makes a relative -erl-src relative to the repository root
// (the nearest directory up from the working directory whose go.mod
// declares this module), so the default works from anywhere in the clone.
func resolveErlSrc(src string) string {
	if filepath.IsAbs(src) {
		return src
	}
	dir, err := os.Getwd()
	if err != nil {
		return src
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil &&
			strings.Contains(string(b), "module github.com/gotp/gotp\n") {
			return filepath.Clean(filepath.Join(d, src))
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, src)
		}
	}
}
