package actor_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

// server answers calls: "echo" style by default, with a few commands.
type server struct {
	pending []actor.From
}

var errApp = errors.New("app error")

func (s *server) Receive(p *actor.Process, msg any) {}

func (s *server) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	switch req {
	case "crash":
		panic("crash in call")
	case "stop":
		p.Stop(actor.ShutdownWith("x"))
		return actor.NoReply, nil
	case "defer":
		s.pending = append(s.pending, from)
		return actor.NoReply, nil
	case "flush":
		for _, f := range s.pending {
			actor.Reply(f, "deferred")
		}
		s.pending = nil
		return "flushed", nil
	case "error":
		return nil, errApp
	case "hang":
		return actor.NoReply, nil
	}
	return req, nil
}

func TestCall_Reply(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	got, err := n.Call(context.Background(), pid, 42)
	require.NoError(t, err)
	require.Equal(t, 42, got)
}

func TestCall_ApplicationErrorReturnedAsIs(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	_, err := n.Call(context.Background(), pid, "error")
	require.Equal(t, errApp, err)
}

func TestCall_DeadProcessFailsAtOnceWithNoProc(t *testing.T) {
	n := newNode(t)
	dead := deadPID(t, n)
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	_, err := n.Call(ctx, dead, "x")
	require.ErrorIs(t, err, actor.NoProc)
	var ce *actor.CallError
	require.ErrorAs(t, err, &ce)
	require.Equal(t, dead, ce.PID)
}

func TestCall_TimeoutHonoursContext(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := n.Call(ctx, pid, "hang")
	require.ErrorIs(t, err, actor.ErrTimeout)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.True(t, n.IsAlive(pid), "a time-out does not hurt the server")
}

func TestCall_CalleeCrashGivesItsReason(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	_, err := n.Call(context.Background(), pid, "crash")
	var pe *actor.PanicError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, "crash in call", pe.Value)
}

func TestCall_CalleeStopsWithoutReplyGivesItsReason(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	_, err := n.Call(context.Background(), pid, "stop")
	require.ErrorIs(t, err, actor.Shutdown)
	var se *actor.ShutdownError
	require.ErrorAs(t, err, &se)
	require.Equal(t, "x", se.Value)
}

func TestCall_CallingSelf(t *testing.T) {
	n := newNode(t)
	probe := actortest.NewProbe(t, n)
	var err error
	probe.Do(func(p *actor.Process) { _, err = p.Call(context.Background(), p.Self(), "x") })
	require.ErrorIs(t, err, actor.ErrCallingSelf)
}

func TestCall_DeferredReplyFromAnotherGoroutine(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&deferring{})
	got, err := n.Call(context.Background(), pid, "later")
	require.NoError(t, err)
	require.Equal(t, "later!", got)
}

type deferring struct{}

func (deferring) Receive(p *actor.Process, msg any) {}
func (deferring) HandleCall(p *actor.Process, req any, from actor.From) (any, error) {
	go actor.Reply(from, req.(string)+"!")
	return actor.NoReply, nil
}

func TestCall_LateReplyIsDropped(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(&server{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	_, err := n.Call(ctx, pid, "defer")
	require.ErrorIs(t, err, actor.ErrTimeout)
	got, err := n.Call(context.Background(), pid, "flush") // replies to the gone caller
	require.NoError(t, err)
	require.Equal(t, "flushed", got)
}

func TestCall_NoCallHandler(t *testing.T) {
	n := newNode(t)
	pid, _ := n.Spawn(exitWith{})
	_, err := n.Call(context.Background(), pid, "x")
	require.ErrorIs(t, err, actor.ErrNoCallHandler)
}

func TestCast_DeadProcessIsSilent(t *testing.T) {
	n := newNode(t)
	dead := deadPID(t, n)
	n.Cast(dead, "x")
	n.Send(dead, "x")
}

func TestStopProcess_RunsTerminateAndWaits(t *testing.T) {
	n := newNode(t)
	terminated := make(chan error, 1)
	pid, err := n.Spawn(&stoppable{terminated: terminated})
	require.NoError(t, err)
	require.NoError(t, n.StopProcess(context.Background(), pid, actor.ShutdownWith("bye")))
	require.ErrorIs(t, <-terminated, actor.Shutdown)
	require.False(t, n.IsAlive(pid))
}

func TestStopProcess_DeadIsNoProc(t *testing.T) {
	n := newNode(t)
	err := n.StopProcess(context.Background(), deadPID(t, n), nil)
	require.ErrorIs(t, err, actor.NoProc)
}

type stoppable struct{ terminated chan error }

func (s *stoppable) Receive(p *actor.Process, msg any)        {}
func (s *stoppable) Terminate(p *actor.Process, reason error) { s.terminated <- reason }

func TestCallName_UnknownNameIsNoProc(t *testing.T) {
	n := newNode(t)
	_, err := n.CallName(context.Background(), "nobody", "x")
	require.ErrorIs(t, err, actor.NoProc)
	_, err = n.Spawn(&server{}, actor.WithRegisteredName("srv"))
	require.NoError(t, err)
	got, err := n.CallName(context.Background(), "srv", "x")
	require.NoError(t, err)
	require.Equal(t, "x", got)
}
