package ring

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Standard names a ring-size system. Every standard measures the inside of the
// ring; REFERENCE.md section 2 gives the definitions and their sources.
type Standard string

// The ring-size standards mandrel reads and reports.
const (
	// US is the US/Canada scale: inner diameter d = 11.6332 + 0.8128·s mm
	// (0.458 in + 0.032 in per size), sizes 0 to 16 in quarter steps.
	US Standard = "US"
	// UK is the UK/Australia/New Zealand/Ireland letter scale (BS 6820 as
	// JewelCraft uses it): inner circumference C = 37.5 + 1.25·n mm, n the
	// letter index (A = 0 … Z = 25), a half size adds 0.625 mm, and Z+1, Z+2 …
	// continue the line; A to Z+6 in half steps.
	UK Standard = "UK"
	// EU is ISO 8653 (Germany, France and most of Europe): the size is the
	// inner circumference in mm, 38 to 80, any fraction.
	EU Standard = "EU"
	// JP is the customary Japanese (JCS) scale: d = 13.0 + (n − 1)/3 mm,
	// whole sizes 1 to 30.
	JP Standard = "JP"
	// CN is the mainland-China scale, which uses the same numbers as JP.
	CN Standard = "CN"
	// CH is the Swiss scale (also Italy and Spain): size = C − 40, C the inner
	// circumference in mm; 0 to 35 in half steps.
	CH Standard = "CH"
	// IN is the Indian scale: whole sizes 1 to 30 read from a published
	// circumference chart (see size_tables.go); no extrapolation.
	IN Standard = "IN"
	// HK is the Hong Kong scale: whole sizes 5 to 30 read from a published
	// HK-to-US chart (see size_tables.go); no extrapolation.
	HK Standard = "HK"
	// MM is the inner diameter itself, in mm, 10 to 28.
	MM Standard = "mm"
)

// Standards lists every ring-size standard in report order. MM is not listed:
// it is the measurement the others are converted from.
var Standards = []Standard{US, UK, EU, JP, CN, CH, IN, HK}

// Size is a finger size: the inner diameter of the ring in millimetres, with
// the standard and the canonical label it was given in.
//
// Canonical labels (what Nearest, Sizes and ParseSize produce; ParseSize reads
// every one of them back to the same Size):
//
//	US  "7", "7.25", "7.5", "7.75"      (shortest decimal)
//	UK  "N", "N1/2", "Z", "Z1/2", "Z+1", "Z+1 1/2"
//	    (the space keeps "Z+1 1/2" apart from "Z+11/2")
//	EU  "54", "54.5"                     (inner circumference, mm)
//	JP, CN, IN, HK  "14"
//	CH  "14", "14.5"
//	mm  "17.32"                          (inner diameter, mm)
//
// The zero Size is not a valid size.
type Size struct {
	Standard   Standard // the standard the size is expressed in
	Label      string   // the canonical label in that standard, such as "7.25" or "N1/2"
	DiameterMM float64  // inner diameter of the ring, mm
}

// CircumferenceMM returns the inner circumference of the ring in mm (π·d).
func (s Size) CircumferenceMM() float64 { return math.Pi * s.DiameterMM }

// String returns the size as ParseSize reads it, such as "US 7.25" or "UK N1/2".
func (s Size) String() string { return string(s.Standard) + " " + s.Label }

// Conversion is one row of Conversions: the valid size of a standard nearest
// to a given inner diameter.
type Conversion struct {
	Standard   Standard // the standard
	Label      string   // canonical label of the nearest size
	DiameterMM float64  // inner diameter of that size, mm
	ErrorMM    float64  // that size's diameter minus the given diameter, mm (positive = the size is larger)
}

// ErrSize is wrapped by every error this package returns for a ring size it
// cannot read or that lies outside its standard's range; test with errors.Is.
var ErrSize = errors.New("invalid ring size")

