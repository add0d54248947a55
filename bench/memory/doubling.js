// A string that doubles until the limit stops it: each step is one native allocation.
var s = 'x'; for (var i = 0; i < 29; i++) s = s + s; console.log('SURVIVED', s.indexOf('y'));
