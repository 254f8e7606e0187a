package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/mandrel3d/mandrel"
	"github.com/mandrel3d/mandrel/ring"
)

// apiError is the body of every error the API answers.
type apiError struct {
	// Error is the message for people: the field, the value and what is
	// allowed.
	Error string `json:"error"`
	// Field is the spec's field at fault as SPEC.md names it
	// ("ring.width_mm", "engravings[0].text"), or "" when none is.
	Field string `json:"field"`
}

// writeJSON answers v as JSON with the status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"error":"cannot encode the answer","field":""}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, code int, field, msg string) {
	writeJSON(w, code, apiError{Error: msg, Field: field})
}

var (
	// fieldRE finds the field a library message starts with:
	// "ring.width_mm = 50: …", "ring.size: …", "kind is missing".
	fieldRE   = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.\[\]]*)(?: =|:| is | "|$)`)
	unknownRE = regexp.MustCompile(`^unknown field "([^"]+)"`)
)

// specField names the field an ErrSpec error is about, from the library's
// typed errors when there are some, else from the message's first words.
func specField(err error) string {
	var fe *ring.FieldError
	if errors.As(err, &fe) {
		return fe.Field
	}
	msg := strings.TrimPrefix(err.Error(), mandrel.ErrSpec.Error()+": ")
	if m := unknownRE.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	if m := fieldRE.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}
