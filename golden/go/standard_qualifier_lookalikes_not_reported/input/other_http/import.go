// Tests a package one of whose files imports another package named http:
// the qualifier in serve.go, which imports nothing, may be that package, so
// it does not stand for net/http and nothing is reported.
package other

import "example.com/web/http"

var _ = http.Version
