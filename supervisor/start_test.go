package supervisor_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// OTP: a child failing to start stops the started ones in reverse order
// and start_link returns {error, {shutdown, {failed_to_start_child, Id, R}}}.
func TestStart_FailureRollsBackInReverseOrder(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	caller := actortest.NewProbe(t, n) // does not trap exits
	var err error
	caller.Do(func(p *actor.Process) {
		_, err = supervisor.StartLink(bg, p, []supervisor.ChildSpec{spec("a", probe), spec("b", probe), failing("bad"), spec("c", probe)})
	})
	expectStarted(t, probe, "a")
	expectStarted(t, probe, "b")
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "b"))
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "a"))
	probe.ExpectNoMsg(t, 20*time.Millisecond) // c never started

	var se *supervisor.StartError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "bad", se.ID)
	require.ErrorIs(t, err, errBoom)
	require.ErrorIs(t, err, supervisor.ErrStartFailed)
	require.True(t, n.IsAlive(caller.PID()), "a failed StartLink sends no exit signal to the caller")
	caller.ExpectNoMsg(t, 10*time.Millisecond)
}

func TestStart_IgnoredChildKeptAsUndefined(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{ignoring("i"), ignoring("t", supervisor.WithRestart(supervisor.Temporary)), spec("a", probe)})
	a := expectStarted(t, probe, "a")
	require.Equal(t, []supervisor.ChildInfo{
		{ID: "a", PID: a, Status: supervisor.Running},
		{ID: "i", Status: supervisor.Undefined},
	}, which(t, n, sup))
}

func TestStart_InvalidOptionsAndSpecs(t *testing.T) {
	n := newNode(t)
	ok := failing("x")
	sig := failing("s")
	sig.Restart, sig.Significant = supervisor.Transient, true
	permSig := failing("p")
	permSig.Significant = true
	cases := []struct {
		name     string
		children []supervisor.ChildSpec
		opts     []supervisor.Option
		want     error
	}{
		{"strategy", nil, []supervisor.Option{supervisor.WithStrategy(99)}, supervisor.ErrInvalidStrategy},
		{"intensity", nil, []supervisor.Option{supervisor.WithIntensity(-1, time.Second)}, supervisor.ErrInvalidIntensity},
		{"period", nil, []supervisor.Option{supervisor.WithIntensity(1, 0)}, supervisor.ErrInvalidPeriod},
		{"auto_shutdown", nil, []supervisor.Option{supervisor.WithAutoShutdown(7)}, supervisor.ErrInvalidAutoShutdown},
		{"restart_delay", nil, []supervisor.Option{supervisor.WithRestartDelay(-time.Second, 0)}, supervisor.ErrInvalidRestartDelay},
		{"simple_no_template", nil, []supervisor.Option{supervisor.WithStrategy(supervisor.SimpleOneForOne)}, supervisor.ErrBadStartSpec},
		{"simple_two_templates", []supervisor.ChildSpec{ok, failing("y")}, []supervisor.Option{supervisor.WithStrategy(supervisor.SimpleOneForOne)}, supervisor.ErrBadStartSpec},
		{"simple_auto_shutdown", []supervisor.ChildSpec{ok}, []supervisor.Option{supervisor.WithStrategy(supervisor.SimpleOneForOne), supervisor.WithAutoShutdown(supervisor.AnySignificant)}, supervisor.ErrBadCombination},
		{"duplicate_id", []supervisor.ChildSpec{ok, ok}, nil, supervisor.ErrDuplicateID},
		{"missing_id", []supervisor.ChildSpec{{Start: ok.Start}}, nil, supervisor.ErrMissingID},
		{"missing_start", []supervisor.ChildSpec{{ID: "x"}}, nil, supervisor.ErrMissingStart},
		{"restart_type", []supervisor.ChildSpec{{ID: "x", Start: ok.Start, Restart: 5}}, nil, supervisor.ErrInvalidRestart},
		{"negative_shutdown", []supervisor.ChildSpec{{ID: "x", Start: ok.Start, Shutdown: -1}}, nil, supervisor.ErrInvalidShutdown},
		{"child_type", []supervisor.ChildSpec{{ID: "x", Start: ok.Start, Type: 3}}, nil, supervisor.ErrInvalidChildType},
		{"significant_never", []supervisor.ChildSpec{sig}, nil, supervisor.ErrBadCombination},
		{"significant_permanent", []supervisor.ChildSpec{permSig}, []supervisor.Option{supervisor.WithAutoShutdown(supervisor.AnySignificant)}, supervisor.ErrBadCombination},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := n.ProcessCount()
			_, err := supervisor.Start(bg, n, c.children, c.opts...)
			require.ErrorIs(t, err, c.want)
			require.Equal(t, before, n.ProcessCount(), "nothing was spawned")
		})
	}
	require.NoError(t, supervisor.CheckChildSpecs([]supervisor.ChildSpec{sig}, supervisor.AllSignificant))
}

func TestStart_NameAlreadyRegistered(t *testing.T) {
	n := newNode(t)
	first, err := supervisor.Start(bg, n, nil, supervisor.WithName("sup"))
	require.NoError(t, err)
	pid, ok := n.Whereis("sup")
	require.True(t, ok)
	require.Equal(t, first, pid)
	_, err = supervisor.Start(bg, n, nil, supervisor.WithName("sup"))
	var as *supervisor.AlreadyStartedError
	require.ErrorAs(t, err, &as)
	require.Equal(t, first, as.PID)
}

func TestStart_CancelledContext(t *testing.T) {
	n := newNode(t)
	ctx, cancel := context.WithCancel(bg)
	cancel()
	_, err := supervisor.Start(ctx, n, nil)
	require.ErrorIs(t, err, context.Canceled)

	// Cancelled between two children: the first is stopped again.
	probe := actortest.NewProbe(t, n)
	ctx, cancel = context.WithCancel(bg)
	cancelling := supervisor.ChildSpec{ID: "cancel", Start: func(p *actor.Process, _ ...any) (actor.PID, error) {
		cancel()
		return p.SpawnLink(&worker{id: "cancel", report: probe.PID()})
	}}
	_, err = supervisor.Start(ctx, n, []supervisor.ChildSpec{cancelling, spec("b", probe)})
	require.ErrorIs(t, err, context.Canceled)
	expectStarted(t, probe, "cancel")
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "cancel"))
}
