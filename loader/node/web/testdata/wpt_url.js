// Runs the web-platform-tests URL data (urltestdata.json, setters_tests.json) against the URL
// class in scope; shared by wpt_test.go (harness) and, for comparison, node:
//   node -e "globalThis.print=console.log; ..." (see wpt_test.go's doc comment).
function runURLTestData(data) {
  let pass = 0, total = 0;
  const failures = [];
  for (const t of data) {
    if (typeof t === 'string') continue;
    total++;
    let u = null;
    try {
      u = t.base === null || t.base === undefined ? new URL(t.input) : new URL(t.input, t.base);
    } catch (e) {
      u = null;
    }
    let ok = true;
    if (t.failure) {
      ok = u === null;
    } else if (u === null) {
      ok = false;
    } else {
      for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']) {
        if (k in t && u[k] !== t[k]) ok = false;
      }
      if ('searchParams' in t && u.searchParams.toString() !== t.searchParams) ok = false;
    }
    if (ok) pass++;
    else failures.push(JSON.stringify(t.input));
  }
  return { pass, total, failures };
}

function runSetterTests(data) {
  let pass = 0, total = 0;
  const failures = [];
  for (const attr of Object.keys(data)) {
    if (attr === 'comment') continue;
    for (const t of data[attr]) {
      total++;
      let ok = true;
      try {
        const u = new URL(t.href);
        u[attr] = t.new_value;
        for (const k of Object.keys(t.expected)) {
          if (u[k] !== t.expected[k]) ok = false;
        }
      } catch (e) {
        ok = false;
      }
      if (ok) pass++;
      else failures.push(`${attr} ${JSON.stringify(t.href)} ${JSON.stringify(t.new_value)}`);
    }
  }
  return { pass, total, failures };
}
