package pg

import (
	"github.com/gotp/gotp/actor"
	"github.com/gotp/gotp/supervisor"
)

// ChildSpec returns a supervisor child spec that runs the scope name
// (permanent, a worker with a 5 s shutdown), for a supervision tree of your
// own:
//
//	sup, err := supervisor.Start(ctx, node, []supervisor.ChildSpec{
//		pg.ChildSpec(pg.DefaultScope),
//		...
//	})
//
// When the supervisor restarts the scope, its local memberships are lost,
// as in OTP; those of other nodes are learned again. (pubsub re-joins its
// members after such a restart; see package pubsub.)
func ChildSpec(name string, opts ...Option) supervisor.ChildSpec {
	return supervisor.ChildSpec{
		ID: "pg:" + name,
		Start: func(p *actor.Process, _ ...any) (actor.PID, error) {
			s, err := StartScopeLink(p, name, opts...)
			if err != nil {
				return actor.PID{}, err
			}
			pid, _ := s.PID()
			return pid, nil
		},
		Restart:  supervisor.Permanent,
		Shutdown: supervisor.Shutdown(defaultShutdown),
		Type:     supervisor.TypeWorker,
	}
}
