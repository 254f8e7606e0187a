package ring

import (
	"math"
	"strconv"
)

// sizeScale describes one standard. A linear scale maps a size value v (the
// number or UK letter index) to an inner diameter with dia, and back with
// val; its sizes run from lo to hi in steps of 1/per. A table scale lists its
// sizes instead.
type sizeScale struct {
	std      Standard
	allowed  string // what the standard allows, for error messages
	stepName string // "quarter", "half", "whole": the step ParseSize requires

	per     float64 // steps per unit of v (4 = quarter sizes); Nearest snaps to 1/per
	lo, hi  float64 // first and last size value
	free    bool    // ParseSize accepts any value in [lo, hi], not only steps (EU, mm)
	letters bool    // UK letter labels
	dia     func(v float64) float64
	val     func(d float64) float64

	table []sizeTableRow // IN, HK: the sizes, smallest first
}

// sizeTableRow is one entry of a chart-based standard.
type sizeTableRow struct {
	label      string
	diameterMM float64
}

// US/Canada: d = 0.458 in + 0.032 in × s = 11.6332 + 0.8128·s mm
// (ringsizely.com/how-we-calculate-ring-sizes; liquisearch.com/ring_size/systems;
// REFERENCE.md "Decisions": US 7 = 17.32 mm).
const (
	sizeUSBaseMM = 11.6332
	sizeUSStepMM = 0.8128
)

func sizeUSDiameter(s float64) float64 { return sizeUSBaseMM + sizeUSStepMM*s }

// UK/AU: C = 37.5 + 1.25·n mm, n the letter index, A = 0 (BS 6820 as used by
// mrachinskiy/jewelcraft source/lib/ringsizelib.py; REFERENCE.md "Decisions").
const (
	sizeUKBaseMM = 37.5
	sizeUKStepMM = 1.25
)

var sizeScales = map[Standard]*sizeScale{
	US: {
		std: US, allowed: "US sizes run from 0 to 16 in quarter steps", stepName: "quarter",
		per: 4, lo: 0, hi: 16,
		dia: sizeUSDiameter,
		val: func(d float64) float64 { return (d - sizeUSBaseMM) / sizeUSStepMM },
	},
	UK: {
		std: UK, allowed: "UK sizes run from A to Z+6 in half steps, written like N, N1/2, Z+1, Z+1 1/2", stepName: "half",
		per: 2, lo: 0, hi: 31, letters: true,
		dia: func(n float64) float64 { return (sizeUKBaseMM + sizeUKStepMM*n) / math.Pi },
		val: func(d float64) float64 { return (math.Pi*d - sizeUKBaseMM) / sizeUKStepMM },
	},
	// ISO 8653: the size is the inner circumference in mm (REFERENCE.md §2).
	EU: {
		std: EU, allowed: "EU sizes (ISO 8653 inner circumference) run from 38 to 80 mm", stepName: "half",
		per: 2, lo: 38, hi: 80, free: true,
		dia: func(c float64) float64 { return c / math.Pi },
		val: func(d float64) float64 { return math.Pi * d },
	},
	// JCS: d = 13.0 + (n − 1)/3 mm (tomigin.com/ring_size.htm; tenmaya-j.jp).
	JP: sizeJCS(JP),
	CN: sizeJCS(CN), // charts put CN = JP (REFERENCE.md §2)
	// Swiss: size = C − 40 (jewelcraft ringsizelib.py; liquisearch.com/ring_size/systems).
	CH: {
		std: CH, allowed: "CH sizes run from 0 to 35 in half steps", stepName: "half",
		per: 2, lo: 0, hi: 35,
		dia: func(s float64) float64 { return (s + 40) / math.Pi },
		val: func(d float64) float64 { return math.Pi*d - 40 },
	},
	IN: {
		std: IN, allowed: "IN sizes are the whole numbers 1 to 30 of the Indian chart", stepName: "whole",
		table: sizeIndiaTable(),
	},
	HK: {
		std: HK, allowed: "HK sizes are the whole numbers 5 to 30 of the Hong Kong chart", stepName: "whole",
		table: sizeHongKongTable(),
	},
	MM: {
		std: MM, allowed: "mm sizes (inner diameter) run from 10 to 28 mm", stepName: "0.01 mm",
		per: 100, lo: 10, hi: 28, free: true,
		dia: func(d float64) float64 { return d },
		val: func(d float64) float64 { return d },
	},
}

