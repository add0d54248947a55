'use strict';
// perf_hooks: performance.now/timeOrigin/mark/measure/timerify, PerformanceObserver for marks and
// measures, and histograms for monitorEventLoopDelay/createHistogram (recorded values only).

const entries = [];
const observers = new Set();

class PerformanceEntry {
  constructor(name, type, start, duration, detail) {
    this.name = name;
    this.entryType = type;
    this.startTime = start;
    this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}
class PerformanceMark extends PerformanceEntry {
  constructor(name, options) {
    const start = options && options.startTime !== undefined ? options.startTime : binding.now();
    super(String(name), 'mark', start, 0, options && options.detail !== undefined ? options.detail : null);
  }
}
class PerformanceMeasure extends PerformanceEntry {}

class PerformanceObserverEntryList {
  constructor(list) { this._list = list; }
  getEntries() { return this._list.slice(); }
  getEntriesByType(type) { return this._list.filter((e) => e.entryType === type); }
  getEntriesByName(name, type) { return this._list.filter((e) => e.name === name && (type === undefined || e.entryType === type)); }
}

class PerformanceObserver {
  constructor(callback) {
    if (typeof callback !== 'function') {
      const e = new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    this._callback = callback;
    this._types = new Set();
    this._buffer = [];
    this._scheduled = false;
  }
  static get supportedEntryTypes() { return ['function', 'mark', 'measure']; }
  observe(options = {}) {
    const types = options.entryTypes || (options.type ? [options.type] : []);
    for (const t of types) this._types.add(t);
    observers.add(this);
  }
  disconnect() { observers.delete(this); this._buffer = []; }
  takeRecords() { const b = this._buffer; this._buffer = []; return b; }
  _queue(entry) {
    if (!this._types.has(entry.entryType)) return;
    this._buffer.push(entry);
    if (this._scheduled) return;
    this._scheduled = true;
    setImmediate(() => {
      this._scheduled = false;
      const list = this.takeRecords();
      if (list.length > 0) this._callback(new PerformanceObserverEntryList(list), this);
    });
  }
}

function record(entry) {
  entries.push(entry);
  for (const o of observers) o._queue(entry);
  return entry;
}

function markTime(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') return name;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === 'mark' && entries[i].name === name) return entries[i].startTime;
  }
  const e = new SyntaxError(`The "${name}" performance mark has not been set`);
  e.name = 'SyntaxError';
  e.code = 'ERR_INVALID_PERFORMANCE_MARK';
  throw e;
}

const performance = {
  now() { return binding.now(); },
  get timeOrigin() { return binding.timeOrigin; },
  mark(name, options) { return record(new PerformanceMark(name, options)); },
  measure(name, startOrOptions, endMark) {
    let start;
    let end;
    let detail;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      start = markTime(startOrOptions.start);
      end = startOrOptions.end !== undefined ? markTime(startOrOptions.end) : (startOrOptions.duration !== undefined && start !== undefined ? start + startOrOptions.duration : undefined);
      detail = startOrOptions.detail;
    } else {
      start = markTime(startOrOptions);
      end = markTime(endMark);
    }
    if (start === undefined) start = 0;
    if (end === undefined) end = binding.now();
    return record(new PerformanceMeasure(String(name), 'measure', start, end - start, detail === undefined ? null : detail));
  },
  getEntries() { return entries.slice(); },
  getEntriesByName(name, type) { return entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)); },
  getEntriesByType(type) { return entries.filter((e) => e.entryType === type); },
  clearMarks(name) { remove('mark', name); },
  clearMeasures(name) { remove('measure', name); },
  clearResourceTimings() {},
  setResourceTimingBufferSize() {},
  timerify(fn) {
    if (typeof fn !== 'function') {
      const e = new TypeError('The "fn" argument must be of type function. Received ' + typeof fn);
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const timerified = function (...args) {
      const start = binding.now();
      const result = new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
      const entry = new PerformanceEntry(fn.name, 'function', start, binding.now() - start);
      for (const o of observers) o._queue(entry);
      return result;
    };
    Object.defineProperty(timerified, 'name', { value: 'timerified ' + fn.name });
    Object.defineProperty(timerified, 'length', { value: fn.length });
    return timerified;
  },
  eventLoopUtilization() { return { idle: 0, active: 0, utilization: 0 }; },
  get nodeTiming() {
    return { name: 'node', entryType: 'node', startTime: 0, duration: binding.now(), nodeStart: 0, v8Start: 0, bootstrapComplete: 0, environment: 0, loopStart: 0, loopExit: -1, idleTime: 0 };
  },
  toJSON() { return { nodeTiming: this.nodeTiming, timeOrigin: this.timeOrigin, eventLoopUtilization: this.eventLoopUtilization() }; },
};
Object.defineProperty(performance, Symbol.toStringTag, { value: 'Performance', configurable: true });

function remove(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  }
}

class RecordableHistogram {
  constructor() { this.reset(); }
  record(v) {
    v = Number(v);
    this._values.push(v);
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.count = this._values.length;
    this.mean = this._values.reduce((a, b) => a + b, 0) / this.count;
    const m = this.mean;
    this.stddev = Math.sqrt(this._values.reduce((a, b) => a + (b - m) * (b - m), 0) / this.count);
  }
  recordDelta() {}
  reset() {
    this._values = [];
    this.min = 9223372036854776000;
    this.max = 0;
    this.mean = NaN;
    this.stddev = NaN;
    this.count = 0;
    this.exceeds = 0;
  }
  percentile(p) {
    if (this._values.length === 0) return 0;
    const sorted = this._values.slice().sort((a, b) => a - b);
    const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[i];
  }
  get percentiles() {
    const m = new Map();
    for (const p of [0, 50, 75, 87.5, 93.75, 96.875, 98.4375, 99.21875, 100]) m.set(p, this.percentile(p));
    return m;
  }
  enable() { return true; }
  disable() { return true; }
}

module.exports = {
  performance,
  PerformanceEntry,
  PerformanceMark,
  PerformanceMeasure,
  PerformanceObserver,
  PerformanceObserverEntryList,
  createHistogram() { return new RecordableHistogram(); },
  monitorEventLoopDelay() { return new RecordableHistogram(); },
  constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
};
