package loader

import (
	"bufio"
	"github.com/pkgbox/pkgbox/policy"
	"net"
	"os"
	"os/user"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"
)

// osBinding is the Go half of the os module. Every function that identifies the machine or the
// user passes the sys.info gate.
func (c *Compartment) osBinding() goja.Value {
	rt := c.rt
	vm := rt.vm
	b := vm.NewObject()
	arch := runtime.GOARCH
	if arch == "amd64" {
		arch = "x64"
	}
	_ = b.Set("arch", arch)
	_ = b.Set("platform", runtime.GOOS)
	_ = b.Set("parallelism", runtime.NumCPU())
	_ = b.Set("constants", osConstants(vm))

	impl := map[string]func(call goja.FunctionCall) goja.Value{
		"totalmem": func(goja.FunctionCall) goja.Value {
			var si unix.Sysinfo_t
			_ = unix.Sysinfo(&si)
			return vm.ToValue(float64(si.Totalram) * float64(si.Unit))
		},
		"freemem": func(goja.FunctionCall) goja.Value {
			var si unix.Sysinfo_t
			_ = unix.Sysinfo(&si)
			return vm.ToValue(float64(si.Freeram) * float64(si.Unit))
		},
		"loadavg": func(goja.FunctionCall) goja.Value {
			var si unix.Sysinfo_t
			_ = unix.Sysinfo(&si)
			return vm.NewArray(float64(si.Loads[0])/65536, float64(si.Loads[1])/65536, float64(si.Loads[2])/65536)
		},
		"uptime": func(goja.FunctionCall) goja.Value {
			var si unix.Sysinfo_t
			_ = unix.Sysinfo(&si)
			return vm.ToValue(si.Uptime)
		},
		// The count drives worker-pool sizes in many packages, so it is free; the model names the
		// machine, so it needs sys.info.
		"cpus": func(goja.FunctionCall) goja.Value {
			return cpuList(vm, c.allowed(capSysInfo, policy.Resource{}, "os.cpus"))
		},
		"hostname": func(goja.FunctionCall) goja.Value { h, _ := os.Hostname(); return vm.ToValue(h) },
		"homedir": func(goja.FunctionCall) goja.Value {
			if h := rt.env.vars["HOME"]; h != "" {
				return vm.ToValue(h)
			}
			if u, err := user.Current(); err == nil {
				return vm.ToValue(u.HomeDir)
			}
			return vm.ToValue("/")
		},
		"userInfo": func(call goja.FunctionCall) goja.Value {
			u, err := user.Current()
			if err != nil {
				panic(rt.nodeError("Error", "ERR_SYSTEM_ERROR", "A system error occurred: uv_os_get_passwd returned ENOENT (no such file or directory)"))
			}
			o := vm.NewObject()
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			_ = o.Set("uid", uid)
			_ = o.Set("gid", gid)
			_ = o.Set("username", u.Username)
			_ = o.Set("homedir", u.HomeDir)
			_ = o.Set("shell", loginShell(u.Username))
			return o
		},
		"networkInterfaces": func(goja.FunctionCall) goja.Value { return networkInterfaces(vm) },
		"release": func(goja.FunctionCall) goja.Value {
			var u unix.Utsname
			_ = unix.Uname(&u)
			return vm.ToValue(unix.ByteSliceToString(u.Release[:]))
		},
		"version": func(goja.FunctionCall) goja.Value {
			var u unix.Utsname
			_ = unix.Uname(&u)
			return vm.ToValue(unix.ByteSliceToString(u.Version[:]))
		},
		"machine": func(goja.FunctionCall) goja.Value {
			var u unix.Utsname
			_ = unix.Uname(&u)
			return vm.ToValue(unix.ByteSliceToString(u.Machine[:]))
		},
		"getPriority": func(call goja.FunctionCall) goja.Value {
			p, err := syscall.Getpriority(syscall.PRIO_PROCESS, int(call.Argument(0).ToInteger()))
			if err != nil {
				panic(rt.nodeError("Error", "ERR_SYSTEM_ERROR", err.Error()))
			}
			// The raw syscall returns 20-nice.
			return vm.ToValue(20 - p)
		},
		"setPriority": func(call goja.FunctionCall) goja.Value {
			pid, prio := int64(0), call.Argument(0).ToInteger()
			if len(call.Arguments) > 1 {
				pid, prio = call.Argument(0).ToInteger(), call.Argument(1).ToInteger()
			}
			if err := syscall.Setpriority(syscall.PRIO_PROCESS, int(pid), int(prio)); err != nil {
				panic(rt.nodeError("Error", "ERR_SYSTEM_ERROR", err.Error()))
			}
			return goja.Undefined()
		},
	}
	capOf := map[string]string{"setPriority": capProcessControl}
	_ = b.Set("call", rt.nativeFunc("call", 1, func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		f, ok := impl[name]
		if !ok {
			panic(vm.NewTypeError("unknown os function %s", name))
		}
		capability := capSysInfo
		if cp, ok := capOf[name]; ok {
			capability = cp
		}
		if name != "totalmem" && name != "freemem" && name != "loadavg" && name != "getPriority" && name != "cpus" {
			c.check(capability, policy.Resource{}, "os."+name)
		}
		return f(goja.FunctionCall{This: call.This, Arguments: call.Arguments[1:]})
	}))
	return b
}

