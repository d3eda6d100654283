package actor_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestRegister_WhereisAndSendName(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	require.NoError(t, n.Register("probe", probe.PID()))
	pid, ok := n.Whereis("probe")
	require.True(t, ok)
	require.Equal(t, probe.PID(), pid)
	require.NoError(t, n.SendName("probe", "hi"))
	probe.ExpectMsg(t, "hi", wait)
}

func TestRegister_DuplicateNameIsAnError(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	b := actortest.NewProbe(t, n)
	require.NoError(t, n.Register("x", a.PID()))
	err := n.Register("x", b.PID())
	require.ErrorIs(t, err, actor.ErrNameTaken)
	var nt *actor.NameTakenError
	require.ErrorAs(t, err, &nt)
	require.Equal(t, a.PID(), nt.PID)
}

func TestRegister_ProcessHoldsOneName(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	require.NoError(t, n.Register("x", a.PID()))
	require.ErrorIs(t, n.Register("y", a.PID()), actor.ErrAlreadyNamed)
}

func TestRegister_DeadProcess(t *testing.T) {
	n := newNode(t)
	require.ErrorIs(t, n.Register("x", deadPID(t, n)), actor.NoProc)
	require.ErrorIs(t, n.Register("", actortest.NewProbe(t, n).PID()), actor.ErrInvalidName)
}

func TestRegister_NameReleasedOnExit(t *testing.T) {
	n := newNode(t)
	pid, err := n.Spawn(exitWith{}, actor.WithRegisteredName("worker"))
	require.NoError(t, err)
	mon, _ := n.Monitor(pid)
	n.Send(pid, errOops)
	<-mon
	_, ok := n.Whereis("worker")
	require.False(t, ok, "the name is released before monitors fire")
	_, err = n.Spawn(exitWith{}, actor.WithRegisteredName("worker"))
	require.NoError(t, err)
}

func TestRegister_SpawnWithTakenNameDoesNotRunInit(t *testing.T) {
	n := newNode(t)
	_, err := n.Spawn(exitWith{}, actor.WithRegisteredName("w"))
	require.NoError(t, err)
	ran := false
	_, err = n.Spawn(initFunc(func(*actor.Process) error { ran = true; return nil }), actor.WithRegisteredName("w"))
	require.ErrorIs(t, err, actor.ErrNameTaken)
	require.False(t, ran)
}

type initFunc func(*actor.Process) error

func (f initFunc) Init(p *actor.Process) error     { return f(p) }
func (f initFunc) Receive(p *actor.Process, m any) {}

func TestSendName_UnknownIsAnError(t *testing.T) {
	n := newNode(t)
	require.ErrorIs(t, n.SendName("nobody", "x"), actor.ErrNotRegistered)
	require.ErrorIs(t, n.Unregister("nobody"), actor.ErrNotRegistered)
}

func TestUnregister(t *testing.T) {
	n := newNode(t)
	a := actortest.NewProbe(t, n)
	require.NoError(t, n.Register("x", a.PID()))
	require.NoError(t, n.Unregister("x"))
	_, ok := n.Whereis("x")
	require.False(t, ok)
	require.NoError(t, n.Register("y", a.PID()), "an unregistered process may take a new name")
}
