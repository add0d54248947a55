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
//
// Timers follow Node's lib/internal/timers.js model, because the order in which timers that are
// due in the same turn run is observable (rxjs, async libraries, tests that busy-wait):
//   - the clock is whole milliseconds since the loop started (libuv's uv_now), read afresh when a
//     timer is armed and once at the start of each timers phase;
//   - a timer's delay is truncated to whole milliseconds, and timers with the same delay share one
//     list, in arming order; lists are ordered by (expiry, list id);
//   - the timers phase takes the list that expires first and runs every timer of it that is due
//     before it moves to the next list, so setTimeout(a, 10) armed at 0 and setTimeout(b, 10)
//     armed at 20 both run before setTimeout(c, 20) armed at 0, when the phase starts at 60.
type eventLoop struct {
	origin     time.Time
	lists      timerListHeap
	listByMs   map[int64]*timerList
	listSeq    uint64
	refTimers  int
	immediates []*immediate
	refImm     int

	mu      sync.Mutex
	posted  []func()
	holds   int
	wake    chan struct{}
	stopped bool
}

// timer is one setTimeout/setInterval. It is armed while it sits in a list.
type timer struct {
	msecs     int64 // the delay in whole ms (Node truncates); at least 1
	start     int64 // loop clock when armed (Node's _idleStart)
	repeat    bool
	fn        func()
	ref       bool
	cancelled bool // disarmed by clearTimeout/close: an interval running its callback is not re-armed
	list      *timerList
	prev      *timer
	next      *timer
}

// timerList holds the armed timers of one delay, oldest first (Node's TimersList).
type timerList struct {
	msecs      int64
	expiry     int64
	id         uint64
	head, tail *timer
	index      int // position in the heap; -1 when not in it
}

type immediate struct {
	fn      func()
	ref     bool
	cleared bool
}

func newEventLoop() *eventLoop {
	return &eventLoop{origin: time.Now(), listByMs: map[int64]*timerList{}, wake: make(chan struct{}, 1)}
}

// now is the loop clock: whole milliseconds since the loop started.
func (l *eventLoop) now() int64 {
	return int64(time.Since(l.origin) / time.Millisecond)
}

// arm schedules t to fire t.msecs after now, at the end of its delay's list; an armed timer is
// moved there (Node's insert, used by setTimeout and refresh).
func (l *eventLoop) arm(t *timer) {
	l.insert(t, l.now())
}

func (l *eventLoop) insert(t *timer, start int64) {
	if t.msecs < 1 {
		t.msecs = 1
	}
	if t.list != nil {
		l.unlink(t)
	}
	t.cancelled = false
	t.start = start
	list := l.listByMs[t.msecs]
	if list == nil {
		l.listSeq++
		list = &timerList{msecs: t.msecs, expiry: start + t.msecs, id: l.listSeq}
		l.listByMs[t.msecs] = list
		heap.Push(&l.lists, list)
	}
	t.list = list
	t.prev = list.tail
	t.next = nil
	if list.tail != nil {
		list.tail.next = t
	} else {
		list.head = t
	}
	list.tail = t
	if t.ref {
		l.refTimers++
	}
}

// unlink takes an armed timer out of its list (the list stays, even when empty).
func (l *eventLoop) unlink(t *timer) {
	list := t.list
	if t.prev != nil {
		t.prev.next = t.next
	} else {
		list.head = t.next
	}
	if t.next != nil {
		t.next.prev = t.prev
	} else {
		list.tail = t.prev
	}
	t.prev, t.next, t.list = nil, nil, nil
	if t.ref {
		l.refTimers--
	}
}

// removeList drops a list from the queue (Node deletes a list once it is empty).
func (l *eventLoop) removeList(list *timerList) {
	if list.index >= 0 {
		heap.Remove(&l.lists, list.index)
	}
	if l.listByMs[list.msecs] == list {
		delete(l.listByMs, list.msecs)
	}
}

// disarm cancels t (clearTimeout): it does not fire, and an interval inside its own callback is
// not re-armed.
func (l *eventLoop) disarm(t *timer) {
	t.cancelled = true
	if t.list == nil {
		return
	}
	list := t.list
	l.unlink(t)
	if list.head == nil {
		l.removeList(list)
	}
}

func (l *eventLoop) setTimerRef(t *timer, ref bool) {
	if t.ref == ref {
		return
	}
	if t.list != nil {
		if ref {
			l.refTimers++
		} else {
			l.refTimers--
		}
	}
	t.ref = ref
}

// runTimers is the timers phase (Node's processTimers and listOnTimeout): with the clock read
// once, it takes lists in (expiry, id) order and runs each list's due timers in arming order.
// It returns false when call asked the loop to stop.
func (l *eventLoop) runTimers(call func(fn func()) bool) bool {
	now := l.now()
	for len(l.lists) > 0 {
		list := l.lists[0]
		if list.expiry > now {
			return true
		}
		for {
			t := list.head
			if t == nil {
				l.removeList(list)
				break
			}
			if now-t.start < list.msecs {
				// The rest of this list is not due yet: requeue it by its oldest timer.
				list.expiry = max(t.start+list.msecs, now+1)
				l.listSeq++
				list.id = l.listSeq
				heap.Fix(&l.lists, list.index)
				break
			}
			l.unlink(t)
			var start int64
			if t.repeat {
				start = l.now()
			}
			if !call(t.fn) {
				return false
			}
			if t.repeat && !t.cancelled {
				l.insert(t, start)
			}
			if list.index < 0 {
				break // a callback cleared the rest of this list
			}
		}
	}
	return true
}

// nextExpiry reports when the first list expires, in loop-clock ms.
func (l *eventLoop) nextExpiry() (int64, bool) {
	if len(l.lists) == 0 {
		return 0, false
	}
	return l.lists[0].expiry, true
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
	if !l.runTimers(call) {
		return false
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
	if expiry, ok := l.nextExpiry(); ok {
		wait = max(time.Until(l.origin.Add(time.Duration(expiry)*time.Millisecond)), 0)
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

type timerListHeap []*timerList

func (h timerListHeap) Len() int { return len(h) }
func (h timerListHeap) Less(i, j int) bool {
	if h[i].expiry != h[j].expiry {
		return h[i].expiry < h[j].expiry
	}
	return h[i].id < h[j].id
}
func (h timerListHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *timerListHeap) Push(x any) {
	list := x.(*timerList)
	list.index = len(*h)
	*h = append(*h, list)
}
func (h *timerListHeap) Pop() any {
	old := *h
	n := len(old)
	list := old[n-1]
	old[n-1] = nil
	list.index = -1
	*h = old[:n-1]
	return list
}