func loginShell(username string) string {
	f, err := os.Open("/etc/passwd")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), ":")
		if len(parts) >= 7 && parts[0] == username {
			return parts[6]
		}
	}
	return ""
}

func cpuList(vm *goja.Runtime, detailed bool) goja.Value {
	model, speed := "", 0
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil && detailed {
		for _, line := range strings.Split(string(data), "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "model name" && model == "" {
				model = v
			}
			if k == "cpu MHz" && speed == 0 {
				f, _ := strconv.ParseFloat(v, 64)
				speed = int(f)
			}
		}
	}
	n := runtime.NumCPU()
	list := make([]any, n)
	for i := range list {
		o := vm.NewObject()
		_ = o.Set("model", model)
		_ = o.Set("speed", speed)
		times := vm.NewObject()
		for _, k := range []string{"user", "nice", "sys", "idle", "irq"} {
			_ = times.Set(k, 0)
		}
		_ = o.Set("times", times)
		list[i] = o
	}
	return vm.NewArray(list...)
}

func networkInterfaces(vm *goja.Runtime) goja.Value {
	out := vm.NewObject()
	ifaces, err := net.Interfaces()
	if err != nil {
		return out
	}
	for _, ifc := range ifaces {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		var list []any
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			o := vm.NewObject()
			ones, _ := ipn.Mask.Size()
			family := "IPv4"
			if ipn.IP.To4() == nil {
				family = "IPv6"
			}
			_ = o.Set("address", ipn.IP.String())
			_ = o.Set("netmask", net.IP(ipn.Mask).String())
			_ = o.Set("family", family)
			_ = o.Set("mac", macString(ifc.HardwareAddr))
			_ = o.Set("internal", ifc.Flags&net.FlagLoopback != 0)
			_ = o.Set("cidr", ipn.IP.String()+"/"+strconv.Itoa(ones))
			if family == "IPv6" {
				_ = o.Set("scopeid", 0)
			}
			list = append(list, o)
		}
		if len(list) > 0 {
			_ = out.Set(ifc.Name, vm.NewArray(list...))
		}
	}
	return out
}

func macString(hw net.HardwareAddr) string {
	if len(hw) == 0 {
		return "00:00:00:00:00:00"
	}
	return hw.String()
}

