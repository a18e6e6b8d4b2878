package fragment

import "strings"

var prefix = strings.TrimSpace(" /api ")