// SizeError reports a ring size that cannot be read or is out of range. Its
// message names the field ("ring size"), the value as given and what is
// allowed, such as
//
//	ring size "US 99": US sizes run from 0 to 16 in quarter steps
//
// It wraps ErrSize.
type SizeError struct {
	Input    string   // the text as given (trimmed, cut to 64 bytes)
	Standard Standard // the standard, when one was recognised; else ""
	Problem  string   // what is wrong beyond the range, such as "7.3 is not a quarter size"; may be empty
	Allowed  string   // what the standard allows
}

// Error returns `ring size "INPUT": [PROBLEM; ]ALLOWED`.
func (e *SizeError) Error() string {
	msg := "ring size " + strconv.Quote(e.Input) + ": "
	if e.Problem != "" {
		msg += e.Problem + "; "
	}
	return msg + e.Allowed
}

// Unwrap returns ErrSize.
func (e *SizeError) Unwrap() error { return ErrSize }

// sizeMaxInput bounds the length in bytes of a size string: the longest valid
// one ("UK Z+6 1/2" with padding) is far shorter.
const sizeMaxInput = 64

const sizeAllowedAny = `a size is a standard and a value, such as "US 7", "UK N1/2", "EU 54", "JP 13", "CH 14", "IN 15", "HK 12" or "mm 17.32"; standards are US, UK, EU, JP, CN, CH, IN, HK and mm`

func sizeErr(input string, std Standard, problem, allowed string) error {
	return &SizeError{Input: sizeClip(input), Standard: std, Problem: problem, Allowed: allowed}
}

// sizeClip trims s and cuts it to sizeMaxInput bytes, so an error message
// never carries a huge untrusted string.
func sizeClip(s string) string { return sizeClipN(s, sizeMaxInput) }

// sizeClipN trims s and cuts it to at most n bytes (plus "…"), backing up at
// most to the start of a UTF-8 sequence.
func sizeClipN(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for i := n; i > n-utf8.UTFMax && i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			n = i
			break
		}
	}
	return s[:n] + "…"
}

// sizeAliases maps other names of a standard (upper-case ASCII) to it.
var sizeAliases = map[string]Standard{
	"US": US, "CA": US,
	"UK": UK, "AU": UK,
	"EU": EU, "ISO": EU,
	"JP": JP,
	"CN": CN,
	"CH": CH, "IT": CH, "ES": CH,
	"IN": IN,
	"HK": HK,
	"MM": MM,
}

// ParseStandard reads a standard's name, case-insensitively: US, UK, EU, JP,
// CN, CH, IN, HK or mm, and the aliases CA (= US), AU (= UK), ISO (= EU), IT and
// ES (= CH). Any other name gives a *SizeError.
func ParseStandard(name string) (Standard, error) {
	n := strings.TrimSpace(name)
	if std, ok := sizeAliases[sizeASCIIUpper(n)]; ok {
		return std, nil
	}
	return "", sizeErr(name, "", "unknown standard "+strconv.Quote(sizeClipN(n, 24)), sizeAllowedAny)
}

