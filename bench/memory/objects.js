// Many small objects: the monitor's 2 ms sampling decides the overshoot.
var a = []; for (;;) a.push({ i: a.length, s: 'k' + a.length });
