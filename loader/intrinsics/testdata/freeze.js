// Freezes every object reachable from the global object (own property values, accessors and
// prototypes), plus the intrinsics only reachable through instances, the way lockdown will.
(function () {
  var roots = [globalThis];
  var seg = new Intl.Segmenter().segment("a");
  roots.push(seg, seg[Symbol.iterator](), new Intl.NumberFormat(), new WeakRef({}), /x/[Symbol.matchAll]("x"));
  var seen = new Set();
  var stack = roots.slice();
  while (stack.length) {
    var o = stack.pop();
    if ((typeof o !== "object" && typeof o !== "function") || o === null || seen.has(o)) continue;
    seen.add(o);
    Reflect.ownKeys(o).forEach(function (k) {
      var d = Reflect.getOwnPropertyDescriptor(o, k);
      if (!d) return;
      if ("value" in d) stack.push(d.value);
      else stack.push(d.get, d.set);
    });
    stack.push(Object.getPrototypeOf(o));
  }
  seen.forEach(function (o) { Object.freeze(o); });
  return seen.size;
})();