// sizeASCIIUpper upper-cases ASCII letters only, so that no Unicode case
// folding (such as "ſ" → "S") lets an odd string pass for a standard.
func sizeASCIIUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// ParseSize reads a ring size written as a standard and a value, such as
// "US 7", "us 7.25", "US 7 1/4", "US 7¼", "UK N", "UK N1/2", "UK N 1/2", "UK N½",
// "UK Z+2", "UK Z+1 1/2", "EU 54", "EU 54.5", "EU 54,5", "JP 13", "CN 14",
// "CH 14.5", "IN 15", "HK 12", "mm 17.35" or "17.35 mm". Case and the space
// after the standard are optional ("us7"); the standard may also be one of the
// aliases ParseStandard accepts. Numbers are plain decimals (a comma may stand
// for the point), optionally with a whole part followed by a fraction "1/2",
// "1/4", "3/4" or "½", "¼", "¾"; no exponents, hex, NaN or Inf.
//
// The value must be a valid size of its standard (see the Standard constants
// for ranges and steps); otherwise the error is a *SizeError wrapping ErrSize.
// The returned Size carries the canonical label (see Size). ParseSize never
// panics.
func ParseSize(s string) (Size, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Size{}, sizeErr(in, "", "empty", sizeAllowedAny)
	}
	if len(in) > sizeMaxInput {
		return Size{}, sizeErr(in, "", "too long", sizeAllowedAny)
	}
	i := 0
	for i < len(in) && (('a' <= in[i] && in[i] <= 'z') || ('A' <= in[i] && in[i] <= 'Z')) {
		i++
	}
	head, rest := in[:i], strings.TrimSpace(in[i:])
	if head == "" {
		// "17.35 mm": a diameter with the unit after it.
		if len(in) > 2 && sizeASCIIUpper(in[len(in)-2:]) == "MM" {
			return sizeParseIn(MM, in, in[:len(in)-2])
		}
		return Size{}, sizeErr(in, "", "no standard", sizeAllowedAny)
	}
	std, ok := sizeAliases[sizeASCIIUpper(head)]
	if !ok {
		return Size{}, sizeErr(in, "", "unknown standard "+strconv.Quote(sizeClipN(head, 24)), sizeAllowedAny)
	}
	return sizeParseIn(std, in, rest)
}

// SizeIn returns the size with the given label in the standard std, reading
// the label as ParseSize reads the part after the standard (so SizeIn(UK, "N½")
// and SizeIn(US, "7 1/4") work). std is read case-insensitively and may be an
// alias. Errors are *SizeError values wrapping ErrSize.
func SizeIn(std Standard, label string) (Size, error) {
	input := string(std) + " " + label
	if len(input) > sizeMaxInput+8 {
		return Size{}, sizeErr(input, "", "too long", sizeAllowedAny)
	}
	canon, ok := sizeAliases[sizeASCIIUpper(strings.TrimSpace(string(std)))]
	if !ok {
		return Size{}, sizeErr(input, "", "unknown standard "+strconv.Quote(sizeClipN(string(std), 24)), sizeAllowedAny)
	}
	return sizeParseIn(canon, input, label)
}

// sizeParseIn reads label as a size of the (canonical) standard std; input is
// the whole text, for messages.
func sizeParseIn(std Standard, input, label string) (Size, error) {
	sc := sizeScales[std]
	label = strings.TrimSpace(label)
	if label == "" {
		return Size{}, sizeErr(input, std, "no size after the standard", sc.allowed)
	}
	if sc.table != nil {
		v, ok := sizeParseNumber(label)
		if ok && v == math.Trunc(v) {
			want := strconv.FormatFloat(v, 'f', -1, 64)
			for _, r := range sc.table {
				if r.label == want {
					return Size{Standard: std, Label: r.label, DiameterMM: r.diameterMM}, nil
				}
			}
		}
		return Size{}, sizeErr(input, std, "", sc.allowed)
	}
	var v float64
	var ok bool
	if sc.letters {
		v, ok = sizeParseUKLabel(label)
	} else {
		v, ok = sizeParseNumber(label)
	}
	if !ok {
		return Size{}, sizeErr(input, std, "cannot read "+strconv.Quote(sizeClipN(label, 24)), sc.allowed)
	}
	if !(v >= sc.lo && v <= sc.hi) {
		return Size{}, sizeErr(input, std, "", sc.allowed)
	}
	if sc.free {
		return sc.size(v), nil
	}
	x := v * sc.per
	k := math.Round(x)
	if math.Abs(x-k) > 1e-9 {
		return Size{}, sizeErr(input, std, sizeFormatValue(v)+" is not a "+sc.stepName+" size", sc.allowed)
	}
	return sc.size(k / sc.per), nil
}

