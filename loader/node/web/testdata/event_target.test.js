// EventTarget, Event, CustomEvent, AbortController, AbortSignal, DOMException: Node 20's
// behaviour, quirks included.
onUncaught((e) => print('uncaught', errInfo(e)));
onWarning((w) => print('warning', w.name, w.message));

const t = new EventTarget();
const f1 = (e) => print('f1', e.type, e.eventPhase, e.target === t, e.currentTarget === t, e.isTrusted, e.defaultPrevented, e.composedPath().length);
t.addEventListener('x', f1);
t.addEventListener('x', f1);
t.addEventListener('x', f1, { capture: true });
t.addEventListener('x', { handleEvent(e) { print('obj handleEvent', this !== t, e.type); } });
t.addEventListener('x', function () { print('fn this===t', this === t); });
t.addEventListener('x', () => { throw new Error('boom'); });
t.addEventListener('x', (e) => { print('after throw'); e.preventDefault(); print('prevented?', e.defaultPrevented); }, { passive: true });
t.addEventListener('x', () => print('once'), { once: true });
print('dispatch ->', t.dispatchEvent(new Event('x', { cancelable: true })));
print('dispatch2 ->', t.dispatchEvent(new Event('x', { cancelable: true })));

const ev = new Event('y', { cancelable: true });
t.addEventListener('y', (e) => { e.preventDefault(); e.stopImmediatePropagation(); print('y1', e.returnValue, e.cancelBubble); });
t.addEventListener('y', () => print('y2 should not run'), { passive: true });
print('y ->', t.dispatchEvent(ev), ev.defaultPrevented, ev.eventPhase, ev.currentTarget, ev.target === t, ev.srcElement === t);
print('redispatch', t.dispatchEvent(ev));

const ac = new AbortController();
t.addEventListener('z', () => print('z with signal'), { signal: ac.signal });
t.dispatchEvent(new Event('z'));
ac.abort();
t.dispatchEvent(new Event('z'));
t.addEventListener('z', () => print('never'), { signal: AbortSignal.abort() });
t.dispatchEvent(new Event('z'));
const ac2 = new AbortController();
t.addEventListener('o', () => print('once+signal'), { once: true, signal: ac2.signal });
t.dispatchEvent(new Event('o'));
t.dispatchEvent(new Event('o'));

// Changing the list during dispatch.
const r2 = () => print('r2 should not run');
t.addEventListener('r', () => { print('r1'); t.removeEventListener('r', r2); t.addEventListener('r', () => print('added during')); });
t.addEventListener('r', r2);
t.dispatchEvent(new Event('r'));
t.dispatchEvent(new Event('r'));

// Recursion, nesting and the phase quirk.
t.addEventListener('rec', (e) => { try { t.dispatchEvent(e); } catch (err) { print('recursion', errInfo(err)); } });
t.addEventListener('rec', (e) => { print('second listener phase', e.eventPhase, e.currentTarget); });
t.dispatchEvent(new Event('rec'));
t.addEventListener('n', (x) => { t.dispatchEvent(new Event('n2')); print('n after nested', x.eventPhase); });
t.addEventListener('n2', () => print('n2'));
t.dispatchEvent(new Event('n'));

// Listener return values and handleEvent objects.
t.addEventListener('p', () => Promise.reject(new Error('rejected')));
t.addEventListener('p', { handleEvent() { throw new Error('from handleEvent'); } });
t.dispatchEvent(new Event('p'));
const late = {};
t.addEventListener('h', late);
late.handleEvent = () => print('late handleEvent');
t.dispatchEvent(new Event('h'));

// Argument checks.
for (const bad of [undefined, null, 5, 'str', {}]) print('add', typeof bad, attempt(() => t.addEventListener('q', bad)));
print(attempt(() => t.addEventListener('q')), attempt(() => t.addEventListener()));
print(attempt(() => t.addEventListener('q', () => {}, 5)), attempt(() => t.addEventListener('q', () => {}, { signal: 5 })));
t.addEventListener('o2', () => print('o2 null options'), null);
t.addEventListener('o2', () => print('o2 array options'), []);
t.dispatchEvent(new Event('o2'));
const rm = () => print('rm');
t.addEventListener('rm', rm, true);
t.removeEventListener('rm', rm);
t.dispatchEvent(new Event('rm'));
t.removeEventListener('rm', rm, { capture: true });
t.dispatchEvent(new Event('rm'));
print(attempt(() => t.removeEventListener('rm', 5)), attempt(() => t.removeEventListener('rm', null)), attempt(() => t.removeEventListener('rm')));
print(attempt(() => t.addEventListener(Symbol('s'), () => {})));
print(attempt(() => t.dispatchEvent({ type: 'x' })), attempt(() => t.dispatchEvent()));
print(attempt(() => new Event()), attempt(() => new Event('x', 5)), attempt(() => new Event(Symbol('e'))));
print(attempt(() => EventTarget.prototype.addEventListener.call({}, 'x', () => {})));
print(attempt(() => Event.prototype.preventDefault.call({})), attempt(() => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call(5)));
print(new Event('x', null).bubbles, new Event(5).type, new Event('x').composedPath().length, new Event('x').isTrusted);

