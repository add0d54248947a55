package child_process

import (
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

type signalEntry struct {
	name string
	num  int
}

var (
	signalsOnce sync.Once
	signals     []signalEntry
)

// signalTable is os.constants.signals as Node 20 has it on Linux: the names x/sys/unix knows for
// 1..31 plus Node's aliases SIGIOT (SIGABRT) and SIGPOLL (SIGIO). A number's name is its first
// entry, which is what Node reports as a child's signalCode.
func signalTable() []signalEntry {
	signalsOnce.Do(func() {
		for n := 1; n <= 31; n++ {
			name := unix.SignalName(syscall.Signal(n))
			if name == "" {
				continue
			}
			signals = append(signals, signalEntry{name, n})
			switch name {
			case "SIGABRT":
				signals = append(signals, signalEntry{"SIGIOT", n})
			case "SIGIO":
				signals = append(signals, signalEntry{"SIGPOLL", n})
			}
		}
	})
	return signals
}
