package fs

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// grantDir allows capability only at or below dir (both resolved), the shape of a pkgbox.json
// grant "./granted/**".
func grantDir(dir string, caps ...string) func(string, string) bool {
	return func(capability, path string) bool {
		for _, c := range caps {
			if c == capability && (path == dir || strings.HasPrefix(path, dir+"/")) {
				return true
			}
		}
		return false
	}
}

func setup(t *testing.T) (root string) {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"granted", "secret"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite(t, filepath.Join(root, "granted", "ok.txt"), "ok")
	mustWrite(t, filepath.Join(root, "secret", "key"), "s3cret")
	return root
}

// TestGate runs each case as a package granted fs.read and fs.write below granted/ only.
func TestGate(t *testing.T) {
	cases := []struct {
		name, code string
		want       []string // printed lines
		untouched  string   // a file (relative to root) that must still hold its content
	}{
		{"read allowed", `print(fs.readFileSync('granted/ok.txt', 'utf8'))`, []string{"ok"}, ""},
		{"read denied", `try { fs.readFileSync('secret/key') } catch (e) { print(e.code) }`, []string{"ERR_PKGBOX_DENIED"}, ""},
		{"write denied", `try { fs.writeFileSync('secret/key', 'x') } catch (e) { print(e.code) }`, []string{"ERR_PKGBOX_DENIED"}, "secret/key"},
		{"dotdot traversal", `try { fs.readFileSync('granted/../secret/key') } catch (e) { print(e.code) }`, []string{"ERR_PKGBOX_DENIED"}, ""},
		{"rename out of granted dir", `try { fs.renameSync('granted/ok.txt', 'secret/ok.txt') } catch (e) { print(e.code) }
			try { fs.renameSync('secret/key', 'granted/key') } catch (e) { print(e.code) }`,
			[]string{"ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED"}, "secret/key"},
		{"symlink out of granted dir", `try { fs.symlinkSync('../secret/key', 'granted/l') } catch (e) { print(e.code) }
			try { fs.symlinkSync(process.cwd() + '/secret', 'granted/l2') } catch (e) { print(e.code) }
			print(fs.existsSync('granted/l'))`, []string{"ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED", "false"}, ""},
		{"symlink made outside is followed to its target", `try { fs.readFileSync('granted/planted') } catch (e) { print(e.code) }`,
			[]string{"ERR_PKGBOX_DENIED"}, ""},
		{"file URL", `const url = (p) => ({ href: 'file://' + p, protocol: 'file:', hostname: '', pathname: p });
			try { fs.readFileSync(url(process.cwd() + '/secret/key')) } catch (e) { print(e.code) }
			try { fs.readFileSync(url(process.cwd() + '/granted/%2E%2E/secret/key')) } catch (e) { print(e.code) }
			try { fs.readFileSync(url(process.cwd() + '/granted%2F..%2Fsecret/key')) } catch (e) { print(e.code) }
			print(fs.readFileSync(url(process.cwd() + '/granted/o%6B.txt'), 'utf8'))`,
			[]string{"ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED", "ERR_INVALID_FILE_URL_PATH", "ok"}, ""},
		{"Buffer path", `try { fs.readFileSync(Buffer.from('secret/key')) } catch (e) { print(e.code) }
			print(fs.readFileSync(new Uint8Array(Buffer.from('granted/ok.txt')), 'utf8'))`,
			[]string{"ERR_PKGBOX_DENIED", "ok"}, ""},
		{"read-only fd then written", `const fd = fs.openSync('secret-ro', 'r');
			try { fs.writeSync(fd, 'x') } catch (e) { print(e.code) }
			try { fs.ftruncateSync(fd, 0) } catch (e) { print(e.code) }
			try { fs.fchmodSync(fd, 0o777) } catch (e) { print(e.code) }
			print(fs.readFileSync(fd, 'utf8'))`,
			[]string{"ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED", "ro"}, "secret-ro"},
		{"fd not opened by fs", `try { fs.writeSync(7, 'x') } catch (e) { print(e.code) }
			try { fs.fstatSync(99) } catch (e) { print(e.code) }`, []string{"EBADF", "EBADF"}, ""},
		{"proc self environ", `try { fs.readFileSync('/proc/self/environ') } catch (e) { print(e.code) }`, []string{"ERR_PKGBOX_DENIED"}, ""},
		{"callback form gets the denial asynchronously", `let sync = true;
			fs.readFile('secret/key', (e) => print(String(sync) + ' ' + e.code)); sync = false;`, []string{"false ERR_PKGBOX_DENIED"}, ""},
		{"promise form rejects", `fs.promises.writeFile('secret/key', 'x').catch((e) => print(e.code));
			fs.promises.open('secret/key', 'r').catch((e) => print('open ' + e.code))`,
			[]string{"ERR_PKGBOX_DENIED", "open ERR_PKGBOX_DENIED"}, "secret/key"},
		{"FileHandle opened read-only then written", `fs.promises.open('granted/ok.txt', 'r').then((fh) => fh.write('x')).catch((e) => print(e.code))`,
			[]string{"EBADF"}, "granted/ok.txt"},
		{"copyFile both paths", `try { fs.copyFileSync('secret/key', 'granted/copy') } catch (e) { print(e.code) }
			try { fs.copyFileSync('granted/ok.txt', 'secret/key') } catch (e) { print(e.code) }`,
			[]string{"ERR_PKGBOX_DENIED", "ERR_PKGBOX_DENIED"}, "secret/key"},
		{"cp recursive checks below the root", `fs.cp('granted', 'granted/../granted2', { recursive: true }, (e) => print(e ? e.code : 'copied'))`,
			[]string{"ERR_PKGBOX_DENIED"}, ""},
		{"readdir recursive does not follow a link out", `try { print(fs.readdirSync('granted', { recursive: true }).join(',')) } catch (e) { print(e.code) }`,
			[]string{"ERR_PKGBOX_DENIED"}, ""},
		{"stream errors with the denial", `fs.createReadStream('secret/key').on('error', (e) => print(e.code)).on('data', (d) => print('leak ' + d))`,
			[]string{"ERR_PKGBOX_DENIED"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := setup(t)
			mustWrite(t, filepath.Join(root, "secret-ro"), "ro")
			switch tc.name {
			case "symlink made outside is followed to its target":
				if err := os.Symlink("../secret/key", filepath.Join(root, "granted", "planted")); err != nil {
					t.Fatal(err)
				}
			case "readdir recursive does not follow a link out":
				if err := os.Symlink("../secret", filepath.Join(root, "granted", "out")); err != nil {
					t.Fatal(err)
				}
			}
			allow := grantDir(filepath.Join(root, "granted"), capRead, capWrite)
			if tc.name == "read-only fd then written" {
				// granted read only on secret-ro: opening it read-only is fine, writing through it is not
				ro := filepath.Join(root, "secret-ro")
				base := allow
				allow = func(c, p string) bool { return (c == capRead && p == ro) || base(c, p) }
			}
			h := newFakeHost(t, root, allow)
			got := h.run(t, tc.code)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("printed %q, want %q\ngate saw: %s", got, tc.want, strings.Join(h.checks, "; "))
			}
			if tc.untouched != "" {
				want := map[string]string{"secret/key": "s3cret", "secret-ro": "ro", "granted/ok.txt": "ok"}[tc.untouched]
				if b, _ := os.ReadFile(filepath.Join(root, tc.untouched)); string(b) != want {
					t.Errorf("%s holds %q, want %q", tc.untouched, b, want)
				}
			}
			for _, c := range h.checks {
				if strings.Contains(c, "..") {
					t.Errorf("gate saw an unresolved path: %s", c)
				}
			}
		})
	}
}

