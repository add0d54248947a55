// internal/event_target: DOMException, Event, CustomEvent, EventTarget, AbortSignal and
// AbortController with Node 20's observable behaviour, quirks included: listeners live in a
// linked list whose next link is read before each call, eventPhase and currentTarget read as
// "not dispatching" once the first listener has returned, and a throwing listener becomes an
// uncaught exception on the next tick instead of stopping the dispatch.

// ---- DOMException ----

const domExceptionCodes = [
  ['IndexSizeError', 'INDEX_SIZE_ERR'],
  ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR'],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR'],
  ['WrongDocumentError', 'WRONG_DOCUMENT_ERR'],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR'],
  ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR'],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR'],
  ['NotFoundError', 'NOT_FOUND_ERR'],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR'],
  ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR'],
  ['InvalidStateError', 'INVALID_STATE_ERR'],
  ['SyntaxError', 'SYNTAX_ERR'],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR'],
  ['NamespaceError', 'NAMESPACE_ERR'],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR'],
  ['ValidationError', 'VALIDATION_ERR'],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR'],
  ['SecurityError', 'SECURITY_ERR'],
  ['NetworkError', 'NETWORK_ERR'],
  ['AbortError', 'ABORT_ERR'],
  ['URLMismatchError', 'URL_MISMATCH_ERR'],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR'],
  ['TimeoutError', 'TIMEOUT_ERR'],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR'],
  ['DataCloneError', 'DATA_CLONE_ERR'],
];
const codeOfName = new Map(domExceptionCodes.map(([name], i) => [name, i + 1]));

let isDOMException;
function checkDOMException(self) {
  if (!isDOMException(self)) throw nodeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of DOMException');
}

// A DOMException is a real Error (so goja renders its stack from the name and message getters)
// with no own properties but the stack, as in Node.
class DOMException extends Error {
  #name;
  #message;

  constructor(message = '', options = 'Error') {
    super();
    this.#message = `${message}`;
    if (options !== null && typeof options === 'object') {
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', { value: options.cause, writable: true, enumerable: false, configurable: true });
      }
      this.#name = `${options.name}`;
    } else {
      this.#name = `${options}`;
    }
  }

  static {
    isDOMException = (v) => v !== null && typeof v === 'object' && #name in v;
  }

  get name() {
    checkDOMException(this);
    return this.#name;
  }

  get message() {
    checkDOMException(this);
    return this.#message;
  }

  get code() {
    checkDOMException(this);
    return codeOfName.get(this.#name) ?? 0;
  }
}

