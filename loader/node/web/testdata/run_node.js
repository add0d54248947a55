// Runs one test script under node the way golden_test.go runs it in the harness:
//   node run_node.js script.js > script.golden
// (TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8, from this folder; gen_golden.sh does all of them.)
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');

const file = process.argv[2];
const helpers = fs.readFileSync(path.join(__dirname, 'helpers.js'), 'utf8');
const src = fs.readFileSync(file, 'utf8');
const print = (...args) => process.stdout.write(`${args.join(' ')}\n`);
const onUncaught = (fn) => process.on('uncaughtException', fn);
const onWarning = (fn) => { process.removeAllListeners('warning'); process.on('warning', fn); };
const fn = new Function('print', 'onUncaught', 'onWarning', 'inspect', 'internalURL', `'use strict';\n${helpers}\n${src}`);
fn(print, onUncaught, onWarning, util.inspect, require('url'));
