package intrinsics

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // IANA zones must work on hosts without /usr/share/zoneinfo, as they do in node
)

var (
	zoneIndexOnce sync.Once
	zoneIndex     map[string]string // lower-case name → canonical spelling
	zoneCache     sync.Map          // canonical name → *time.Location
	defaultZoneV  string
	defaultZoneMu sync.Once
)

// canonicalTimeZone validates a time zone name case-insensitively and returns its canonical spelling,
// with UTC's aliases folded into "UTC" as V8 does.
func canonicalTimeZone(name string) (string, bool) {
	zoneIndexOnce.Do(func() {
		zoneIndex = make(map[string]string, len(supportedTimeZones)+64)
		for _, z := range supportedTimeZones {
			zoneIndex[strings.ToLower(z)] = z
		}
	})
	lower := strings.ToLower(name)
	switch lower {
	case "utc", "etc/utc", "etc/gmt", "gmt", "etc/uct", "uct", "etc/universal", "universal", "etc/zulu", "zulu", "etc/gmt0", "etc/gmt+0", "etc/gmt-0", "gmt0", "gmt+0", "gmt-0", "etc/greenwich", "greenwich":
		return "UTC", true
	}
	if z, ok := zoneIndex[lower]; ok {
		return z, true
	}
	if strings.HasPrefix(lower, "etc/gmt") {
		z := "Etc/GMT" + name[7:]
		if _, err := time.LoadLocation(z); err == nil {
			return z, true
		}
	}
	// Links and legacy names node accepts (US/Eastern, Asia/Calcutta): find their spelling by trying the
	// usual capitalisation against the tz database.
	parts := strings.Split(lower, "/")
	for i, p := range parts {
		words := strings.Split(p, "_")
		for j, w := range words {
			if len(w) > 0 {
				words[j] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		parts[i] = strings.Join(words, "_")
	}
	for _, cand := range []string{strings.Join(parts, "/"), name} {
		if strings.Contains(cand, "/") && !strings.Contains(cand, "..") {
			if _, err := time.LoadLocation(cand); err == nil {
				return linkTarget(cand), true
			}
		}
	}
	return "", false
}

// linkTarget resolves the few legacy links V8 canonicalises.
func linkTarget(z string) string {
	switch z {
	case "US/Eastern":
		return "America/New_York"
	case "US/Central":
		return "America/Chicago"
	case "US/Mountain":
		return "America/Denver"
	case "US/Pacific":
		return "America/Los_Angeles"
	case "US/Alaska":
		return "America/Anchorage"
	case "US/Hawaii":
		return "Pacific/Honolulu"
	case "US/Arizona":
		return "America/Phoenix"
	}
	return z
}

func loadZone(name string) *time.Location {
	if name == "UTC" {
		return time.UTC
	}
	if v, ok := zoneCache.Load(name); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	zoneCache.Store(name, loc)
	return loc
}

// defaultTimeZone is the host's zone as node reports it: TZ when set, else /etc/localtime's target,
// else UTC. goja's Date uses the same zone (Go's time.Local follows TZ and /etc/localtime).
func defaultTimeZone() string {
	defaultZoneMu.Do(func() {
		defaultZoneV = "UTC"
		if tz, ok := os.LookupEnv("TZ"); ok {
			tz = strings.TrimPrefix(tz, ":")
			if z, ok := canonicalTimeZone(tz); ok {
				defaultZoneV = z
			}
			return
		}
		if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
			if i := strings.Index(target, "zoneinfo/"); i >= 0 {
				if z, ok := canonicalTimeZone(target[i+len("zoneinfo/"):]); ok {
					defaultZoneV = z
				}
			}
		}
	})
	return defaultZoneV
}

// usMetazones are the zones whose abbreviations en-US shows as short names, by Go's abbreviation.
var usMetazones = map[string][2]string{ // abbreviation → long name, generic long name
	"EST": {"Eastern Standard Time", "Eastern Time"}, "EDT": {"Eastern Daylight Time", "Eastern Time"},
	"CST": {"Central Standard Time", "Central Time"}, "CDT": {"Central Daylight Time", "Central Time"},
	"MST": {"Mountain Standard Time", "Mountain Time"}, "MDT": {"Mountain Daylight Time", "Mountain Time"},
	"PST": {"Pacific Standard Time", "Pacific Time"}, "PDT": {"Pacific Daylight Time", "Pacific Time"},
	"AKST": {"Alaska Standard Time", "Alaska Time"}, "AKDT": {"Alaska Daylight Time", "Alaska Time"},
	"HST": {"Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Time"},
	"HDT": {"Hawaii-Aleutian Daylight Time", "Hawaii-Aleutian Time"},
}

// longZoneNames are CLDR's English metazone names for the zones most programs meet, keyed by Go's
// abbreviation where it is unambiguous, else by zone.
var longZoneNames = map[string]string{
	"CET": "Central European Standard Time", "CEST": "Central European Summer Time",
	"EET": "Eastern European Standard Time", "EEST": "Eastern European Summer Time",
	"WET": "Western European Standard Time", "WEST": "Western European Summer Time",
	"Europe/London|GMT": "Greenwich Mean Time", "Europe/London|BST": "British Summer Time",
	"Europe/Dublin|GMT": "Greenwich Mean Time", "Europe/Dublin|IST": "Irish Standard Time",
	"Africa/Abidjan|GMT": "Greenwich Mean Time", "Asia/Kolkata": "India Standard Time",
	"Asia/Calcutta": "India Standard Time", "Asia/Shanghai": "China Standard Time",
	"Asia/Tokyo": "Japan Standard Time", "Asia/Seoul": "Korean Standard Time",
	"Asia/Singapore": "Singapore Standard Time", "Asia/Hong_Kong": "Hong Kong Standard Time",
	"Australia/Sydney|AEST": "Australian Eastern Standard Time", "Australia/Sydney|AEDT": "Australian Eastern Daylight Time",
	"Australia/Melbourne|AEST": "Australian Eastern Standard Time", "Australia/Melbourne|AEDT": "Australian Eastern Daylight Time",
	"America/Sao_Paulo": "Brasilia Standard Time", "Europe/Moscow": "Moscow Standard Time",
}

// zoneName renders timeZoneName for an instant; gb selects en-GB, which shows GMT/BST for London.
func zoneName(zone string, t time.Time, style string, gb bool) string {
	abbr, offset := t.Zone()
	if gb && zone == "Europe/London" && style == "short" {
		return abbr
	}
	us := strings.HasPrefix(zone, "America/") || zone == "Pacific/Honolulu"
	meta, isUS := usMetazones[abbr]
	isUS = isUS && us
	switch style {
	case "short":
		if zone == "UTC" {
			return "UTC"
		}
		if isUS {
			return abbr
		}
		return gmtOffset(offset, false, true)
	case "long":
		if zone == "UTC" {
			return "Coordinated Universal Time"
		}
		if isUS {
			return meta[0]
		}
		for _, k := range []string{zone + "|" + abbr, zone, abbr} {
			if n, ok := longZoneNames[k]; ok {
				return n
			}
		}
		return gmtOffset(offset, true, true)
	case "shortOffset":
		return gmtOffset(offset, false, false)
	case "longOffset":
		return gmtOffset(offset, true, false)
	case "shortGeneric":
		if isUS {
			if abbr == "MST" && zone == "America/Phoenix" || abbr == "HST" {
				return abbr
			}
			return string(abbr[0]) + "T"
		}
		return gmtOffset(offset, false, false)
	case "longGeneric":
		if isUS {
			if abbr == "MST" && zone == "America/Phoenix" || abbr == "HST" {
				return meta[0]
			}
			return meta[1]
		}
		if n := zoneName(zone, t, "long", gb); !strings.HasPrefix(n, "GMT") && zone != "UTC" {
			return n
		}
		return gmtOffset(offset, true, false)
	}
	return abbr
}

// gmtOffset formats "GMT-5", "GMT+5:30", "GMT-05:00"; zeroBare gives "GMT" for a zero offset.
func gmtOffset(offset int, long, zeroBare bool) string {
	if offset == 0 && zeroBare {
		return "GMT"
	}
	sign := "+"
	if offset < 0 {
		sign = "-"
		offset = -offset
	}
	h, m := offset/3600, offset%3600/60
	if long {
		return "GMT" + sign + pad2(h) + ":" + pad2(m)
	}
	s := "GMT" + sign + formatIntString(h)
	if m != 0 {
		s += ":" + pad2(m)
	}
	return s
}

func pad2(n int) string {
	if n < 10 {
		return "0" + formatIntString(n)
	}
	return formatIntString(n)
}
