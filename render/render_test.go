package render

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"math"
	"sync"
	"testing"

	"github.com/mandrel3d/mandrel/geom"
)

func encode(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WritePNG(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestDeterministic renders the same scene with 1, 2 and 5 workers and from
// several goroutines at once: every PNG must be byte-identical.
func TestDeterministic(t *testing.T) {
	m := solitaire(t)
	var want []byte
	for _, w := range []int{1, 2, 5} {
		img, err := Render(context.Background(), m, &Options{Width: 160, Height: 120, Workers: w, Background: color.White})
		if err != nil {
			t.Fatal(err)
		}
		got := encode(t, img)
		if want == nil {
			want = got
		} else if !bytes.Equal(got, want) {
			t.Fatalf("workers %d: PNG differs from workers 1", w)
		}
	}
	var wg sync.WaitGroup
	res := make([][]byte, 4)
	errs := make([]error, 4)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			img, err := Render(context.Background(), m, &Options{Width: 160, Height: 120, Workers: 2, Background: color.White})
			if err != nil {
				errs[i] = err
				return
			}
			var b bytes.Buffer
			errs[i] = WritePNG(&b, img)
			res[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i := range res {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(res[i], want) {
			t.Fatalf("concurrent render %d differs", i)
		}
	}
}

// TestImageContent checks what a person relies on: the model fills the
// frame within the margin, the background is exactly the background, a
// transparent render is transparent around the model and opaque on it, and
// gold renders yellow (red > green > blue) while silver stays neutral.
func TestImageContent(t *testing.T) {
	for _, c := range []struct {
		name   string
		m      *geom.Model
		yellow bool
	}{{"gold", goldBand(t), true}, {"silver", pendant(t), false}} {
		img, err := Render(context.Background(), c.m, &Options{Width: 200, Height: 160, NoShadow: true})
		if err != nil {
			t.Fatal(err)
		}
		minX, minY, maxX, maxY := 1<<30, 1<<30, -1, -1
		var sum [3]float64
		n := 0
		for y := 0; y < 160; y++ {
			for x := 0; x < 200; x++ {
				p := img.NRGBAAt(x, y)
				if p.A == 0 {
					continue
				}
				minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
				if p.A == 255 {
					sum[0] += float64(p.R)
					sum[1] += float64(p.G)
					sum[2] += float64(p.B)
					n++
				}
			}
		}
		// The model spans the tighter axis up to the margin (8 % of the
		// half-size on each side, so 92 % of the height), give or take a
		// pixel of anti-aliasing.
		if h := maxY - minY + 1; math.Abs(float64(h)-0.92*160) > 3 && math.Abs(float64(maxX-minX+1)-0.92*200) > 3 {
			t.Errorf("%s: model spans %d×%d px, want 92 %% of one axis", c.name, maxX-minX+1, h)
		}
		if n < 1000 {
			t.Fatalf("%s: only %d opaque pixels", c.name, n)
		}
		r, g, b := sum[0]/float64(n), sum[1]/float64(n), sum[2]/float64(n)
		if c.yellow && !(r > g && g > b+30) {
			t.Errorf("%s: mean colour %.0f,%.0f,%.0f is not yellow", c.name, r, g, b)
		}
		if !c.yellow && !(math.Abs(r-b) < 12 && math.Abs(r-g) < 12) {
			t.Errorf("%s: mean colour %.0f,%.0f,%.0f is not neutral", c.name, r, g, b)
		}
	}
	img, err := Render(context.Background(), goldBand(t), &Options{Width: 100, Background: color.NRGBA{10, 200, 30, 255}, NoShadow: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := img.NRGBAAt(0, 0); p != (color.NRGBA{10, 200, 30, 255}) {
		t.Errorf("corner pixel %v, want the background", p)
	}
}

// TestBadInput checks that bad options and models return errors naming the
// field and never panic.
func TestBadInput(t *testing.T) {
	ctx := context.Background()
	good := goldBand(t)
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{Width: -1}, "width -1"},
		{Options{Height: MaxSize + 1}, "height 8193"},
		{Options{View: "back"}, `view "back"`},
		{Options{SSAA: 3}, "ssaa 3"},
		{Options{Margin: 0.5}, "margin 0.5"},
		{Options{FovDeg: 120}, "fov_deg 120"},
		{Options{AzimuthDeg: math.NaN()}, "azimuth_deg NaN"},
		{Options{Workers: -2}, "workers -2"},
	} {
		_, err := Render(ctx, good, &c.opt)
		if !errors.Is(err, ErrOptions) || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
			t.Errorf("%+v: error %v, want one naming %q", c.opt, err, c.want)
		}
	}
	nan := &geom.Model{}
	nan.Add("x", metal(t, "24k"), &geom.Mesh{Verts: []geom.Vec3{{0, 0, 0}, {1, 0, math.NaN()}, {0, 1, 0}}, Tris: [][3]uint32{{0, 1, 2}}})
	badIdx := &geom.Model{}
	badIdx.Add("x", metal(t, "24k"), &geom.Mesh{Verts: []geom.Vec3{{0, 0, 0}}, Tris: [][3]uint32{{0, 1, 2}}})
	for name, m := range map[string]*geom.Model{"nil": nil, "empty": {}, "nan": nan, "index": badIdx} {
		if _, err := Render(ctx, m, nil); !errors.Is(err, ErrModel) {
			t.Errorf("%s model: error %v, want ErrModel", name, err)
		}
	}
	// A flat, degenerate or single-triangle model still renders.
	flat := &geom.Model{}
	flat.Add("x", metal(t, "24k"), &geom.Mesh{Verts: []geom.Vec3{{0, 0, 0}, {1, 0, 0}, {0, 0, 1}, {2, 0, 0}}, Tris: [][3]uint32{{0, 1, 2}, {0, 3, 1}}})
	if _, err := Render(ctx, flat, &Options{Width: 32}); err != nil {
		t.Errorf("flat model: %v", err)
	}
}

// TestCancel checks that a cancelled context stops the render with its error.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, goldBand(t), &Options{Width: 256}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

// TestDrawSubImage checks Draw into a sub-rectangle of a larger image and
// into a non-NRGBA image gives the same pixels as Render.
func TestDrawSubImage(t *testing.T) {
	m := pendant(t)
	opt := &Options{Width: 64, Height: 48, Background: color.White}
	want, err := Render(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	big := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	r := image.Rect(10, 20, 74, 68)
	if err := Draw(context.Background(), big.SubImage(r).(*image.NRGBA), m, opt); err != nil {
		t.Fatal(err)
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 64, 48))
	if err := Draw(context.Background(), rgba, m, opt); err != nil {
		t.Fatal(err)
	}
	for y := 0; y < 48; y++ {
		for x := 0; x < 64; x++ {
			if a, b := want.NRGBAAt(x, y), big.NRGBAAt(x+10, y+20); a != b {
				t.Fatalf("pixel (%d,%d): Draw %v, Render %v", x, y, b, a)
			}
			if a, b := color.RGBAModel.Convert(want.NRGBAAt(x, y)), rgba.RGBAAt(x, y); a != b {
				t.Fatalf("pixel (%d,%d): Draw into RGBA %v, Render %v", x, y, b, a)
			}
		}
	}
	if p := big.NRGBAAt(5, 5); p.A != 0 {
		t.Fatalf("Draw wrote outside its rectangle: %v", p)
	}
}

// TestToneMap checks the PBR Neutral operator's documented behaviour:
// colours below the compression start pass through but for the toe, and
// any brightness maps below 1.
func TestToneMap(t *testing.T) {
	c := pbrNeutral([3]float64{0.5, 0.3, 0.2})
	if math.Abs(c[0]-0.46) > 1e-12 || math.Abs(c[2]-0.16) > 1e-12 {
		t.Errorf("pbrNeutral(0.5,0.3,0.2) = %v, want (0.46,0.26,0.16)", c)
	}
	for _, v := range []float64{1, 10, 1e6} {
		c := pbrNeutral([3]float64{v, v, v})
		if !(c[0] <= 1 && c[0] > 0.75) {
			t.Errorf("pbrNeutral(%g) = %v, want in (0.75, 1]", v, c)
		}
	}
}

// TestTurntableScale checks that turntable frames keep one scale: the
// camera stands at the same distance and height for every azimuth, and the
// named views look along their documented directions.
func TestTurntableScale(t *testing.T) {
	m := solitaire(t)
	var d0, z0 float64
	for i, az := range []float64{0, 45, 90, 200} {
		cam, err := FrameModel(m, &Options{Turntable: true, AzimuthDeg: az})
		if err != nil {
			t.Fatal(err)
		}
		d := cam.Target.Sub(cam.Eye).Len()
		if i == 0 {
			d0, z0 = d, cam.Eye[2]
		} else if math.Abs(d-d0) > 1e-6*d0 || math.Abs(cam.Eye[2]-z0) > 1e-6*d0 {
			t.Errorf("azimuth %g: distance %g, height %g; azimuth 0: %g, %g", az, d, cam.Eye[2], d0, z0)
		}
	}
	for view, want := range map[string]geom.Vec3{ViewFront: {0, 1, 0}, ViewTop: {0, 0, -1}, ViewSide: {-1, 0, 0}} {
		cam, err := FrameModel(m, &Options{View: view})
		if err != nil {
			t.Fatal(err)
		}
		if got := cam.Target.Sub(cam.Eye).Normalize(); got.Sub(want).Len() > 1e-9 {
			t.Errorf("%s view looks along %v, want %v", view, got, want)
		}
	}
}
