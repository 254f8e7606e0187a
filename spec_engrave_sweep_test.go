package mandrel

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image"
	pngenc "image/png"
	"os"
	"strings"
	"testing"
)

// TestEngravingSizeRequired: a text without height_mm or an image without
// width_mm (or either out of range) is refused naming the spec's field, the
// value and the range, on every kind that takes engravings. They used to
// be refused as engrave's "cap_height_mm 0: allowed 0.1 to %!g(int=200) mm"
// under "ring: invalid params".
func TestEngravingSizeRequired(t *testing.T) {
	png, err := os.ReadFile("ring/testdata/fingerprint-whorl.png")
	if err != nil {
		t.Fatal(err)
	}
	img := `"image":"data:image/png;base64,` + base64.StdEncoding.EncodeToString(png) + `"`
	pieces := map[string]string{
		"ring":    `{"kind":"ring","ring":{"size":"US 7","width_mm":8},"engravings":[ENG]}`,
		"pendant": `{"kind":"pendant","pendant":{"shape":"disc","width_mm":20,"thickness_mm":1.5},"engravings":[ENG]}`,
	}
	cases := []struct{ eng, want string }{
		{`{"text":"A"}`, "engravings[0].height_mm: 0: allowed 0.1 to 200 mm"},
		{`{"text":"A","height_mm":-2}`, "engravings[0].height_mm: -2: allowed 0.1 to 200 mm"},
		{`{"text":"A","height_mm":500}`, "engravings[0].height_mm: 500: allowed 0.1 to 200 mm"},
		{`{` + img + `}`, "engravings[0].width_mm: 0: allowed 0.5 to 200 mm"},
		{`{` + img + `,"width_mm":0.2}`, "engravings[0].width_mm: 0.2: allowed 0.5 to 200 mm"},
	}
	for kind, base := range pieces {
		for _, c := range cases {
			eng := c.eng
			if kind == "pendant" {
				eng = strings.Replace(eng, "{", `{"surface":"back",`, 1)
			}
			s := mustParse(t, strings.Replace(base, "ENG", eng, 1))
			_, _, err := Build(context.Background(), s)
			if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "%!") {
				t.Errorf("%s %.60s: got %v, want an ErrSpec with %q", kind, c.eng, err, c.want)
			}
		}
	}
}

// TestEngravingContentErrorsNameTheField: a text with characters no font
// draws names engravings[i].text, an image with nothing to cut
// engravings[i].image, on rings and pendants alike (they named only
// engravings[i]).
func TestEngravingContentErrorsNameTheField(t *testing.T) {
	var png bytes.Buffer
	im := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range im.Pix {
		im.Pix[i] = 255
	}
	if err := pngenc.Encode(&png, im); err != nil {
		t.Fatal(err)
	}
	white := `"image":"data:image/png;base64,` + base64.StdEncoding.EncodeToString(png.Bytes()) + `"`
	for _, base := range []string{
		`{"kind":"ring","ring":{"size":"US 7","width_mm":8},"engravings":[ENG]}`,
		`{"kind":"pendant","pendant":{"shape":"disc","width_mm":20,"thickness_mm":1.5},"engravings":[ENG]}`,
	} {
		surf := `"surface":"back",`
		if strings.Contains(base, "ring") {
			surf = ""
		}
		for eng, want := range map[string]string{
			`{` + surf + `"text":"hi ☃","height_mm":2}`: "engravings[0].text: engrave: text: font",
			`{` + surf + white + `,"width_mm":5}`:       "engravings[0].image: engrave: invalid input: image: nothing to cut",
		} {
			s := mustParse(t, strings.Replace(base, "ENG", eng, 1))
			_, _, err := Build(context.Background(), s)
			if !errors.Is(err, ErrSpec) || !strings.Contains(err.Error(), want) {
				t.Errorf("%.40s… %s: got %v, want an ErrSpec with %q", base, eng, err, want)
			}
		}
	}
}
