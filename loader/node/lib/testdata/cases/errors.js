=== invalid arg type messages
const path = require('path');
for (const v of [undefined, null, 1, 'str', true, 10n, Symbol('s'), {}, [], () => {}, function named() {}, new Map(), Object.create(null), 'a'.repeat(40)]) {
  try { path.join(v); } catch (e) { print(e.name, e.code, e.message); }
}
try { path.basename('x', 1); } catch (e) { print(e.message); }
try { require('events').prototype.on.call(new (require('events'))(), 'x', 'notfn'); } catch (e) { print(e.message); }
=== error shape
try { require('path').dirname(); } catch (e) {
  print(e instanceof TypeError, e.name, e.code, Object.keys(e), String(e));
  print(e.stack.split('\n')[0]);
  print(require('util').inspect(e).split('\n').filter((l) => !/^\s+at /.test(l)).join('\n'));
}
=== out of range and others
try { Buffer.alloc(-5); } catch (e) { print(e.name, e.code, e.message); }
try { require('events').setMaxListeners(-1); } catch (e) { print(e.name, e.code, e.message); }
try { require('util').getSystemErrorName(5e9); } catch (e) { print(e.message); }
try { Buffer.from('x', 'bogus'); } catch (e) { print(e.name, e.code, e.message); }
try { new (require('string_decoder').StringDecoder)('nope'); } catch (e) { print(e.name, e.code, e.message); }
try { require('url').fileURLToPath('http://x'); } catch (e) { print(e.name, e.code, e.message); }
try { require('url').fileURLToPath('file://host/x'); } catch (e) { print(e.name, e.code, e.message); }
try { require('url').fileURLToPath('file:///a%2fb'); } catch (e) { print(e.name, e.code, e.message); }
try { require('assert').strictEqual(1); } catch (e) { print(e.name, e.code, e.message); }
