// Package audit finds, without running it, what each installed package asks for: the
// capabilities of SPEC.md (driven by policy's capability table, the one the run-time gate
// enforces) and the findings that are not capabilities (code.eval, install.scripts,
// dependency.undeclared, net.literal, dynamic.require), each with file:line in the original
// source. Files are parsed by goja's parser, ES modules and TypeScript after esbuild converts
// them to CommonJS (analyze.go says why); files are analysed in parallel.
//
// # JSON report (schema "pkgbox.audit/v1")
//
//	{
//	  "schema": "pkgbox.audit/v1",
//	  "packages": [{                      // sorted by name, version, dir
//	    "name", "version",
//	    "dir": "node_modules/x",          // real folder, relative to the project root
//	    "paths": [...],                   // where it is installed, when not only dir (links)
//	    "dependencies": [...],            // declared: dependencies, optional, peer
//	    "scripts": {"postinstall": "..."},// lifecycle scripts npm runs on install
//	    "native": {"addons": [...], "bindingGyp": true, "loaders": [...]},
//	    "workspace": true,                // a workspace package: part of the app at run time
//	    "requires": [...],                // packages its code requires with a literal specifier
//	    "capabilities": [...],            // capability kinds found, most powerful first
//	    "reaches": {"net.connect": ["axios"]}, // held by packages it requires, transitively
//	    "files": 12,                      // source files analysed
//	    "findings": [{"kind", "api", "resource", "computed", "file", "line", "column", "message", "test", "bin", "unreached"}],
//	    "errors": [{"file", "line", "message"}]   // files that could not be analysed
//	  }],
//	  "summary": {"packages", "files", "findings", "errors", "skipped", "byKind": {"fs.read": 3}}
//	}
//
// A finding's resource is set when the code names it literally (paths built from __dirname
// are written "./" + the path from the project root); computed is true when the code builds
// it, so only a grant of true can cover it. test is true for a finding in the package's tests,
// examples or benchmarks (IsTestFile); unreached is true for a finding in a file the app cannot
// load (reach.go), and bin, besides, when the package's "bin" executables reach it. All three
// are listed, but not in capabilities, and grant nothing. summary.skipped counts the files not
// read because the app cannot load them (Options.LoadedOnly: init and check).
// Fields are only added, never renamed, within v1.
//
// Known limits: the analysis is flow- and scope-insensitive (a name bound to require('fs')
// anywhere is fs everywhere, and so is a member chain: this._server = http.createServer()
// makes every this._server in the file a server); objects held in other objects' literals,
// arrays or parameters are not followed; passing the whole `process` object on is not reported;
// descriptor-based fs calls (fs.readSync(fd)) are covered by the open that made the descriptor.
package audit
