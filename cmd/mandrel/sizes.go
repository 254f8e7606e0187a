package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/mandrel3d/mandrel/ring"
)

// runSizes implements "mandrel sizes [--from SIZE]": one size in every
// standard, or the table of US sizes with their equivalents.
func runSizes(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sizes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", `a ring size, e.g. "US 7", "UK N1/2", "EU 54", "mm 17.3"`)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, `usage: mandrel sizes [--from "US 7"]`)
		return 2
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	if *from != "" {
		s, err := ring.ParseSize(*from)
		if err != nil {
			fmt.Fprintf(stderr, "mandrel: --from: %v\n", err)
			return 1
		}
		fmt.Fprintf(tw, "%s\tinner diameter %.2f mm\tcircumference %.2f mm\n", s, s.DiameterMM, s.CircumferenceMM())
		fmt.Fprintln(tw, "standard\tsize\tdiameter mm\tcircumference mm\toff by mm")
		for _, c := range ring.Conversions(s.DiameterMM) {
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.2f\t%+.2f\n", c.Standard, c.Label, c.DiameterMM, math.Pi*c.DiameterMM, c.ErrorMM)
		}
		return flushed(tw, stderr)
	}
	fmt.Fprint(tw, "US\tdiameter mm\tcircumference mm")
	for _, std := range ring.Standards[1:] {
		fmt.Fprintf(tw, "\t%s", std)
	}
	fmt.Fprintln(tw)
	for _, s := range ring.Sizes(ring.US) {
		if math.Mod(s.DiameterMM-ring.Sizes(ring.US)[0].DiameterMM+1e-9, 0.8128/2) > 1e-6 {
			continue // half sizes only, to keep the table readable
		}
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f", s.Label, s.DiameterMM, s.CircumferenceMM())
		conv := map[ring.Standard]string{}
		for _, c := range ring.Conversions(s.DiameterMM) {
			conv[c.Standard] = c.Label
		}
		for _, std := range ring.Standards[1:] {
			l := conv[std]
			if l == "" {
				l = "-"
			}
			fmt.Fprintf(tw, "\t%s", l)
		}
		fmt.Fprintln(tw)
	}
	return flushed(tw, stderr)
}

func flushed(tw *tabwriter.Writer, stderr io.Writer) int {
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "mandrel: %v\n", err)
		return 1
	}
	return 0
}
