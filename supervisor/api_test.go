package supervisor_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
	"github.com/gotp/gotp/supervisor"
)

// ignoring is a spec whose start function returns actor.Ignore.
func ignoring(id string, opts ...supervisor.ChildOption) supervisor.ChildSpec {
	return supervisor.Worker(id, func() actor.Receiver { return ignoreInit{} }, opts...)
}

type ignoreInit struct{}

func (ignoreInit) Init(*actor.Process) error       { return actor.Ignore }
func (ignoreInit) Receive(*actor.Process, any)     {}
func (ignoreInit) Terminate(*actor.Process, error) {}
func failing(id string) supervisor.ChildSpec {
	return supervisor.ChildSpec{ID: id, Start: func(*actor.Process, ...any) (actor.PID, error) { return actor.PID{}, errBoom }}
}

func TestStartChild_AppendsToStartOrder(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	expectStarted(t, probe, "a")
	pid, err := supervisor.StartChild(bg, n, sup, spec("b", probe))
	require.NoError(t, err)
	require.Equal(t, pid, expectStarted(t, probe, "b"))
	require.Equal(t, "b", which(t, n, sup)[0].ID)
	require.NoError(t, n.StopProcess(bg, sup, actor.Shutdown))
	expectTerminated(t, probe, "b")
	expectTerminated(t, probe, "a")
}

func TestStartChild_AlreadyStarted(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	a := expectStarted(t, probe, "a")
	_, err := supervisor.StartChild(bg, n, sup, spec("a", probe))
	require.ErrorIs(t, err, supervisor.ErrAlreadyStarted)
	var as *supervisor.AlreadyStartedError
	require.ErrorAs(t, err, &as)
	require.Equal(t, a, as.PID)
}

func TestStartChild_AlreadyPresent(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	expectStarted(t, probe, "a")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	_, err := supervisor.StartChild(bg, n, sup, spec("a", probe))
	require.ErrorIs(t, err, supervisor.ErrAlreadyPresent)
}

func TestStartChild_StartErrorIsReturnedAndNotKept(t *testing.T) {
	n := newNode(t)
	sup, _ := startSup(t, n, nil)
	_, err := supervisor.StartChild(bg, n, sup, failing("bad"))
	require.ErrorIs(t, err, supervisor.ErrStartFailed)
	require.ErrorIs(t, err, errBoom)
	var se *supervisor.StartError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "bad", se.ID)
	require.Empty(t, which(t, n, sup))

	_, err = supervisor.StartChild(bg, n, sup, supervisor.ChildSpec{ID: "panics",
		Start: func(*actor.Process, ...any) (actor.PID, error) { panic("no") }})
	var pe *actor.PanicError
	require.ErrorAs(t, err, &pe)
}

func TestStartChild_IgnoreKeepsSpecUnlessTemporary(t *testing.T) {
	n := newNode(t)
	sup, _ := startSup(t, n, nil)
	pid, err := supervisor.StartChild(bg, n, sup, ignoring("i"))
	require.NoError(t, err)
	require.True(t, pid.IsZero())
	pid, err = supervisor.StartChild(bg, n, sup, ignoring("t", supervisor.WithRestart(supervisor.Temporary)))
	require.NoError(t, err)
	require.True(t, pid.IsZero())
	require.Equal(t, []supervisor.ChildInfo{{ID: "i", Status: supervisor.Undefined}}, which(t, n, sup))
}

func TestStartChild_InvalidSpec(t *testing.T) {
	n := newNode(t)
	sup, _ := startSup(t, n, nil)
	_, err := supervisor.StartChild(bg, n, sup, supervisor.ChildSpec{ID: "x"})
	require.ErrorIs(t, err, supervisor.ErrMissingStart)
	require.ErrorIs(t, err, supervisor.ErrInvalidChildSpec)
	require.ErrorContains(t, err, `"x"`)
	_, err = supervisor.StartChild(bg, n, sup, failing("s"))
	require.NotErrorIs(t, err, supervisor.ErrInvalidChildSpec)
	sig := failing("sig")
	sig.Restart, sig.Significant = supervisor.Transient, true
	_, err = supervisor.StartChild(bg, n, sup, sig)
	require.ErrorIs(t, err, supervisor.ErrBadCombination, "significant needs auto-shutdown")
}