// Event details.
const ne = new Event('x');
ne.preventDefault();
print('noncancelable', ne.defaultPrevented, ne.returnValue);
ne.cancelBubble = true;
print(ne.cancelBubble, Object.keys(ne).length, Object.getOwnPropertyNames(ne).length);
const ie = new Event('a');
ie.initEvent('b', true, true);
print(ie.type, ie.bubbles, ie.cancelable, new Event('c', { composed: 1 }).composed, typeof ie.timeStamp);
print(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE, Event.prototype.AT_TARGET);
const ce = new CustomEvent('c', { detail: 0 });
print(ce.detail, new CustomEvent('c').detail, new CustomEvent('c', { detail: undefined }).detail, ce instanceof Event);
print(attempt(() => new CustomEvent()), attempt(() => Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get.call(new Event('x'))));

// AbortController and AbortSignal.
const a = new AbortController(), b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
const any2 = AbortSignal.any([any]);
any.addEventListener('abort', (e) => print('any abort', any.reason, e.isTrusted, e.target === any));
any2.onabort = function (e) { print('any2 onabort', any2.reason, this === any2, e.type); };
a.signal.addEventListener('abort', () => print('a abort', a.signal.aborted, any.aborted));
a.abort('R');
a.abort('again');
print(a.signal.reason, any.aborted, b.signal.aborted, any2.reason);
print(AbortSignal.any([]).aborted, AbortSignal.any([AbortSignal.abort(1), AbortSignal.abort(2)]).reason);
print(attempt(() => AbortSignal.any([1])), attempt(() => AbortSignal.any(5)), attempt(() => new AbortSignal()));
print(attempt(() => AbortSignal.timeout('1')), attempt(() => AbortSignal.timeout(1.5)));
print(attempt(() => AbortSignal.timeout(2 ** 32)), attempt(() => AbortSignal.timeout(2 ** 33)), attempt(() => AbortSignal.timeout(-1)));
const r = AbortSignal.abort();
print(r.reason.name, r.reason.message, r.reason.code, r.reason instanceof DOMException, r.reason instanceof Error);
try { r.throwIfAborted(); } catch (e) { print('thrown', e === r.reason); }
print(new AbortController().signal.throwIfAborted(), AbortSignal.abort(undefined).reason.name, AbortSignal.abort(null).reason);
const c = new AbortController();
c.abort();
print(c.signal.reason.message);
c.signal.onabort = 5;
print(c.signal.onabort);
c.signal.onabort = () => {};
print(typeof c.signal.onabort);
c.signal.onabort = null;
print(c.signal.onabort);
print(attempt(() => AbortController.prototype.abort.call({})));
print(attempt(() => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call({})));
const d = new AbortController();
d.signal.addEventListener('abort', () => { print('first'); d.signal.addEventListener('abort', () => print('added late')); });
d.abort();
const e2 = new AbortController();
e2.signal.onabort = () => { throw new Error('from onabort'); };
e2.abort();
print('after abort with throw');
const order = new AbortController();
order.signal.addEventListener('abort', () => print('listener 1'));
order.signal.onabort = () => print('onabort (second place)');
order.signal.addEventListener('abort', () => print('listener 3'));
order.signal.onabort = () => print('onabort replaced, same place');
order.abort();

// Timers: timeout fires while something else keeps the loop alive; an unref'd one alone does not.
// They start once the ticks above have run, so the order does not depend on the host.
setTimeout(() => {
  const ts = AbortSignal.timeout(10);
  ts.onabort = () => print('timeout fired', ts.reason.name, ts.reason.message, ts.reason.code);
  setTimeout(() => print('keepalive'), 50);
  AbortSignal.timeout(100).onabort = () => print('never: unref');
}, 200);

// DOMException.
const de = new DOMException('m', 'AbortError');
print(de.name, de.message, de.code, String(de), Object.prototype.toString.call(de), Object.getOwnPropertyNames(de));
print(new DOMException().name, JSON.stringify(new DOMException().message), new DOMException(undefined, 'Foo').code);
print(new DOMException('m', { name: 'X', cause: 2 }).cause, show(Object.getOwnPropertyDescriptor(new DOMException('m', { cause: 1 }), 'cause')));
print(new DOMException('a', 'SyntaxError').code, new DOMException({ toString() { return 'obj'; } }, { name: { toString() { return 'N'; } } }).name, new DOMException('x', {}).name);
print(DOMException.INDEX_SIZE_ERR, DOMException.DATA_CLONE_ERR, DOMException.prototype.ABORT_ERR, DOMException.length);
print(attempt(() => DOMException.prototype.name));
print(de.stack.split('\n')[0]);

// Shapes (Node's internal symbols left out).
const describePublic = (o) => describe(o).split(' ').filter((d) => !/^Symbol\((k|nodejs\.internal|nodejs\.event_target|messaging)/.test(d)).join(' ');
for (const C of [EventTarget, Event, CustomEvent, AbortController, AbortSignal, DOMException]) {
  print(C.name, describePublic(C.prototype));
  print(C.name, 'static', describePublic(C));
}
print(Object.getPrototypeOf(AbortSignal) === EventTarget, Object.getPrototypeOf(CustomEvent) === Event, Object.getPrototypeOf(DOMException.prototype) === Error.prototype);

// Inspect (timeStamp varies, so it is masked).
const mask = (s) => s.replace(/timeStamp: [\d.]+/g, 'timeStamp: N');
print(mask(inspect(new Event('foo', { bubbles: true, cancelable: true }))));
print(mask(inspect(new CustomEvent('c', { detail: { a: 1 } }))));
print(inspect(new EventTarget()), inspect(new AbortController()), inspect(AbortSignal.abort()));
print(inspect({ a: { b: new AbortController() } }, { depth: 1 }));
print('sync end');
