package manifests

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Validate checks m as Parse would check the file Marshal makes of it, so a manifest built in
// Go obeys the same rules as one written by hand. Problems carry JSON paths but no line numbers,
// since the text they would point into was never written.
func (m *Manifest) Validate() error {
	name := m.Path
	if name == "" {
		name = "pkgbox.json"
	}
	back, err := parse(name, m.Marshal(), false)
	if err != nil {
		return err
	}
	if !back.Equal(m) {
		return fmt.Errorf("%s: a package name, pattern or policy path is not valid UTF-8; expected UTF-8 text", name)
	}
	return nil
}

// Write validates m and replaces the file at path with Marshal's output atomically: readers
// see the old file or the new one, never a mix, and a failure leaves the old file as it was.
// The new file keeps the old one's permission bits (a new file gets 0666 less the umask); a
// symbolic link at path is followed and its target replaced.
func (m *Manifest) Write(path string) error {
	if err := m.validateFor(path); err != nil {
		return err
	}
	return writeAtomic(path, m.Marshal(), true)
}

// WriteNew is Write for `pkgbox init`: unless force is set it refuses to replace a file that
// already exists, with an error wrapping ErrExists.
func WriteNew(path string, m *Manifest, force bool) error {
	if err := m.validateFor(path); err != nil {
		return err
	}
	return writeAtomic(path, m.Marshal(), force)
}

func (m *Manifest) validateFor(path string) error {
	c := *m
	c.Path = path
	return c.Validate()
}

// Points where writeAtomic can fail, replaceable by tests to prove a failure at each one leaves
// the old file intact; a read-only folder cannot show that when the tests run as root.
var (
	writeTemp  = func(f *os.File, data []byte) error { _, err := f.Write(data); return err }
	syncFile   = (*os.File).Sync
	renameFile = os.Rename
)

func writeAtomic(path string, data []byte, overwrite bool) (err error) {
	defer func() {
		if err != nil && !errors.Is(err, ErrExists) {
			err = fmt.Errorf("writing %s: %w", path, err)
		}
	}()
	target := path
	perm, keepPerm := fs.FileMode(0), false
	if fi, lerr := os.Lstat(path); lerr == nil {
		if !overwrite {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			if target, err = filepath.EvalSymlinks(path); err != nil {
				return err
			}
			if fi, err = os.Stat(target); err != nil {
				return err
			}
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; expected a manifest file to replace", target)
		}
		perm, keepPerm = fi.Mode().Perm(), true
	} else if !errors.Is(lerr, fs.ErrNotExist) {
		return lerr
	}

	dir := filepath.Dir(target)
	f, tmp, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		return err
	}
	defer func() {
		if f != nil {
			f.Close()
		}
		if tmp != "" {
			os.Remove(tmp)
		}
	}()
	if err := writeTemp(f, data); err != nil {
		return err
	}
	if keepPerm {
		if err := f.Chmod(perm); err != nil {
			return err
		}
	}
	if err := syncFile(f); err != nil {
		return err
	}
	err = f.Close()
	f = nil
	if err != nil {
		return err
	}
	if overwrite {
		if err := renameFile(tmp, target); err != nil {
			return err
		}
	} else if err := linkNew(tmp, target); err != nil {
		return err
	}
	tmp = "" // renamed or linked away
	syncDir(dir)
	return nil
}

// linkNew gives the finished temp file the name target only if no file has taken that name
// meanwhile (a hard link never replaces), then drops the temp name. File systems without hard
// links fall back to a check and a rename.
func linkNew(tmp, target string) error {
	err := os.Link(tmp, target)
	switch {
	case err == nil:
		os.Remove(tmp) // the manifest is in place; a leftover temp name is harmless
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", target, ErrExists)
	}
	if _, lerr := os.Lstat(target); lerr == nil {
		return fmt.Errorf("%s: %w", target, ErrExists)
	}
	return renameFile(tmp, target)
}

// createTemp makes a new file beside the target. Unlike os.CreateTemp it asks for mode 0666,
// so the umask decides a new manifest's permissions as it would for any file the user saves.
func createTemp(dir, base string) (*os.File, string, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(rand.Uint32()), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, "", err
		}
		return f, name, nil
	}
	return nil, "", fmt.Errorf("could not create a temporary file in %s", dir)
}

// syncDir makes the rename itself durable. Failure is ignored: some file systems cannot sync a
// folder, and the data is already safe in the file.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