// Nearest returns the valid size of std closest to the inner diameter d (mm)
// and its signed error in mm (the size's diameter − d). Sizes step as ParseSize
// accepts them, except that EU snaps to 0.5 mm of circumference and mm to
// 0.01 mm of diameter. ok is false when std is unknown, d is not finite, or d
// lies more than half a step beyond the standard's first or last size (for
// IN and HK: half the gap to the neighbouring entry). std must be one of the
// Standard constants, MM included; aliases are for ParseStandard.
func Nearest(std Standard, d float64) (s Size, errMM float64, ok bool) {
	sc, known := sizeScales[std]
	if !known || math.IsNaN(d) || math.IsInf(d, 0) {
		return Size{}, 0, false
	}
	if sc.table != nil {
		t := sc.table
		n := len(t)
		lo := t[0].diameterMM - (t[1].diameterMM-t[0].diameterMM)/2
		hi := t[n-1].diameterMM + (t[n-1].diameterMM-t[n-2].diameterMM)/2
		if d < lo || d > hi {
			return Size{}, 0, false
		}
		best := 0
		for i := range t {
			if math.Abs(t[i].diameterMM-d) < math.Abs(t[best].diameterMM-d) {
				best = i
			}
		}
		s = Size{Standard: std, Label: t[best].label, DiameterMM: t[best].diameterMM}
		return s, s.DiameterMM - d, true
	}
	x := sc.val(d) * sc.per
	kmin, kmax := math.Round(sc.lo*sc.per), math.Round(sc.hi*sc.per)
	if !(x > kmin-1 && x < kmax+1) { // bounds x before rounding; also rejects NaN
		return Size{}, 0, false
	}
	k := math.Round(x)
	if k < kmin || k > kmax {
		return Size{}, 0, false
	}
	s = sc.size(k / sc.per)
	return s, s.DiameterMM - d, true
}

// Conversions returns the nearest size to the inner diameter d (mm) in every
// standard of Standards, in that order, skipping standards whose range does
// not cover d (see Nearest).
func Conversions(d float64) []Conversion {
	out := make([]Conversion, 0, len(Standards))
	for _, std := range Standards {
		if s, e, ok := Nearest(std, d); ok {
			out = append(out, Conversion{Standard: std, Label: s.Label, DiameterMM: s.DiameterMM, ErrorMM: e})
		}
	}
	return out
}

// Sizes returns every size Nearest can return for std, smallest first: for US
// every quarter from 0 to 16, for UK every half from A to Z+6, for EU every
// 0.5 mm from 38 to 80, for mm every 0.01 mm from 10 to 28, and so on. std
// must be one of the Standard constants; Sizes returns nil for any other.
func Sizes(std Standard) []Size {
	sc, ok := sizeScales[std]
	if !ok {
		return nil
	}
	if sc.table != nil {
		out := make([]Size, len(sc.table))
		for i, r := range sc.table {
			out[i] = Size{Standard: std, Label: r.label, DiameterMM: r.diameterMM}
		}
		return out
	}
	kmin, kmax := int(math.Round(sc.lo*sc.per)), int(math.Round(sc.hi*sc.per))
	out := make([]Size, 0, kmax-kmin+1)
	for k := kmin; k <= kmax; k++ {
		out = append(out, sc.size(float64(k)/sc.per))
	}
	return out
}

// size returns the Size of value v (already on the scale's grid, or any value
// of a free scale).
func (sc *sizeScale) size(v float64) Size {
	label := sizeFormatValue(v)
	if sc.letters {
		label = sizeUKLabel(v)
	}
	return Size{Standard: sc.std, Label: label, DiameterMM: sc.dia(v)}
}

// sizeFormatValue formats a size value as its shortest decimal ("7", "7.25",
// "17.32"); strconv's shortest form reads back to the same float64.
func sizeFormatValue(v float64) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// sizeUKLabel formats the UK letter index n (0 = A, in half steps) as "N",
// "N1/2", "Z+1" or "Z+1 1/2".
func sizeUKLabel(n float64) string {
	h := int(math.Round(2 * n))
	i, half := h/2, h%2 == 1
	var b strings.Builder
	if i <= 25 {
		b.WriteByte(byte('A' + i))
		if half {
			b.WriteString("1/2")
		}
		return b.String()
	}
	b.WriteString("Z+")
	b.WriteString(strconv.Itoa(i - 25))
	if half {
		b.WriteString(" 1/2")
	}
	return b.String()
}

