// Package actortest helps test processes: a Probe is a real process that
// records every message it receives, with Expect helpers that take
// deadlines, so tests wait on messages instead of sleeping.
//
//	probe := actortest.NewProbe(t, node)
//	probe.Do(func(p *actor.Process) { p.Monitor(worker) })
//	down := actortest.ExpectType[actor.Down](t, probe, time.Second)
package actortest
