package export

import (
	"errors"
	"fmt"
)

// ErrInvalid is wrapped by every error a writer returns for a model or option
// it cannot write (bad index, non-finite coordinate, nothing selected, bad
// option value).
var ErrInvalid = errors.New("export: invalid input")

// ErrFormat is wrapped by every error a reader returns for bytes that are not
// a well-formed file of its format (truncated, inconsistent sizes, bad
// numbers, unsupported features).
var ErrFormat = errors.New("export: malformed file")

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

func formatf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrFormat}, args...)...)
}
