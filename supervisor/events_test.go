package supervisor_test

import (
	"bytes"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestEvents_SlogHookLogsRestarts(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	var buf lockedBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)}, supervisor.WithEventHook(supervisor.SlogHook(logger)))
	a := expectStarted(t, probe, "a")
	crash(n, a, errBoom)
	expectTerminated(t, probe, "a")
	expectStarted(t, probe, "a")
	_ = which(t, n, sup) // the restart has been handled
	out := buf.String()
	require.Contains(t, out, "level=DEBUG msg=\"child started\" id=a")
	require.Contains(t, out, "level=WARN msg=\"child exited\" id=a")
	require.Contains(t, out, "reason=boom restart=true")
	require.Contains(t, out, "level=INFO msg=\"child restarted\" id=a")
}
