// Tests a fragment split over two files, neither of which imports net/http:
// the qualifier in this file is the standard package's, and the listener is
// reported and fixed.
package fragment

func serve() error {
	return http.ListenAndServe("127.0.0.1:9090", nil)
}
