package manifests

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func sample() *Manifest {
	return &Manifest{Packages: map[string]Grants{
		"dotenv": {"fs.read": {Patterns: []string{"./.env"}}, "env.read": {All: true}},
	}}
}

// dirEntries lists the names in dir, to show that no temporary file was left behind.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReplacesAndKeepsPermissions(t *testing.T) {
	for _, perm := range []fs.FileMode{0o600, 0o640, 0o444} {
		t.Run(perm.String(), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "pkgbox.json")
			if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, perm); err != nil {
				t.Fatal(err)
			}
			m := sample()
			if err := m.Write(path); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, m.Marshal()) {
				t.Errorf("file holds:\n%s\nwant Marshal's output:\n%s", data, m.Marshal())
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != perm {
				t.Errorf("permissions %v, want %v (kept from the old file)", fi.Mode().Perm(), perm)
			}
			if got := dirEntries(t, dir); len(got) != 1 {
				t.Errorf("folder holds %q; want only pkgbox.json", got)
			}
			back, err := Read(path)
			if err != nil || !back.Equal(m) {
				t.Errorf("Read after Write = %+v, %v", back, err)
			}
		})
	}
}

func TestWriteCreatesMissingFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	if err := sample().Write(path); err != nil {
		t.Fatal(err)
	}
	if got := dirEntries(t, dir); len(got) != 1 || got[0] != "pkgbox.json" {
		t.Errorf("folder holds %q", got)
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "pkgbox.json")
	os.WriteFile(real, []byte("{}"), 0o640)
	if err := os.Symlink("real.json", link); err != nil {
		t.Fatal(err)
	}
	if err := sample().Write(link); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", fi, err)
	}
	data, _ := os.ReadFile(real)
	if !bytes.Equal(data, sample().Marshal()) {
		t.Errorf("the link's target was not updated: %s", data)
	}
	if fi, _ := os.Stat(real); fi.Mode().Perm() != 0o640 {
		t.Errorf("target permissions %v, want 0640", fi.Mode().Perm())
	}
	if got := dirEntries(t, dir); len(got) != 2 {
		t.Errorf("folder holds %q", got)
	}
}

func TestWriteRefusesNonRegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	os.Mkdir(path, 0o755)
	err := sample().Write(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("got %v, want an error naming %s as not a regular file", err, path)
	}
}

func TestWriteValidatesFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	old := []byte(`{"packages": {}}`)
	os.WriteFile(path, old, 0o644)
	bad := &Manifest{Packages: map[string]Grants{"axios": {"net.conect": {All: true}}}}
	for name, write := range map[string]func() error{
		"Write":    func() error { return bad.Write(path) },
		"WriteNew": func() error { return WriteNew(path, bad, true) },
	} {
		err := write()
		want := path + `: packages.axios."net.conect": unknown capability (did you mean "net.connect"?)`
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v\nwant %s", name, err, want)
		}
		if data, _ := os.ReadFile(path); !bytes.Equal(data, old) {
			t.Errorf("%s changed the file although the manifest is invalid", name)
		}
		if got := dirEntries(t, dir); len(got) != 1 {
			t.Errorf("%s left %q", name, got)
		}
	}
}

// A failure at any step leaves the old file as it was and no temporary file behind. The steps
// are replaced rather than provoked with a read-only folder, which root (CI containers) ignores.
func TestWriteFailureLeavesOldFile(t *testing.T) {
	boom := errors.New("boom")
	steps := map[string]func(){
		"write":  func() { writeTemp = func(*os.File, []byte) error { return boom } },
		"short":  func() { writeTemp = func(f *os.File, d []byte) error { f.Write(d[:len(d)/2]); return boom } },
		"sync":   func() { syncFile = func(*os.File) error { return boom } },
		"rename": func() { renameFile = func(string, string) error { return boom } },
	}
	for name, inject := range steps {
		t.Run(name, func(t *testing.T) {
			w, s, r := writeTemp, syncFile, renameFile
			t.Cleanup(func() { writeTemp, syncFile, renameFile = w, s, r })
			inject()
			dir := t.TempDir()
			path := filepath.Join(dir, "pkgbox.json")
			old := []byte("{\"packages\": {}}\n")
			os.WriteFile(path, old, 0o600)
			err := sample().Write(path)
			if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "writing "+path+": ") {
				t.Errorf("got %v, want the failure, naming the file", err)
			}
			if data, _ := os.ReadFile(path); !bytes.Equal(data, old) {
				t.Errorf("old file changed to %q", data)
			}
			if got := dirEntries(t, dir); len(got) != 1 {
				t.Errorf("folder holds %q; the temporary file was not removed", got)
			}
		})
	}
}