defineEnumerable(DOMException.prototype, ['name', 'message', 'code']);
domExceptionCodes.forEach(([, constant], i) => {
  const desc = { value: i + 1, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
});
defineToStringTag(DOMException.prototype, 'DOMException');

// ---- shared validation ----

const kTrusted = Symbol('kTrusted');
const kDontThrow = Symbol('kDontThrow');
const timeOrigin = Date.now();

function toDOMString(v) {
  if (typeof v === 'symbol') {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'value' is invalid. Received ${v.toString()}`);
  }
  return `${v}`;
}

// validateOptionsObject is Node's validateObject with nulls, arrays and functions allowed.
function validateOptionsObject(options, name) {
  if (options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw errInvalidArgType(name, 'object', options);
  }
}

function emitUncaught(err) {
  process.nextTick(() => {
    throw err;
  });
}

// ---- Event ----

let eventState;
function checkEvent(self) {
  if (self === null || typeof self !== 'object' || eventState(self) === undefined) throw errInvalidThis('Event');
}

class Event {
  #type;
  #bubbles;
  #cancelable;
  #composed;
  #defaultPrevented = false;
  #stop = false;
  #propagationStopped = false;
  #target = null;
  #dispatching = false;
  #trusted = false;
  #timeStamp = Date.now() - timeOrigin;

  constructor(type, options = {}) {
    if (arguments.length === 0) throw errMissingArgs('type');
    validateOptionsObject(options, 'options');
    this.#type = `${type}`;
    this.#bubbles = Boolean(options?.bubbles);
    this.#cancelable = Boolean(options?.cancelable);
    this.#composed = Boolean(options?.composed);
    if (options?.[kTrusted] === true) this.#trusted = true;
  }

  static {
    // eventState gives this module the fields dispatch needs; package code cannot reach it.
    eventState = (e) => {
      if (!(#type in e)) return undefined;
      return {
        dispatching: () => e.#dispatching,
        begin: (target) => {
          e.#target = target;
          e.#dispatching = true;
        },
        end: () => {
          e.#dispatching = false;
        },
        stopped: () => e.#stop,
        trusted: () => e.#trusted,
        rawDefaultPrevented: () => e.#defaultPrevented,
      };
    };
  }

  initEvent(type, bubbles = false, cancelable = false) {
    checkEvent(this);
    if (arguments.length === 0) throw errMissingArgs('type');
    if (this.#dispatching) return;
    this.#type = `${type}`;
    this.#bubbles = Boolean(bubbles);
    this.#cancelable = Boolean(cancelable);
  }

  stopImmediatePropagation() {
    checkEvent(this);
    this.#propagationStopped = true;
    this.#stop = true;
  }

  preventDefault() {
    checkEvent(this);
    this.#defaultPrevented = true;
  }

  get target() {
    checkEvent(this);
    return this.#target;
  }

  get currentTarget() {
    checkEvent(this);
    return this.#dispatching ? this.#target : null;
  }

  get srcElement() {
    checkEvent(this);
    return this.#target;
  }

  get type() {
    checkEvent(this);
    return this.#type;
  }

  get cancelable() {
    checkEvent(this);
    return this.#cancelable;
  }

  get defaultPrevented() {
    checkEvent(this);
    return this.#cancelable && this.#defaultPrevented;
  }

  get timeStamp() {
    checkEvent(this);
    return this.#timeStamp;
  }

  composedPath() {
    checkEvent(this);
    return this.#dispatching ? [this.#target] : [];
  }

  get returnValue() {
    checkEvent(this);
    return !(this.#cancelable && this.#defaultPrevented);
  }

  get bubbles() {
    checkEvent(this);
    return this.#bubbles;
  }

  get composed() {
    checkEvent(this);
    return this.#composed;
  }

  get eventPhase() {
    checkEvent(this);
    return this.#dispatching ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    checkEvent(this);
    return this.#propagationStopped;
  }

  set cancelBubble(value) {
    checkEvent(this);
    if (value) this.#propagationStopped = true;
  }

  stopPropagation() {
    checkEvent(this);
    this.#propagationStopped = true;
  }

  [kInspect](depth, options, inspect) {
    checkEvent(this);
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = Object.assign({}, options, { depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth });
    return `${name} ${inspect({
      type: this.#type,
      defaultPrevented: this.#defaultPrevented,
      cancelable: this.#cancelable,
      timeStamp: this.#timeStamp,
    }, opts)}`;
  }
}

defineEnumerable(Event.prototype, ['initEvent', 'stopImmediatePropagation', 'preventDefault', 'target',
  'currentTarget', 'srcElement', 'type', 'cancelable', 'defaultPrevented', 'timeStamp', 'composedPath',
  'returnValue', 'bubbles', 'composed', 'eventPhase', 'cancelBubble', 'stopPropagation']);
Object.defineProperty(Event.prototype, 'isTrusted', {
  get: function isTrusted() {
    const st = this !== null && typeof this === 'object' ? eventState(this) : undefined;
    return st !== undefined && st.trusted();
  },
  enumerable: true,
  configurable: false,
});
defineToStringTag(Event.prototype, 'Event');
['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].forEach((name, i) => {
  Object.defineProperty(Event, name, { value: i, enumerable: true, writable: false, configurable: false });
});

function isEvent(v) {
  return v !== null && typeof v === 'object' && eventState(v) !== undefined;
}

let hasDetail;
class CustomEvent extends Event {
  #detail;

  constructor(type, options = {}) {
    if (arguments.length === 0) throw errMissingArgs('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }

  static {
    hasDetail = (v) => v !== null && typeof v === 'object' && #detail in v;
  }

  get detail() {
    if (!hasDetail(this)) throw errInvalidThis('CustomEvent');
    return this.#detail;
  }
}

defineEnumerable(CustomEvent.prototype, ['detail']);
defineToStringTag(CustomEvent.prototype, 'CustomEvent');

// ---- EventTarget ----

// A listener node: the list for one type is root -> node -> node, appended at the end.
function newNode(previous, listener, once, capture, passive, resist) {
  const node = { next: undefined, previous, listener, once, capture, passive, resist, removed: false };
  previous.next = node;
  return node;
}

function unlink(node) {
  if (node.previous !== undefined) node.previous.next = node.next;
  if (node.next !== undefined) node.next.previous = node.previous;
  node.removed = true;
}

function parseListenerOptions(options) {
  if (typeof options === 'boolean') return { capture: options };
  if (options === null) return {};
  validateOptionsObject(options, 'options');
  return {
    once: Boolean(options.once),
    capture: Boolean(options.capture),
    passive: Boolean(options.passive),
    signal: options.signal,
    resist: options[kResist] === true,
  };
}
const kResist = Symbol('kResistStopPropagation');

function isListener(listener) {
  if (typeof listener === 'function' || (listener !== null && typeof listener === 'object')) return true;
  if (listener == null) return false;
  throw errInvalidArgType('listener', 'EventListener', listener);
}

// callHandleEvent mirrors Node's wrapper for listener objects: an async function, so what the
// handler throws comes back as a rejected promise.
async function callHandleEvent(listener, event) {
  if (listener.handleEvent) await Reflect.apply(listener.handleEvent, listener, [event]);
}

let hasListeners;
function checkTarget(self) {
  if (self === null || typeof self !== 'object' || !hasListeners(self)) throw errInvalidThis('EventTarget');
}

class EventTarget {
  #events = new Map();

  static {
    hasListeners = (v) => #events in v;
  }

  addEventListener(type, listener, options = {}) {
    checkTarget(this);
    if (arguments.length < 2) throw errMissingArgs('type', 'listener');
    const opts = parseListenerOptions(options);
    const { once, capture, passive, signal, resist } = opts;
    if (signal !== undefined && !isAbortSignal(signal)) {
      throw errInvalidArgType('options.signal', 'AbortSignal', signal);
    }
    if (!isListener(listener)) {
      const w = new Error(`addEventListener called with ${listener} which has no effect.`);
      Object.defineProperty(w, 'name', { value: 'AddEventListenerArgumentTypeWarning', writable: true, configurable: true });
      w.target = this;
      w.type = type;
      process.emitWarning(w);
      return;
    }
    type = toDOMString(type);
    if (signal !== undefined) {
      if (signal.aborted) return;
      signal.addEventListener('abort', () => {
        this.removeEventListener(type, listener, options);
      }, { once: true, [kResist]: true });
    }
    let root = this.#events.get(type);
    if (root === undefined) {
      root = { next: undefined, previous: undefined, resist: Boolean(resist) };
      this.#events.set(type, root);
    }
    let previous = root;
    for (let node = root.next; node !== undefined; node = node.next) {
      if (node.listener === listener && node.capture === Boolean(capture)) return;
      previous = node;
    }
    newNode(previous, listener, Boolean(once), Boolean(capture), Boolean(passive), Boolean(resist));
  }

  removeEventListener(type, listener, options = {}) {
    checkTarget(this);
    if (arguments.length < 2) throw errMissingArgs('type', 'listener');
    if (!isListener(listener)) return;
    type = toDOMString(type);
    const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
    const root = this.#events.get(type);
    if (root === undefined) return;
    for (let node = root.next; node !== undefined; node = node.next) {
      if (node.listener === listener && node.capture === capture) {
        unlink(node);
        return;
      }
    }
  }

  dispatchEvent(event) {
    checkTarget(this);
    if (arguments.length < 1) throw errMissingArgs('event');
    if (!isEvent(event)) throw errInvalidArgType('event', 'Event', event);
    const st = eventState(event);
    if (st.dispatching()) {
      throw nodeError(Error, 'ERR_EVENT_RECURSION', `The event "${event.type}" is already being dispatched`);
    }
    st.begin(this);
    const root = this.#events.get(event.type);
    let node = root === undefined ? undefined : root.next;
    while (node !== undefined && (root.resist || !st.stopped())) {
      const next = node.next;
      if (node.removed || (st.stopped() && !node.resist)) {
        node = next;
        continue;
      }
      if (node.once) unlink(node);
      try {
        const listener = node.listener;
        const result = typeof listener === 'function'
          ? Reflect.apply(listener, this, [event])
          : callHandleEvent(listener, event);
        st.end();
        if (result !== undefined && result !== null && typeof result.then === 'function') {
          Reflect.apply(result.then, result, [undefined, emitUncaught]);
        }
      } catch (err) {
        emitUncaught(err);
      }
      node = next;
    }
    st.end();
    return event.defaultPrevented !== true;
  }

  [kInspect](depth, options, inspect) {
    checkTarget(this);
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = Object.assign({}, options, { depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth });
    return `${name} ${inspect({}, opts)}`;
  }
}

defineEnumerable(EventTarget.prototype, ['addEventListener', 'removeEventListener', 'dispatchEvent']);
defineToStringTag(EventTarget.prototype, 'EventTarget');

// defineEventHandler adds an on<type> attribute: the handler keeps the place of the first
// assignment in the listener list, and any value can be stored (only functions are called).
function defineEventHandler(proto, type) {
  const handlers = new WeakMap();
  Object.defineProperty(proto, `on${type}`, {
    get() {
      return handlers.get(this)?.handler ?? null;
    },
    set(value) {
      let wrapper = handlers.get(this);
      if (wrapper === undefined) {
        wrapper = function eventHandler(...args) {
          if (typeof wrapper.handler !== 'function') return undefined;
          return Reflect.apply(wrapper.handler, this, args);
        };
        handlers.set(this, wrapper);
        this.addEventListener(type, wrapper);
      }
      wrapper.handler = value;
    },
    enumerable: true,
    configurable: true,
  });
}

// ---- AbortSignal and AbortController ----

let signalState;
function isAbortSignal(v) {
  return v !== null && typeof v === 'object' && signalState(v) !== undefined;
}
function checkSignal(self) {
  if (!isAbortSignal(self)) throw errInvalidThis('AbortSignal');
}

function newAbortError() {
  return new DOMException('This operation was aborted', 'AbortError');
}

function addNumericalSeparator(s) {
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

function errOutOfRange(name, range, value) {
  let received;
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addNumericalSeparator(String(value));
  else if (typeof value === 'bigint') received = `${value}n`;
  else received = Object.is(value, -0) ? '-0' : String(value);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${received}`);
}

function abortSignal(signal, reason) {
  const st = signalState(signal);
  if (st.aborted()) return;
  st.abort(reason);
  signal.dispatchEvent(new Event('abort', { [kTrusted]: true }));
  for (const dependant of st.dependants()) abortSignal(dependant, reason);
}

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  #dependants = new Set();
  #sources = null; // set on signals made by AbortSignal.any

  constructor(key = undefined) {
    if (key !== kDontThrow) throw nodeError(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    super();
  }

  static {
    signalState = (s) => {
      if (!(#aborted in s)) return undefined;
      return {
        aborted: () => s.#aborted,
        abort: (reason) => {
          s.#aborted = true;
          s.#reason = reason;
        },
        dependants: () => Array.from(s.#dependants),
        addDependant: (d) => s.#dependants.add(d),
        sources: () => s.#sources,
        setSources: (list) => {
          s.#sources = list;
        },
      };
    };
  }

  get aborted() {
    checkSignal(this);
    return this.#aborted;
  }

  get reason() {
    checkSignal(this);
    return this.#reason;
  }

  throwIfAborted() {
    checkSignal(this);
    if (this.#aborted) throw this.#reason;
  }

  static abort(reason = newAbortError()) {
    const signal = new AbortSignal(kDontThrow);
    signalState(signal).abort(reason);
    return signal;
  }

  // timeout's timer is unreferenced, as in Node: a pending timeout alone keeps nothing alive.
  static timeout(delay) {
    if (typeof delay !== 'number') throw errInvalidArgType('delay', 'number', delay);
    if (!Number.isInteger(delay)) throw errOutOfRange('delay', 'an integer', delay);
    if (delay < 0 || delay > 4294967295) throw errOutOfRange('delay', '>= 0 && <= 4294967295', delay);
    const signal = new AbortSignal(kDontThrow);
    const timer = setTimeout(() => {
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    if (timer !== null && typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw errInvalidArgType('signals', 'Array', signals);
    for (let i = 0; i < signals.length; i++) {
      if (!isAbortSignal(signals[i])) throw errInvalidArgType(`signals[${i}]`, 'AbortSignal', signals[i]);
    }
    const result = new AbortSignal(kDontThrow);
    const rs = signalState(result);
    rs.setSources([]);
    for (const signal of signals) {
      if (signal.aborted) {
        rs.abort(signal.reason);
        return result;
      }
    }
    for (const signal of signals) {
      // A signal made by any() stands for its sources, as in Node.
      const sources = signalState(signal).sources();
      for (const source of sources === null ? [signal] : sources) {
        signalState(source).addDependant(result);
        rs.sources().push(source);
      }
    }
    return result;
  }

  [kInspect](depth, options, inspect) {
    checkSignal(this);
    if (depth < 0) return this;
    const opts = Object.assign({}, options, { depth: options.depth === null ? null : options.depth - 1 });
    return `${this.constructor.name} ${inspect({ aborted: this.aborted }, opts)}`;
  }
}

Object.defineProperty(AbortSignal.prototype, 'aborted', { enumerable: true });
defineEventHandler(AbortSignal.prototype, 'abort');
defineToStringTag(AbortSignal.prototype, 'AbortSignal');

class AbortController {
  #signal = new AbortSignal(kDontThrow);

  get signal() {
    return this.#signal;
  }

  abort(reason = newAbortError()) {
    abortSignal(this.#signal, reason);
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = Object.assign({}, options, { depth: options.depth === null ? null : options.depth - 1 });
    return `${this.constructor.name} ${inspect({ signal: this.signal }, opts)}`;
  }
}

defineEnumerable(AbortController.prototype, ['signal', 'abort']);
defineToStringTag(AbortController.prototype, 'AbortController');

module.exports = {
  DOMException,
  Event,
  CustomEvent,
  EventTarget,
  AbortController,
  AbortSignal,
  defineEventHandler,
  isEvent,
  isAbortSignal,
};
