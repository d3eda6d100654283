package supervisor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

func significant(id string, probe *actortest.Probe, restart supervisor.RestartType) supervisor.ChildSpec {
	return spec(id, probe, supervisor.WithRestart(restart), supervisor.WithSignificant(true))
}

func TestSignificant_AnyTransientNormalExitShutsDown(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	sup, parent := startSup(t, n, []supervisor.ChildSpec{significant("s", probe, supervisor.Transient), spec("b", probe)},
		supervisor.WithAutoShutdown(supervisor.AnySignificant), ev.hook())
	s := expectStarted(t, probe, "s")
	expectStarted(t, probe, "b")
	crash(n, s, actor.Normal)
	expectTerminated(t, probe, "s")
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "b"))
	require.Equal(t, "s", nextEvent[supervisor.AutoShutdownTriggered](t, ev).ID)
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
}

func TestSignificant_TransientAbnormalExitRestartedNoShutdown(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{significant("s", probe, supervisor.Transient)},
		supervisor.WithAutoShutdown(supervisor.AnySignificant))
	s := expectStarted(t, probe, "s")
	n.Exit(s, actor.Kill)
	expectStarted(t, probe, "s")
	require.True(t, n.IsAlive(sup))
}

func TestSignificant_TemporaryAnyReasonShutsDown(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, parent := startSup(t, n, []supervisor.ChildSpec{significant("s", probe, supervisor.Temporary)},
		supervisor.WithAutoShutdown(supervisor.AnySignificant))
	s := expectStarted(t, probe, "s")
	crash(n, s, errBoom)
	expectTerminated(t, probe, "s")
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
}

func TestSignificant_AllSignificantWaitsForTheLast(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	ev := newEvents()
	sup, parent := startSup(t, n, []supervisor.ChildSpec{significant("s1", probe, supervisor.Transient),
		significant("s2", probe, supervisor.Temporary), spec("w", probe)},
		supervisor.WithAutoShutdown(supervisor.AllSignificant), ev.hook())
	s1 := expectStarted(t, probe, "s1")
	s2 := expectStarted(t, probe, "s2")
	expectStarted(t, probe, "w")

	crash(n, s1, actor.Shutdown)
	expectTerminated(t, probe, "s1")
	nextEvent[supervisor.ChildExited](t, ev)
	require.True(t, n.IsAlive(sup), "s2 still runs")
	crash(n, s2, actor.Normal)
	expectTerminated(t, probe, "s2")
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "w"))
	require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
}

// Terminating a significant child through the API is not a trigger.
func TestSignificant_TerminateChildDoesNotTrigger(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, parent := startSup(t, n, []supervisor.ChildSpec{significant("s", probe, supervisor.Transient)},
		supervisor.WithAutoShutdown(supervisor.AnySignificant))
	expectStarted(t, probe, "s")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "s"))
	expectTerminated(t, probe, "s")
	require.True(t, n.IsAlive(sup))
	parent.ExpectNoMsg(t, 20*time.Millisecond)
}

// OTP significant_bystander: a significant child terminated as a bystander
// of a one_for_all restart does not trigger auto-shutdown.
func TestSignificant_BystanderDoesNotTrigger(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{significant("s", probe, supervisor.Temporary), spec("b", probe)},
		supervisor.WithStrategy(supervisor.OneForAll), supervisor.WithAutoShutdown(supervisor.AnySignificant))
	expectStarted(t, probe, "s")
	b := expectStarted(t, probe, "b")
	crash(n, b, errBoom)
	expectTerminated(t, probe, "b")
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "s"))
	expectStarted(t, probe, "b")
	require.Len(t, which(t, n, sup), 1, "the temporary bystander is removed")
	require.True(t, n.IsAlive(sup))
}

// OTP significant_escalation: a child supervisor that auto-shuts down is a
// trigger for its parent only if it is itself significant.
func TestSignificant_Escalation(t *testing.T) {
	for _, sig := range []bool{true, false} {
		name := map[bool]string{true: "significant", false: "not_significant"}[sig]
		t.Run(name, func(t *testing.T) {
			n := newNode(t)
			probe := actortest.NewProbe(t, n)
			inner := supervisor.Nested("inner", []supervisor.ChildSpec{significant("s", probe, supervisor.Transient)},
				supervisor.WithAutoShutdown(supervisor.AnySignificant))
			inner.Restart, inner.Significant = supervisor.Transient, sig
			sup, parent := startSup(t, n, []supervisor.ChildSpec{inner, spec("w", probe)},
				supervisor.WithAutoShutdown(supervisor.AnySignificant))
			s := expectStarted(t, probe, "s")
			expectStarted(t, probe, "w")
			crash(n, s, actor.Normal)
			expectTerminated(t, probe, "s")
			if sig {
				require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "w"))
				require.Equal(t, actor.Shutdown, parent.ExpectExit(t, sup, wait))
				return
			}
			require.Eventually(t, func() bool {
				for _, c := range which(t, n, sup) {
					if c.ID == "inner" {
						return c.Status == supervisor.Undefined
					}
				}
				return false
			}, wait, time.Millisecond)
			require.True(t, n.IsAlive(sup))
		})
	}
}
