package supervisor

import "time"

// Clock tells the supervisor the time when it counts restarts against its
// intensity. Tests inject a fake clock (WithClock) so intensity behaviour
// is deterministic without sleeping.
type Clock interface {
	Now() time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