// Readers racing with writers see one complete manifest or the other, never a mix or a
// truncated file. The two manifests differ in size by far more than a write buffer, so a
// non-atomic write would be seen.
func TestWriteConcurrentReadersSeeWholeFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	small := sample()
	big := &Manifest{Packages: map[string]Grants{}}
	for i := range 500 {
		big.Packages["package-"+strconv.Itoa(i)] = Grants{"fs.read": {Patterns: []string{"./data/" + strconv.Itoa(i) + "/**"}}}
	}
	versions := [][]byte{small.Marshal(), big.Marshal()}
	if err := small.Write(path); err != nil {
		t.Fatal(err)
	}

	const writes = 30
	done := make(chan struct{})
	var wg sync.WaitGroup
	var bad []string
	var seen [2]int
	var mu sync.Mutex
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				data, err := os.ReadFile(path)
				mu.Lock()
				switch {
				case err != nil:
					bad = append(bad, err.Error())
				case bytes.Equal(data, versions[0]):
					seen[0]++
				case bytes.Equal(data, versions[1]):
					seen[1]++
				default:
					bad = append(bad, "partial file of "+strconv.Itoa(len(data))+" bytes")
				}
				mu.Unlock()
			}
		}()
	}
	for i := range writes {
		m := small
		if i%2 == 0 {
			m = big
		}
		if err := m.Write(path); err != nil {
			t.Error(err)
			break
		}
	}
	close(done)
	wg.Wait()
	if len(bad) > 0 {
		t.Errorf("%d reads saw something other than a whole manifest, e.g. %s", len(bad), bad[0])
	}
	if seen[0]+seen[1] == 0 {
		t.Errorf("no read happened")
	}
	if got := dirEntries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %q", got)
	}
}

func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	m := sample()

	if err := WriteNew(path, m, false); err != nil {
		t.Fatalf("new file: %v", err)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, m.Marshal()) {
		t.Errorf("file holds %s", data)
	}

	other := &Manifest{Packages: map[string]Grants{"axios": {"net.connect": {All: true}}}}
	err := WriteNew(path, other, false)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("existing file: got %v, want ErrExists", err)
	}
	want := path + ": already exists; not overwriting it (review and edit it, or pass --force to replace it)"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, m.Marshal()) {
		t.Errorf("refused write changed the file: %s", data)
	}
	if got := dirEntries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %q", got)
	}

	// A dangling symbolic link is a name someone put there: refuse it too.
	link := filepath.Join(dir, "link.json")
	os.Symlink("nowhere.json", link)
	if err := WriteNew(link, m, false); !errors.Is(err, ErrExists) {
		t.Errorf("dangling link: got %v, want ErrExists", err)
	}

	if err := WriteNew(path, other, true); err != nil {
		t.Fatalf("force: %v", err)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, other.Marshal()) {
		t.Errorf("force did not replace the file: %s", data)
	}
}

// The name can be taken between WriteNew's first look and the moment the file gets its name;
// the hard link that gives it the name never replaces what got there first.
func TestWriteNewLosesRaceWithoutOverwriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pkgbox.json")
	first := []byte("{\"packages\": {}}\n")
	w := writeTemp
	t.Cleanup(func() { writeTemp = w })
	writeTemp = func(f *os.File, data []byte) error {
		if err := os.WriteFile(path, first, 0o644); err != nil {
			return err
		}
		return w(f, data)
	}
	err := WriteNew(path, sample(), false)
	if !errors.Is(err, ErrExists) {
		t.Errorf("got %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, first) {
		t.Errorf("the file that got there first was replaced: %s", data)
	}
	if got := dirEntries(t, dir); len(got) != 1 {
		t.Errorf("folder holds %q", got)
	}
}