// OTP already_started_outside_supervisor: a start function's own name clash
// comes back as already started, with the PID holding the name.
func TestStartChild_RegisteredNameTakenPassesThrough(t *testing.T) {
	n := newNode(t)
	holder := actortest.NewProbe(t, n, actor.WithRegisteredName("db"))
	sup, _ := startSup(t, n, nil)
	_, err := supervisor.StartChild(bg, n, sup, supervisor.Worker("db", func() actor.Receiver { return ignoreInit{} },
		supervisor.WithSpawnOptions(actor.WithRegisteredName("db"))))
	require.ErrorIs(t, err, supervisor.ErrAlreadyStarted)
	require.ErrorIs(t, err, actor.ErrNameTaken)
	var as *supervisor.AlreadyStartedError
	require.ErrorAs(t, err, &as)
	require.Equal(t, holder.PID(), as.PID)
}

func TestStartChild_WrongStrategy(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	static, _ := startSup(t, n, nil)
	_, err := supervisor.StartChildArgs(bg, n, static, 1)
	require.ErrorIs(t, err, supervisor.ErrNotSimpleOneForOne)
	simple, _ := startSup(t, n, []supervisor.ChildSpec{spec("w", probe)}, supervisor.WithStrategy(supervisor.SimpleOneForOne))
	_, err = supervisor.StartChild(bg, n, simple, spec("x", probe))
	require.ErrorIs(t, err, supervisor.ErrSimpleOneForOne)
}

func TestStartChildArgs_IgnoreAndErrorKeepNothing(t *testing.T) {
	n := newNode(t)
	tmpl := supervisor.ChildSpec{ID: "t", Start: func(p *actor.Process, args ...any) (actor.PID, error) {
		switch args[0] {
		case "ignore":
			return actor.PID{}, actor.Ignore
		case "fail":
			return actor.PID{}, errBoom
		}
		return p.SpawnLink(ignoreInit{})
	}}
	sup, _ := startSup(t, n, []supervisor.ChildSpec{tmpl}, supervisor.WithStrategy(supervisor.SimpleOneForOne))
	pid, err := supervisor.StartChildArgs(bg, n, sup, "ignore")
	require.NoError(t, err)
	require.True(t, pid.IsZero())
	_, err = supervisor.StartChildArgs(bg, n, sup, "fail")
	require.ErrorIs(t, err, errBoom)
	require.Empty(t, which(t, n, sup))
}

func TestTerminateChild_Static(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("p", probe),
		spec("t", probe, supervisor.WithRestart(supervisor.Temporary))})
	p := expectStarted(t, probe, "p")
	tp := expectStarted(t, probe, "t")

	require.ErrorIs(t, supervisor.TerminateChild(bg, n, sup, "nope"), supervisor.ErrNotFound)
	require.ErrorIs(t, supervisor.TerminateChildPID(bg, n, sup, p), supervisor.ErrNotFound,
		"a PID on a static supervisor is not found (OTP)")

	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "p"))
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "p"), "terminating a stopped child succeeds")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "t"))
	require.False(t, n.IsAlive(p))
	require.False(t, n.IsAlive(tp))
	require.Equal(t, []supervisor.ChildInfo{{ID: "p", Status: supervisor.Undefined}}, which(t, n, sup),
		"the temporary child's spec is removed, the permanent one's kept")
}

func TestTerminateChild_SimpleOneForOne(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("w", probe)}, supervisor.WithStrategy(supervisor.SimpleOneForOne))
	pid, err := supervisor.StartChildArgs(bg, n, sup)
	require.NoError(t, err)
	expectStarted(t, probe, "w")

	require.ErrorIs(t, supervisor.TerminateChild(bg, n, sup, "w"), supervisor.ErrSimpleOneForOne)
	require.ErrorIs(t, supervisor.TerminateChildPID(bg, n, sup, probe.PID()), supervisor.ErrNotFound,
		"a live process that is not a child")
	require.NoError(t, supervisor.TerminateChildPID(bg, n, sup, pid))
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "w"))
	require.NoError(t, supervisor.TerminateChildPID(bg, n, sup, pid), "a dead PID is fine")
	require.Empty(t, which(t, n, sup))
}

func TestRestartChild_Errors(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	fails := &counter{}
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe), failingSpec("f", probe, fails),
		spec("t", probe, supervisor.WithRestart(supervisor.Temporary))}, supervisor.WithIntensity(0, time.Second))
	a := expectStarted(t, probe, "a")
	expectStarted(t, probe, "f")
	expectStarted(t, probe, "t")

	_, err := supervisor.RestartChild(bg, n, sup, "a")
	require.ErrorIs(t, err, supervisor.ErrRunning)
	_, err = supervisor.RestartChild(bg, n, sup, "nope")
	require.ErrorIs(t, err, supervisor.ErrNotFound)

	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "t"))
	_, err = supervisor.RestartChild(bg, n, sup, "t")
	require.ErrorIs(t, err, supervisor.ErrNotFound, "temporary specs vanish")

	// Restarting with RestartChild does not count toward intensity (0 here).
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	pid, err := supervisor.RestartChild(bg, n, sup, "a")
	require.NoError(t, err)
	require.NotEqual(t, a, pid)

	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "f"))
	fails.n.Store(1)
	_, err = supervisor.RestartChild(bg, n, sup, "f")
	require.ErrorIs(t, err, errBoom)
	for _, c := range which(t, n, sup) {
		if c.ID == "f" {
			require.Equal(t, supervisor.Undefined, c.Status)
		}
	}
	require.True(t, n.IsAlive(sup))

	simple, _ := startSup(t, n, []supervisor.ChildSpec{spec("w", probe)}, supervisor.WithStrategy(supervisor.SimpleOneForOne))
	_, err = supervisor.RestartChild(bg, n, simple, "w")
	require.ErrorIs(t, err, supervisor.ErrSimpleOneForOne)
}

