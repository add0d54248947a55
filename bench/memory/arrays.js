// Medium arrays, 8 KB each.
var a = []; for (;;) a.push(new Array(1000).fill(a.length));
