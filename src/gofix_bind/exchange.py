"""Swap two names atomically, where Linux offers renameat2 with RENAME_EXCHANGE."""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import sys
from collections.abc import Callable
from functools import cache

RENAME_EXCHANGE = 2
_AT_FDCWD = -100

# renameat2's system call number, for a C library too old to wrap it (glibc before 2.28).
_SYSCALLS = {
    "x86_64": 316,
    "i386": 353,
    "i686": 353,
    "aarch64": 276,
    "riscv64": 276,
    "armv7l": 382,
    "ppc64le": 357,
    "s390x": 347,
}

# What renameat2 fails with where the exchange itself is missing: an old kernel or a sandbox
# (ENOSYS), a file system without it (EINVAL, ENOTSUP), names on two mounts (EXDEV).
UNSUPPORTED = frozenset({errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV})

Call = Callable[[bytes, bytes], int]


@cache
def _renameat2() -> Call | None:
    """Return a call of renameat2(first, second, RENAME_EXCHANGE), or None off Linux."""
    if sys.platform != "linux":
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    wrapped = getattr(libc, "renameat2", None)
    if wrapped is not None:
        name, at = ctypes.c_char_p, ctypes.c_int
        wrapped.argtypes = [at, name, at, name, ctypes.c_uint]
        wrapped.restype = ctypes.c_int

        def library(first: bytes, second: bytes) -> int:
            return int(wrapped(_AT_FDCWD, first, _AT_FDCWD, second, RENAME_EXCHANGE))

        return library
    number = _SYSCALLS.get(platform.machine())
    syscall = getattr(libc, "syscall", None)
    if number is None or syscall is None:
        return None
    syscall.restype = ctypes.c_long

    def direct(first: bytes, second: bytes) -> int:
        at, name, flags = ctypes.c_long(_AT_FDCWD), ctypes.c_char_p, ctypes.c_long(RENAME_EXCHANGE)
        return int(syscall(ctypes.c_long(number), at, name(first), at, name(second), flags))

    return direct


def exchange(first: str, second: str) -> bool:
    """Swap what two existing names point to, both at once; False when this system cannot.

    Raise OSError when the exchange is possible here but fails (a name missing, no
    permission); either way nothing has moved.
    """
    call = _renameat2()
    if call is None:
        return False
    if call(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), first, None, second)
