// Lockdown: make the shared goja realm powerless and immutable before any package code runs.
// Evaluated once per runtime as a function expression (never as a script: the global object is
// frozen at the end, so no top-level declaration may be made after this). Override taming has
// already been applied from Go (lockdown.go) when this runs.
(function lockdown(global) {
  'use strict';
  const { freeze, getOwnPropertyDescriptor, getOwnPropertyDescriptors, getOwnPropertyNames, getPrototypeOf } = Object;
  const ownKeys = Reflect.ownKeys;

  // Intrinsics that no global name reaches.
  const hidden = [];
  function add(v) { if (v !== undefined && v !== null) hidden.push(v); }
  try { add(getOwnPropertyDescriptors(Function.prototype).caller.get); } catch (e) { /* no %ThrowTypeError% */ }
  try { add((function () { return arguments; })().callee); } catch (e) { /* strict arguments */ }
  const genFn = function* () {};
  add(getPrototypeOf(genFn));            // %GeneratorFunction.prototype%
  add(getPrototypeOf(genFn).constructor); // %GeneratorFunction%
  add(getPrototypeOf(genFn()));          // generator instance prototype chain
  const asyncFn = async function () {};
  add(getPrototypeOf(asyncFn));           // %AsyncFunction.prototype%
  add(getPrototypeOf(asyncFn).constructor);
  const arrIter = [][Symbol.iterator]();
  add(getPrototypeOf(arrIter));           // %ArrayIteratorPrototype%
  add(getPrototypeOf(getPrototypeOf(arrIter))); // %IteratorPrototype%
  add(getPrototypeOf(new Map()[Symbol.iterator]()));
  add(getPrototypeOf(new Set()[Symbol.iterator]()));
  add(getPrototypeOf(''[Symbol.iterator]()));
  try { add(getPrototypeOf('a'.matchAll(/a/g))); } catch (e) { /* no matchAll */ }
  add(getPrototypeOf(Uint8Array));        // %TypedArray%
  add(getPrototypeOf(Uint8Array.prototype));
  if (Symbol.asyncIterator) {
    // %AsyncIteratorPrototype% exists only where async generators do; lowered code uses plain objects.
    try { add(getPrototypeOf(getPrototypeOf(Function('return async function*(){}')().prototype))); } catch (e) { /* unsupported */ }
  }

  // Deep freeze everything reachable from the global object and the hidden intrinsics.
  const seen = new Set();
  const queue = [];
  function enqueue(v) {
    if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
      if (!seen.has(v)) { seen.add(v); queue.push(v); }
    }
  }
  for (const name of getOwnPropertyNames(global)) {
    const desc = getOwnPropertyDescriptor(global, name);
    if ('value' in desc) enqueue(desc.value);
  }
  for (const h of hidden) enqueue(h);
  while (queue.length > 0) {
    const obj = queue.pop();
    freeze(obj);
    enqueue(getPrototypeOf(obj));
    const keys = ownKeys(obj);
    for (let i = 0; i < keys.length; i++) {
      const desc = getOwnPropertyDescriptor(obj, keys[i]);
      if (!desc) continue;
      if ('value' in desc) enqueue(desc.value);
      else { enqueue(desc.get); enqueue(desc.set); }
    }
  }
  freeze(global);
  return seen.size;
})