// TestGateAPINames checks that each form names its API as policy/capabilities.tsv does.
func TestGateAPINames(t *testing.T) {
	root := setup(t)
	h := newFakeHost(t, root, func(string, string) bool { return true })
	h.run(t, `fs.statSync('granted'); fs.stat('granted', () => {}); fs.promises.stat('granted');
		fs.renameSync('granted/ok.txt', 'granted/ok2.txt');
		fs.symlinkSync('ok2.txt', 'granted/link');
		const fd = fs.openSync('granted/ok2.txt', 'r+'); fs.writeSync(fd, 'x'); fs.closeSync(fd);
		fs.promises.open('granted/ok2.txt').then((fh) => fh.stat().then(() => fh.close()));`)
	g := filepath.Join(root, "granted")
	want := []string{
		"fs.read " + g + " (fs.statSync)",
		"fs.read " + g + " (fs.stat)",
		"fs.read " + g + " (fs.promises.stat)",
		"fs.write " + g + "/ok.txt (fs.renameSync)",
		"fs.write " + g + "/ok2.txt (fs.renameSync)",
		"fs.write " + g + "/link (fs.symlinkSync)",
		"fs.write " + g + "/ok2.txt (fs.symlinkSync)",
		"fs.read " + g + "/ok2.txt (fs.openSync)",
		"fs.write " + g + "/ok2.txt (fs.openSync)",
		"fs.write " + g + "/ok2.txt (fs.writeSync)",
		"fs.read " + g + "/ok2.txt (fs.promises.open)",
		"fs.read " + g + "/ok2.txt (FileHandle.stat)",
	}
	if strings.Join(h.checks, "\n") != strings.Join(want, "\n") {
		t.Errorf("gate calls:\n%s\nwant:\n%s", strings.Join(h.checks, "\n"), strings.Join(want, "\n"))
	}
}

// TestRealPath covers the resolution the gate and the syscall share.
func TestRealPath(t *testing.T) {
	root := setup(t)
	if err := os.Symlink("secret", filepath.Join(root, "ln")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop", filepath.Join(root, "loop")); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"granted/ok.txt":         root + "/granted/ok.txt",
		"./granted//x/../ok.txt": root + "/granted/ok.txt",
		"ln/key":                 root + "/secret/key",
		"ln/../granted":          root + "/granted",
		"ln/new/deeper":          root + "/secret/new/deeper",
		"/proc/self/environ":     "/proc/" + strconv.Itoa(os.Getpid()) + "/environ",
		"loop/x":                 root + "/loop/x",
	}
	for in, want := range cases {
		if got := realPath(root, in); got != want {
			t.Errorf("realPath(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := realParent(root, "ln"), root+"/ln"; got != want {
		t.Errorf("realParent(ln) = %q, want %q", got, want)
	}
	if got, want := realParent(root, "ln/"), root+"/secret"; got != want {
		t.Errorf("realParent(ln/) = %q, want %q", got, want)
	}
}