func TestDeleteChild_Errors(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe)})
	expectStarted(t, probe, "a")
	require.ErrorIs(t, supervisor.DeleteChild(bg, n, sup, "a"), supervisor.ErrRunning)
	require.ErrorIs(t, supervisor.DeleteChild(bg, n, sup, "nope"), supervisor.ErrNotFound)
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "a"))
	require.NoError(t, supervisor.DeleteChild(bg, n, sup, "a"))
	require.ErrorIs(t, supervisor.DeleteChild(bg, n, sup, "a"), supervisor.ErrNotFound)
	require.Empty(t, which(t, n, sup))

	simple, _ := startSup(t, n, []supervisor.ChildSpec{spec("w", probe)}, supervisor.WithStrategy(supervisor.SimpleOneForOne))
	require.ErrorIs(t, supervisor.DeleteChild(bg, n, simple, "w"), supervisor.ErrSimpleOneForOne)
}

func TestCountChildren_Static(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe), spec("b", probe),
		supervisor.Nested("sub", nil)})
	expectStarted(t, probe, "a")
	expectStarted(t, probe, "b")
	require.NoError(t, supervisor.TerminateChild(bg, n, sup, "b"))
	counts, err := supervisor.CountChildren(bg, n, sup)
	require.NoError(t, err)
	require.Equal(t, supervisor.Counts{Specs: 3, Active: 2, Supervisors: 1, Workers: 2}, counts)
}

func TestGetChildSpec(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	sup, _ := startSup(t, n, []supervisor.ChildSpec{spec("a", probe), supervisor.Nested("sub", nil)})
	a := expectStarted(t, probe, "a")

	s, err := supervisor.GetChildSpec(bg, n, sup, "a")
	require.NoError(t, err)
	require.Equal(t, "a", s.ID)
	require.Equal(t, supervisor.DefaultWorkerShutdown, s.Shutdown, "defaults are filled in")
	s, err = supervisor.GetChildSpec(bg, n, sup, "sub")
	require.NoError(t, err)
	require.Equal(t, supervisor.Infinity, s.Shutdown)
	require.Equal(t, supervisor.TypeSupervisor, s.Type)
	_, err = supervisor.GetChildSpec(bg, n, sup, "nope")
	require.ErrorIs(t, err, supervisor.ErrNotFound)
	s, err = supervisor.GetChildSpecPID(bg, n, sup, a)
	require.NoError(t, err)
	require.Equal(t, "a", s.ID)
}

func TestAPI_SupervisorNotRunning(t *testing.T) {
	n := newNode(t)
	sup, _ := startSup(t, n, nil)
	require.NoError(t, n.StopProcess(bg, sup, actor.Shutdown))
	_, err := supervisor.WhichChildren(bg, n, sup)
	require.ErrorIs(t, err, actor.NoProc)
	var ce *actor.CallError
	require.ErrorAs(t, err, &ce)
}

// The API works from inside a process, and StartLink makes that process
// the supervisor's parent.
func TestAPI_FromInsideAProcess(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	owner := actortest.NewProbe(t, n)
	var sup, child actor.PID
	var err error
	owner.Do(func(p *actor.Process) {
		sup, err = supervisor.StartLink(bg, p, nil)
		require.NoError(t, err)
		child, err = supervisor.StartChild(bg, p, sup, spec("a", probe))
	})
	require.NoError(t, err)
	require.Equal(t, child, expectStarted(t, probe, "a"))
	info, err := n.ProcessInfo(sup)
	require.NoError(t, err)
	require.Equal(t, owner.PID(), info.Parent)

	// The owner dies: the supervisor ends with its reason, after stopping
	// its children with Shutdown.
	down, cancel := n.Monitor(sup)
	defer cancel()
	n.Exit(owner.PID(), errBoom)
	require.Equal(t, actor.Shutdown, expectTerminated(t, probe, "a"))
	require.ErrorIs(t, (<-down).Reason, errBoom)
}
