package supervisor

import (
	"fmt"
	"time"
)

// Strategy says which children are restarted when one terminates (OTP's
// strategy flag). The zero value is OneForOne, OTP's default.
type Strategy int

const (
	// OneForOne restarts only the child that terminated.
	OneForOne Strategy = iota
	// OneForAll terminates all other children (in reverse start order) and
	// restarts them all (in start order).
	OneForAll
	// RestForOne terminates the children started after the one that
	// terminated (in reverse order) and restarts it and them (in order).
	RestForOne
	// SimpleOneForOne supervises many dynamic children made from one
	// template spec with StartChildArgs; each is restarted on its own, as
	// with OneForOne, and they are stopped in parallel.
	SimpleOneForOne
)

// String returns the name used in logs and OTP.
func (s Strategy) String() string {
	switch s {
	case OneForOne:
		return "one_for_one"
	case OneForAll:
		return "one_for_all"
	case RestForOne:
		return "rest_for_one"
	case SimpleOneForOne:
		return "simple_one_for_one"
	}
	return fmt.Sprintf("Strategy(%d)", int(s))
}

// AutoShutdown says whether the supervisor stops itself when significant
// children end (OTP's auto_shutdown flag). The zero value is Never.
type AutoShutdown int

const (
	// Never: significant children are not allowed.
	Never AutoShutdown = iota
	// AnySignificant: the supervisor shuts down when any significant child
	// ends by itself and is not restarted.
	AnySignificant
	// AllSignificant: the supervisor shuts down when a significant child
	// ends by itself, is not restarted, and no significant child runs.
	AllSignificant
)

// String returns the name used in logs and OTP.
func (a AutoShutdown) String() string {
	switch a {
	case Never:
		return "never"
	case AnySignificant:
		return "any_significant"
	case AllSignificant:
		return "all_significant"
	}
	return fmt.Sprintf("AutoShutdown(%d)", int(a))
}

// Option configures a supervisor at Start or StartLink.
type Option func(*config)

type config struct {
	strategy     Strategy
	maxRestarts  int
	period       time.Duration
	autoShutdown AutoShutdown
	name         string
	clock        Clock
	hook         EventHook
	delay        time.Duration
	jitter       float64
}

func defaultConfig() config {
	return config{maxRestarts: 1, period: 5 * time.Second, clock: systemClock{}}
}

// WithStrategy sets the restart strategy. The default is OneForOne.
func WithStrategy(s Strategy) Option { return func(c *config) { c.strategy = s } }

// WithIntensity sets the restart intensity: if more than maxRestarts
// restarts happen within period, the supervisor terminates its children
// and exits with actor.Shutdown. maxRestarts must be ≥ 0 and period > 0.
// The default is 1 restart in 5s, as OTP.
func WithIntensity(maxRestarts int, period time.Duration) Option {
	return func(c *config) { c.maxRestarts, c.period = maxRestarts, period }
}

// WithAutoShutdown sets when significant children stop the supervisor.
// The default is Never. Not allowed with SimpleOneForOne.
func WithAutoShutdown(a AutoShutdown) Option { return func(c *config) { c.autoShutdown = a } }

// WithName registers the supervisor under name. If the name is taken,
// Start fails with an *AlreadyStartedError.
func WithName(name string) Option { return func(c *config) { c.name = name } }

// WithClock sets the clock used to measure restart intensity. The default
// is the system's monotonic clock.
func WithClock(clk Clock) Option {
	return func(c *config) {
		if clk != nil {
			c.clock = clk
		}
	}
}

// WithEventHook sets a function called, in the supervisor process, for
// each Event. It must not block. See SlogHook for a logging hook.
func WithEventHook(h EventHook) Option { return func(c *config) { c.hook = h } }

// WithRestartDelay makes the supervisor wait before each restart (beyond
// OTP, like suture's backoff): base plus a random extra of up to
// jitter×base (jitter ≥ 0). The child shows as restarting meanwhile, and
// the supervisor keeps handling requests. Off (0) by default.
func WithRestartDelay(base time.Duration, jitter float64) Option {
	return func(c *config) { c.delay, c.jitter = base, jitter }
}

func (c *config) validate(children []ChildSpec) error {
	switch {
	case c.strategy < OneForOne || c.strategy > SimpleOneForOne:
		return optionError(ErrInvalidStrategy, c.strategy)
	case c.maxRestarts < 0:
		return optionError(ErrInvalidIntensity, c.maxRestarts)
	case c.period <= 0:
		return optionError(ErrInvalidPeriod, c.period)
	case c.autoShutdown < Never || c.autoShutdown > AllSignificant:
		return optionError(ErrInvalidAutoShutdown, c.autoShutdown)
	case c.delay < 0 || c.jitter < 0:
		return optionError(ErrInvalidRestartDelay, fmt.Sprintf("%v, jitter %v", c.delay, c.jitter))
	}
	if c.strategy == SimpleOneForOne {
		if len(children) != 1 {
			return optionError(ErrBadStartSpec, fmt.Sprintf("%d specs", len(children)))
		}
		if c.autoShutdown != Never {
			return fmt.Errorf("supervisor: %w: auto-shutdown %v with strategy %v", ErrBadCombination, c.autoShutdown, c.strategy)
		}
	}
	return CheckChildSpecs(children, c.autoShutdown)
}