// sizeParseUKLabel reads a UK label: a letter A–Z (any case); after Z an
// optional "+k" (k whole, spaces allowed around "+"); then an optional half
// written "1/2" or "½", with or without a space before it. It returns the
// letter index n (A = 0, Z+1 = 26, halves add 0.5). The range is checked by
// the caller.
func sizeParseUKLabel(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	c := s[0]
	if 'a' <= c && c <= 'z' {
		c = c - 'a' + 'A'
	}
	if c < 'A' || c > 'Z' {
		return 0, false
	}
	n := float64(c - 'A')
	r := strings.TrimSpace(s[1:])
	if c == 'Z' && strings.HasPrefix(r, "+") {
		r = strings.TrimSpace(r[1:])
		j := 0
		for j < len(r) && '0' <= r[j] && r[j] <= '9' {
			j++
		}
		if j == 0 || j > 3 {
			return 0, false
		}
		k, err := strconv.Atoi(r[:j])
		if err != nil || k < 1 {
			return 0, false
		}
		n += float64(k)
		r = strings.TrimSpace(r[j:])
	}
	switch r {
	case "":
	case "1/2", "½":
		n += 0.5
	default:
		return 0, false
	}
	return n, true
}

// sizeVulgar are the fraction characters a size may end with.
var sizeVulgar = []struct {
	s string
	v float64
}{{"½", 0.5}, {"¼", 0.25}, {"¾", 0.75}}

// sizeParseNumber reads a size value: a plain decimal ("7", "7.25", "-1",
// "54,5"), or an optional whole number followed by a fraction ("7 1/4", "1/2",
// "7¼", "7 ½"). It accepts nothing else: no exponent, hex, underscores, NaN or
// Inf, so the result is always finite.
func sizeParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	for _, f := range sizeVulgar {
		if strings.HasSuffix(s, f.s) {
			whole := strings.TrimSpace(strings.TrimSuffix(s, f.s))
			if whole == "" {
				return f.v, true
			}
			w, ok := sizeParseDigits(whole)
			return w + f.v, ok
		}
	}
	if strings.Contains(s, "/") {
		parts := strings.Fields(s)
		switch len(parts) {
		case 1:
			return sizeParseFraction(parts[0])
		case 2:
			w, ok1 := sizeParseDigits(parts[0])
			f, ok2 := sizeParseFraction(parts[1])
			return w + f, ok1 && ok2
		}
		return 0, false
	}
	return sizeParseDecimal(s)
}

// sizeParseDigits reads 1 to 6 ASCII digits.
func sizeParseDigits(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 6 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// sizeParseFraction reads "n/d" with 1 ≤ n < d ≤ 64.
func sizeParseFraction(s string) (float64, bool) {
	num, den, ok := strings.Cut(s, "/")
	if !ok {
		return 0, false
	}
	n, ok1 := sizeParseDigits(num)
	d, ok2 := sizeParseDigits(den)
	if !ok1 || !ok2 || n < 1 || n >= d || d > 64 {
		return 0, false
	}
	return n / d, true
}

// sizeParseDecimal reads an optional sign, digits, and optionally a point (or
// comma) and more digits; at most 24 bytes.
func sizeParseDecimal(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 24 {
		return 0, false
	}
	b := []byte(s)
	i := 0
	if b[0] == '-' || b[0] == '+' {
		i++
	}
	intDigits, fracDigits, point := 0, 0, false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case '0' <= c && c <= '9':
			if point {
				fracDigits++
			} else {
				intDigits++
			}
		case (c == '.' || c == ',') && !point:
			point = true
			b[i] = '.'
		default:
			return 0, false
		}
	}
	if intDigits == 0 || (point && fracDigits == 0) {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	return v, err == nil
}
