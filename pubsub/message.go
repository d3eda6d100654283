package pubsub

import (
	"encoding/json"
	"sync"

	"github.com/gotp/gotp/actor"
)

// Message is what every member of a channel receives for a broadcast: the
// Go form of Nova's {nova_pubsub, Channel, SenderPid, Topic, Payload}.
// Match it in Receive with `case pubsub.Message:`.
//
// One broadcast builds one Message; all members share it (it is delivered
// as the same interface value, so the broadcast allocates once, not once per
// member). Treat Payload as read-only: every member sees the same value.
type Message struct {
	Channel string
	// Sender is the PID given to Broadcast: the broadcasting process, or
	// the zero PID for a broadcast made from outside any process (an HTTP
	// handler, a test).
	Sender  actor.PID
	Topic   string
	Payload any

	enc *encoding
}

// encoding is the lazily computed, shared JSON form of a Message.
type encoding struct {
	once sync.Once
	data []byte
	err  error
}

// wireMessage is the JSON shape of a Message.
type wireMessage struct {
	Channel string `json:"channel"`
	Topic   string `json:"event"`
	Payload any    `json:"data"`
}

// JSON returns the message encoded as {"channel":…,"event":…,"data":…}.
// The encoding is computed once per broadcast and shared by every member
// that asks for it, so 10,000 WebSocket subscribers cost one encode. The
// returned slice is shared: do not modify it.
func (m Message) JSON() ([]byte, error) {
	if m.enc == nil {
		return json.Marshal(wireMessage{Channel: m.Channel, Topic: m.Topic, Payload: m.Payload})
	}
	m.enc.once.Do(func() {
		if encodeHook != nil {
			encodeHook()
		}
		m.enc.data, m.enc.err = json.Marshal(wireMessage{Channel: m.Channel, Topic: m.Topic, Payload: m.Payload})
	})
	return m.enc.data, m.enc.err
}

// encodeHook, when set by a test, is called once per real encode.
var encodeHook func()

// newMessage builds the one Message of a broadcast, with its shared cache.
func newMessage(sender actor.PID, channel, topic string, payload any) Message {
	return Message{Channel: channel, Sender: sender, Topic: topic, Payload: payload, enc: &encoding{}}
}
