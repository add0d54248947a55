// One typed array as large as the whole limit and then some.
var a = new Uint8Array(2 ** 31); console.log('SURVIVED', a.length);