func sizeJCS(std Standard) *sizeScale {
	return &sizeScale{
		std: std, allowed: string(std) + " sizes run from 1 to 30 in whole steps", stepName: "whole",
		per: 1, lo: 1, hi: 30,
		dia: func(n float64) float64 { return 13 + (n-1)/3 },
		val: func(d float64) float64 { return 3*(d-13) + 1 },
	}
}

// sizeIndiaCircumferenceMM[i] is the inner circumference in mm of Indian size
// i+1, sizes 1 to 30, as published by Duha Fine Jewellery
// (https://www.duhafinejewellery.com/pages/sizing-chart, mm column).
//
// Cross-check with Elliston Jewelry (https://ellistonjewelry.in/ring-size-guide):
// sizes 1, 3 and 5–29 agree to 0.01 mm. They differ at
//   - 2: Duha 41.7, Elliston 42.70 — Elliston's own inch column (1.64 in =
//     41.7 mm) agrees with Duha, so 42.70 is a typo;
//   - 4: Duha 44.1, Elliston 43.60 (inch columns 1.73 and 1.72 in);
//   - 30: Duha 69.7, Elliston 71.00.
//
// mandrel follows Duha throughout, as REFERENCE.md §2 does (1 = 41.0 … 30 =
// 69.7 mm, with its sample rows 6, 8, 12, 14, 22). Nothing is interpolated or
// extrapolated; sizes outside 1–30 are errors.
var sizeIndiaCircumferenceMM = [30]float64{
	41.0, 41.7, 42.9, 44.1, 44.8, 46.1, 47.4, 48.0, 48.7, 50.0, // 1–10
	51.2, 51.9, 53.1, 54.4, 55.1, 56.3, 57.0, 58.3, 58.9, 60.2, // 11–20
	60.8, 62.1, 62.7, 64.0, 64.6, 65.9, 67.2, 67.8, 69.1, 69.7, // 21–30
}

func sizeIndiaTable() []sizeTableRow {
	t := make([]sizeTableRow, len(sizeIndiaCircumferenceMM))
	for i, c := range sizeIndiaCircumferenceMM {
		t[i] = sizeTableRow{label: strconv.Itoa(i + 1), diameterMM: c / math.Pi}
	}
	return t
}

// sizeHongKongUS[i] is the US size equal to Hong Kong size i+5, sizes 5 to 30:
// the numbers of HK_TO_US_SIZE_MAP in mrachinskiy/jewelcraft
// source/lib/ringsizelib.py (numbers only; that code is GPL and not used).
// The diameter of each HK size is that of its US size on mandrel's US line
// (d = 11.6332 + 0.8128·s mm), so an HK size and its US twin are the same
// ring; JewelCraft's own US line (C = 36.5367 + 2.5535·s) sits 0.003 mm lower.
var sizeHongKongUS = [26]float64{
	2.75, 3, 3.5, 3.75, 4.25, 4.75, 5.25, 5.5, 6, 6.5, // HK 5–14
	7, 7.5, 7.75, 8.25, 8.75, 9, 9.5, 10, 10.25, 10.75, // HK 15–24
	11.25, 11.5, 12, 12.5, 12.75, 13.25, // HK 25–30
}

func sizeHongKongTable() []sizeTableRow {
	t := make([]sizeTableRow, len(sizeHongKongUS))
	for i, us := range sizeHongKongUS {
		t[i] = sizeTableRow{label: strconv.Itoa(i + 5), diameterMM: sizeUSDiameter(us)}
	}
	return t
}
