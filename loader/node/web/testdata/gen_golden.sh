#!/bin/sh
# Records the expected output of every test script from real node (Node 20).
set -e
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
for f in *.test.js; do
	node run_node.js "$f" > "${f%.test.js}.golden"
done
