package intrinsics

import (
	"runtime"
	"sync"
	"weak"

	"github.com/dop251/goja"
)

// slots keeps the Go state of built-in instances (the specification's internal slots) beside the
// JavaScript objects instead of on them, so scripts can neither read nor forge it. Keys are weak pointers
// and a cleanup drops an entry once its object is collected, so creating formatters in a loop does not
// leak. The mutex is needed only because cleanups run on the runtime's cleanup goroutine.
type slots[T any] struct {
	mu sync.Mutex
	m  map[weak.Pointer[goja.Object]]*T
}

func (s *slots[T]) put(o *goja.Object, v *T) {
	wp := weak.Make(o)
	s.mu.Lock()
	if s.m == nil {
		s.m = make(map[weak.Pointer[goja.Object]]*T)
	}
	s.m[wp] = v
	s.mu.Unlock()
	runtime.AddCleanup(o, s.drop, wp)
}

func (s *slots[T]) drop(wp weak.Pointer[goja.Object]) {
	s.mu.Lock()
	delete(s.m, wp)
	s.mu.Unlock()
}

// get returns the state of v, or nil when v is not an instance of this kind.
func (s *slots[T]) get(v goja.Value) *T {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return nil
	}
	s.mu.Lock()
	st := s.m[weak.Make(o)]
	s.mu.Unlock()
	return st
}

// remove forgets o's state (its cleanup, when it runs, finds nothing to delete).
func (s *slots[T]) remove(o *goja.Object) {
	s.mu.Lock()
	delete(s.m, weak.Make(o))
	s.mu.Unlock()
}
