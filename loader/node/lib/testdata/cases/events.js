=== basic emitter
const EventEmitter = require('events');
print(EventEmitter === EventEmitter.EventEmitter, EventEmitter.default === EventEmitter, typeof EventEmitter.once);
const e = new EventEmitter();
e.on('x', (a, b) => print('x', a, b));
e.prependListener('x', () => print('first'));
e.once('x', () => print('once'));
print(e.emit('x', 1, 2), e.emit('x', 3, 4), e.emit('nothing'));
print(e.listenerCount('x'), e.eventNames(), e.rawListeners('x').length);
e.removeAllListeners('x'); print(e.listenerCount('x'));
print(e);
=== error events
const EventEmitter = require('events');
const e = new EventEmitter();
try { e.emit('error', new Error('plain')); } catch (er) { print(er.message); }
try { e.emit('error', { some: 'obj' }); } catch (er) { print(er.code, er.message, er.context); }
try { e.emit('error'); } catch (er) { print(er.code, er.message); }
e.on(EventEmitter.errorMonitor, (er) => print('monitor', er.message));
e.on('error', (er) => print('handled', er.message));
e.emit('error', new Error('seen'));
=== max listeners warning
const EventEmitter = require('events');
const e = new EventEmitter();
print(e.getMaxListeners(), EventEmitter.defaultMaxListeners);
e.setMaxListeners(1);
e.on('a', () => {}); e.on('a', () => {});
print(e.listenerCount('a'), EventEmitter.getMaxListeners(e));
try { e.setMaxListeners('x'); } catch (er) { print(er.code, er.message); }
=== static once and on
const EventEmitter = require('events');
const e = new EventEmitter();
EventEmitter.once(e, 'ready').then((args) => print('once got', args));
e.emit('ready', 1, 2);
const ac = new AbortController();
EventEmitter.once(e, 'never', { signal: ac.signal }).catch((er) => print(er.name, er.code, er.message));
ac.abort();
const e2 = new EventEmitter();
EventEmitter.once(e2, 'x').catch((er) => print('rejected with', er.message));
e2.emit('error', new Error('bad'));
const it = EventEmitter.on(e, 'data');
it.next().then((r) => print('on next', r));
e.emit('data', 'a');
e.emit('data', 'b');
it.next().then((r) => { print('on next 2', r); return it.return(); }).then((r) => { print('return', r); done(); });
=== captureRejections
const EventEmitter = require('events');
const e = new EventEmitter({ captureRejections: true });
e.on('evt', async () => { throw new Error('async fail'); });
e.on('error', (er) => { print('captured', er.message); done(); });
e.emit('evt');
=== helpers
const events = require('events');
const e = new events.EventEmitter();
const fn = () => {};
e.on('z', fn);
print(events.getEventListeners(e, 'z').length, events.listenerCount(e, 'z'));
events.setMaxListeners(5, e); print(e.getMaxListeners());
print(typeof events.addAbortListener, typeof events.EventEmitterAsyncResource, events.captureRejectionSymbol, events.errorMonitor);
const ac = new AbortController();
events.addAbortListener(ac.signal, () => print('abort listener'));
ac.abort();
class Sub extends events {}
print(new Sub());
