package loader

import (
	"container/heap"
	"sync"
	"time"
)

// eventLoop runs callbacks on the one goroutine that owns the goja runtime, in Node's phase order:
// expired timers, then work posted by Go goroutines (I/O completions), then immediates. The loop is
// alive while a ref'd timer or immediate is pending or a Go operation holds it (host.Hold), like
// libuv's active handles.
type eventLoop struct {
	timers     timerHeap
	timerSeq   uint64
	refTimers  int
	immediates []*immediate
	refImm     int

	mu      sync.Mutex
	posted  []func()
	holds   int
	wake    chan struct{}
	stopped bool
}

type timer struct {
	when     time.Time
	seq      uint64
	interval time.Duration // 0 for one-shot timers
	fn       func()
	ref      bool
	index    int // position in the heap; -1 when not scheduled
}

type immediate struct {
	fn      func()
	ref     bool
	cleared bool
}

func newEventLoop() *eventLoop {
	return &eventLoop{wake: make(chan struct{}, 1)}
}

// schedule arms t to fire after d (Node clamps to at least 1 ms).
func (l *eventLoop) schedule(t *timer, d time.Duration) {
	if d < time.Millisecond {
		d = time.Millisecond
	}
	if t.index >= 0 {
		l.unschedule(t)
	}
	l.timerSeq++
	t.seq = l.timerSeq
	t.when = time.Now().Add(d)
	heap.Push(&l.timers, t)
	if t.ref {
		l.refTimers++
	}
}

func (l *eventLoop) unschedule(t *timer) {
	if t.index < 0 {
		return
	}
	heap.Remove(&l.timers, t.index)
	if t.ref {
		l.refTimers--
	}
}

func (l *eventLoop) setTimerRef(t *timer, ref bool) {
	if t.ref == ref {
		return
	}
	if t.index >= 0 {
		if ref {
			l.refTimers++
		} else {
			l.refTimers--
		}
	}
	t.ref = ref
}

func (l *eventLoop) addImmediate(fn func()) *immediate {
	im := &immediate{fn: fn, ref: true}
	l.immediates = append(l.immediates, im)
	l.refImm++
	return im
}

func (l *eventLoop) clearImmediate(im *immediate) {
	if im.cleared {
		return
	}
	im.cleared = true
	if im.ref {
		l.refImm--
	}
}

func (l *eventLoop) setImmediateRef(im *immediate, ref bool) {
	if im.ref == ref || im.cleared {
		im.ref = ref
		return
	}
	if ref {
		l.refImm++
	} else {
		l.refImm--
	}
	im.ref = ref
}

// post queues fn for the loop goroutine; safe from any goroutine.
func (l *eventLoop) post(fn func()) {
	l.mu.Lock()
	if l.stopped {
		l.mu.Unlock()
		return
	}
	l.posted = append(l.posted, fn)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// hold keeps the loop alive until the returned function is called.
func (l *eventLoop) hold() func() {
	l.mu.Lock()
	l.holds++
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			l.holds--
			l.mu.Unlock()
			select {
			case l.wake <- struct{}{}:
			default:
			}
		})
	}
}

func (l *eventLoop) stop() {
	l.mu.Lock()
	l.stopped = true
	l.posted = nil
	l.mu.Unlock()
}

// alive reports whether anything can still produce a callback.
func (l *eventLoop) alive() bool {
	if l.refTimers > 0 || l.refImm > 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.holds > 0 || len(l.posted) > 0
}

// runOnce runs one turn of the loop; call reports each callback to the runtime, which runs it with
// the nextTick and microtask queues drained after it. It returns false when the loop should stop
// because call asked to (process exit).
func (l *eventLoop) runOnce(call func(fn func()) bool, beforeWait func()) bool {
	// Timers phase: run every timer that is due now, in (when, seq) order.
	now := time.Now()
	for len(l.timers) > 0 && !l.timers[0].when.After(now) {
		t := heap.Pop(&l.timers).(*timer)
		if t.ref {
			l.refTimers--
		}
		if t.interval > 0 {
			l.schedule(t, t.interval)
		}
		if !call(t.fn) {
			return false
		}
	}
	// Pending phase: completions posted by Go goroutines.
	l.mu.Lock()
	posted := l.posted
	l.posted = nil
	l.mu.Unlock()
	for _, fn := range posted {
		if !call(fn) {
			return false
		}
	}
	// Check phase: immediates queued before this phase started; new ones wait for the next turn.
	if len(l.immediates) > 0 {
		batch := l.immediates
		l.immediates = nil
		for i, im := range batch {
			if im.cleared {
				continue
			}
			im.cleared = true
			if im.ref {
				l.refImm--
			}
			if !call(im.fn) {
				l.immediates = append(batch[i+1:], l.immediates...)
				return false
			}
		}
	}
	if len(l.immediates) > 0 {
		return true
	}
	// Poll phase: sleep until the next timer or a post, if anything can still wake us.
	l.mu.Lock()
	pending := len(l.posted) > 0
	holds := l.holds
	l.mu.Unlock()
	if pending {
		return true
	}
	var wait time.Duration = -1
	if len(l.timers) > 0 {
		wait = time.Until(l.timers[0].when)
		if wait < 0 {
			wait = 0
		}
	}
	if wait == 0 {
		return true
	}
	if holds == 0 && l.refTimers == 0 {
		// Only unref'd timers remain: nothing keeps the process alive.
		return true
	}
	beforeWait()
	if wait < 0 {
		<-l.wake
		return true
	}
	tm := time.NewTimer(wait)
	select {
	case <-l.wake:
		tm.Stop()
	case <-tm.C:
	}
	return true
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when.Equal(h[j].when) {
		return h[i].seq < h[j].seq
	}
	return h[i].when.Before(h[j].when)
}
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	n := len(old)
	t := old[n-1]
	old[n-1] = nil
	t.index = -1
	*h = old[:n-1]
	return t
}
