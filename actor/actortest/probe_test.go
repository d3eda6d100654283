package actortest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/actor/actortest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestProbe_RecordsAndActs(t *testing.T) {
	n := actortest.NewNode(t)
	probe := actortest.NewProbe(t, n)
	n.Send(probe.PID(), "hello")
	probe.ExpectMsg(t, "hello", time.Second)
	probe.ExpectNoMsg(t, 10*time.Millisecond)

	worker, err := n.Spawn(actor.ReceiveFunc(func(p *actor.Process, msg any) { p.Stop(msg.(error)) }))
	require.NoError(t, err)
	probe.Do(func(p *actor.Process) { p.Monitor(worker) })
	boom := errors.New("boom")
	n.Send(worker, boom)
	require.ErrorIs(t, probe.ExpectDown(t, worker, time.Second), boom)

	probe.Do(func(p *actor.Process) { p.TrapExit(true) })
	var linked actor.PID
	probe.Do(func(p *actor.Process) {
		linked, err = p.SpawnLink(actor.ReceiveFunc(func(p *actor.Process, msg any) { p.Stop(msg.(error)) }))
	})
	require.NoError(t, err)
	n.Send(linked, boom)
	require.ErrorIs(t, probe.ExpectExit(t, linked, time.Second), boom)
}