func osConstants(vm *goja.Runtime) *goja.Object {
	c := vm.NewObject()
	sig := vm.NewObject()
	for _, name := range sortedSignalNames() {
		_ = sig.Set(name, int(signalNumbers[name]))
	}
	_ = c.Set("signals", sig)
	type kv struct {
		k string
		v int
	}
	table := func(entries []kv) *goja.Object {
		o := vm.NewObject()
		for _, e := range entries {
			_ = o.Set(e.k, e.v)
		}
		return o
	}
	// Linux values, in Node's order (node -p "os.constants.errno").
	_ = c.Set("errno", table([]kv{
		{"E2BIG", 7}, {"EACCES", 13}, {"EADDRINUSE", 98}, {"EADDRNOTAVAIL", 99}, {"EAFNOSUPPORT", 97},
		{"EAGAIN", 11}, {"EALREADY", 114}, {"EBADF", 9}, {"EBADMSG", 74}, {"EBUSY", 16}, {"ECANCELED",
			125}, {"ECHILD", 10}, {"ECONNABORTED", 103}, {"ECONNREFUSED", 111}, {"ECONNRESET", 104},
		{"EDEADLK", 35}, {"EDESTADDRREQ", 89}, {"EDOM", 33}, {"EDQUOT", 122}, {"EEXIST", 17}, {"EFAULT",
			14}, {"EFBIG", 27}, {"EHOSTUNREACH", 113}, {"EIDRM", 43}, {"EILSEQ", 84}, {"EINPROGRESS", 115},
		{"EINTR", 4}, {"EINVAL", 22}, {"EIO", 5}, {"EISCONN", 106}, {"EISDIR", 21}, {"ELOOP", 40},
		{"EMFILE", 24}, {"EMLINK", 31}, {"EMSGSIZE", 90}, {"EMULTIHOP", 72}, {"ENAMETOOLONG", 36},
		{"ENETDOWN", 100}, {"ENETRESET", 102}, {"ENETUNREACH", 101}, {"ENFILE", 23}, {"ENOBUFS", 105},
		{"ENODATA", 61}, {"ENODEV", 19}, {"ENOENT", 2}, {"ENOEXEC", 8}, {"ENOLCK", 37}, {"ENOLINK", 67},
		{"ENOMEM", 12}, {"ENOMSG", 42}, {"ENOPROTOOPT", 92}, {"ENOSPC", 28}, {"ENOSR", 63}, {"ENOSTR",
			60}, {"ENOSYS", 38}, {"ENOTCONN", 107}, {"ENOTDIR", 20}, {"ENOTEMPTY", 39}, {"ENOTSOCK", 88},
		{"ENOTSUP", 95}, {"ENOTTY", 25}, {"ENXIO", 6}, {"EOPNOTSUPP", 95}, {"EOVERFLOW", 75}, {"EPERM",
			1}, {"EPIPE", 32}, {"EPROTO", 71}, {"EPROTONOSUPPORT", 93}, {"EPROTOTYPE", 91}, {"ERANGE", 34},
		{"EROFS", 30}, {"ESPIPE", 29}, {"ESRCH", 3}, {"ESTALE", 116}, {"ETIME", 62}, {"ETIMEDOUT", 110},
		{"ETXTBSY", 26}, {"EWOULDBLOCK", 11}, {"EXDEV", 18}}))
	_ = c.Set("priority", table([]kv{{"PRIORITY_LOW", 19}, {"PRIORITY_BELOW_NORMAL", 10}, {"PRIORITY_NORMAL", 0},
		{"PRIORITY_ABOVE_NORMAL", -7}, {"PRIORITY_HIGH", -14}, {"PRIORITY_HIGHEST", -20}}))
	_ = c.Set("dlopen", table([]kv{{"RTLD_LAZY", 1}, {"RTLD_NOW", 2}, {"RTLD_GLOBAL", 256}, {"RTLD_LOCAL", 0}, {"RTLD_DEEPBIND", 8}}))
	_ = c.Set("UV_UDP_REUSEADDR", 4)
	return c
}

func sortedSignalNames() []string {
	names := make([]string, 0, len(signalNumbers))
	for n := range signalNumbers {
		names = append(names, n)
	}
	// Node lists signals by number.
	sort.Slice(names, func(i, j int) bool {
		a, b := signalNumbers[names[i]], signalNumbers[names[j]]
		return a < b || a == b && names[i] < names[j]
	})
	return names
}
