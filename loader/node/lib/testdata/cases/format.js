=== directives
const { format } = require('util');
print(format('%s|%s|%s', 'str', 42, { a: 1 }));
print(format('%s', 123n), format('%s', Symbol('x')), format('%s', null), format('%s', undefined), format('%s', -0));
print(format('%d|%d|%d|%d', 42, '42', 1.5, 10n));
print(format('%i|%i|%i', 42.9, '3.7abc', 10n));
print(format('%f|%f', '1.5', 'x'));
print(format('%j', { a: [1, 2] }), format('%j', 'str'));
const circ = {}; circ.c = circ; print(format('%j', circ));
print(format('%o', { a: { b: { c: { d: 1 } } }, f() {} }));
print(format('%O', { a: { b: { c: { d: 1 } } } }));
print(format('%c%s', 'color: red', 'after css'));
print(format('100%% sure %s', 'yes'), format('%%s'), format('%x', 1));
=== extra and missing arguments
const { format } = require('util');
print(format('%s and %s', 'one'));
print(format('a', 'b', 1, { c: 2 }, [3]));
print(format(1, 2, '3'));
print(format(), format(''), format('%s'));
print(format({ obj: 1 }, 'str'));
print(format('%s', { toString() { return 'custom'; } }));
print(format('%s', new Error('e')).split('\n')[0]);
print(format('%s', [1, [2, [3, [4]]]]));
print(format('%s', function named() {}), format('%s', class K {}));
=== formatWithOptions
const { formatWithOptions } = require('util');
print(formatWithOptions({ colors: true }, '%s %o', 'x', 1));
print(formatWithOptions({ depth: 0 }, { a: { b: 1 } }));
print(formatWithOptions({ compact: false }, '%O', { a: 1 }));
