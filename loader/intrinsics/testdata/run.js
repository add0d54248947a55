// Shared by golden.js (under node) and the Go test (under goja): evaluates each case and renders the
// result as one deterministic line. A case is an expression, or else a function body.
function renderValue(v) {
  if (v === undefined) return "undefined";
  if (typeof v === "bigint") return v + "n";
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return "function " + v.name;
  if (typeof v === "number" && Object.is(v, -0)) return "-0";
  return JSON.stringify(v, function (k, x) {
    if (typeof x === "bigint") return x + "n";
    if (x === undefined) return "undefined";
    return x;
  });
}

function runCase(src) {
  var fn;
  try {
    fn = new Function("return (" + src + ");");
  } catch (e) {
    fn = new Function(src);
  }
  try {
    return renderValue(fn());
  } catch (e) {
    return "throws " + (e && e.constructor && e.constructor.name) + ": " + (e && e.message);
  }
}

function runAll(cases) {
  var out = [];
  for (var i = 0; i < cases.length; i++) out.push(runCase(cases[i]));
  return out;
}
