#!/bin/sh
# The step a bulk change runs in each repository (multi-gitter run, turbolift foreach), at the
# repository's root. It writes gofix-bind's safe fixes in place, then proves that the change
# holds nothing else. It exits 0 when it worked, findings that no safe fix covers included
# (they are listed on stdout), and non-zero on an error, which skips the repository.
set -eu
gofix-bind --apply --exit-zero .
change=$(git stash create)
if [ -n "$change" ]; then
  gofix-bind verify-patch --git "HEAD..$change"
fi
