'use strict';
// diagnostics_channel. Channels are per compartment: in Node they are process-wide, which lets any
// package subscribe to what another publishes (request URLs, headers, queries). Inside pkgbox a
// package sees only the channels of its own compartment.

const channels = new Map();

class Channel {
  constructor(name) {
    this.name = name;
    this._subscribers = [];
    this._stores = new Map();
  }
  get hasSubscribers() { return this._subscribers.length > 0 || this._stores.size > 0; }
  subscribe(fn) {
    if (typeof fn !== 'function') {
      const e = new TypeError('The "subscription" argument must be of type function. Received ' + typeof fn);
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    this._subscribers.push(fn);
  }
  unsubscribe(fn) {
    const i = this._subscribers.indexOf(fn);
    if (i === -1) return false;
    this._subscribers.splice(i, 1);
    return true;
  }
  publish(message) {
    for (const fn of this._subscribers.slice()) {
      try {
        fn(message, this.name);
      } catch (err) {
        process.nextTick(() => { throw err; });
      }
    }
  }
  bindStore(store, transform) { this._stores.set(store, transform); }
  unbindStore(store) { return this._stores.delete(store); }
  runStores(data, fn, thisArg, ...args) {
    let run = () => {
      this.publish(data);
      return Reflect.apply(fn, thisArg, args);
    };
    for (const [store, transform] of this._stores) {
      const next = run;
      run = () => store.run(transform ? transform(data) : data, next);
    }
    return run();
  }
}

function channel(name) {
  if (typeof name !== 'string' && typeof name !== 'symbol') {
    const e = new TypeError('The "channel" argument must be one of type string or symbol. Received ' + typeof name);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  let c = channels.get(name);
  if (!c) {
    c = new Channel(name);
    channels.set(name, c);
  }
  return c;
}

class TracingChannel {
  constructor(nameOrChannels) {
    for (const event of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) {
      this[event] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${event}`) : nameOrChannels[event];
    }
  }
  get hasSubscribers() {
    return this.start.hasSubscribers || this.end.hasSubscribers || this.asyncStart.hasSubscribers || this.asyncEnd.hasSubscribers || this.error.hasSubscribers;
  }
  subscribe(handlers) {
    for (const k of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) if (handlers[k]) this[k].subscribe(handlers[k]);
  }
  unsubscribe(handlers) {
    let done = true;
    for (const k of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) if (handlers[k] && !this[k].unsubscribe(handlers[k])) done = false;
    return done;
  }
  traceSync(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.start.runStores(context, () => {
      try {
        context.result = Reflect.apply(fn, thisArg, args);
        return context.result;
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  tracePromise(fn, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    return this.start.runStores(context, () => {
      try {
        const p = Reflect.apply(fn, thisArg, args);
        return Promise.resolve(p).then((result) => {
          context.result = result;
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          return result;
        }, (err) => {
          context.error = err;
          this.error.publish(context);
          this.asyncStart.publish(context);
          this.asyncEnd.publish(context);
          throw err;
        });
      } catch (err) {
        context.error = err;
        this.error.publish(context);
        throw err;
      } finally {
        this.end.publish(context);
      }
    });
  }
  traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
    if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
    const i = position < 0 ? args.length + position : position;
    const callback = args[i];
    args[i] = (err, result) => {
      if (err) { context.error = err; this.error.publish(context); } else context.result = result;
      this.asyncStart.publish(context);
      try { return Reflect.apply(callback, this, [err, result]); } finally { this.asyncEnd.publish(context); }
    };
    return this.traceSync(fn, context, thisArg, ...args);
  }
}

module.exports = {
  channel,
  hasSubscribers(name) { const c = channels.get(name); return c ? c.hasSubscribers : false; },
  subscribe(name, fn) { channel(name).subscribe(fn); },
  unsubscribe(name, fn) { return channel(name).unsubscribe(fn); },
  tracingChannel(nameOrChannels) { return new TracingChannel(nameOrChannels); },
  Channel,
};
