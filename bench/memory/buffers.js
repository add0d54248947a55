// Buffers of 1 MB each.
var a = []; for (;;) a.push(Buffer.alloc(1 << 20, 1));
