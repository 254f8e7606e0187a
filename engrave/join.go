package engrave

import "errors"

// joinErrs returns nil for no errors, the error itself for one, and
// errors.Join of all of them otherwise.
func joinErrs(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return errors.Join(errs...)
}
