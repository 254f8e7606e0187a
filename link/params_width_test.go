package link

import (
	"strings"
	"testing"
)

// TestBadLengthReportedOnce: a bad link_length_mm with no width given used
// to be reported twice, the defaulted width being "allowed above 0 up to
// the inner length -1 mm"; the length is now named alone, and a bad width
// is still named with its own value.
func TestBadLengthReportedOnce(t *testing.T) {
	err := Params{InnerLengthMM: -1}.Validate()
	if err == nil || !strings.Contains(err.Error(), "chain.link_length_mm = -1") || strings.Contains(err.Error(), "chain.link_width_mm") {
		t.Errorf("length -1: %v, want chain.link_length_mm alone", err)
	}
	for _, c := range []struct {
		p    Params
		want string
	}{
		{Params{InnerLengthMM: 4, InnerWidthMM: -2}, "chain.link_width_mm = -2: allowed above 0"},
		{Params{InnerLengthMM: 4, InnerWidthMM: 5}, "chain.link_width_mm = 5: allowed above 0 up to the inner length 4 mm"},
		{Params{InnerLengthMM: 60, InnerWidthMM: -2}, "chain.link_width_mm = -2"},
		// Figures in the messages are printed short (was 2.8000000000000003).
		{Params{InnerLengthMM: 2, InnerWidthMM: 2}, "= 2.8 mm, or the next link but one touches"},
	} {
		if err := c.p.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.p, err, c.want)
		}
	}
}
