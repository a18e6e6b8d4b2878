"""The listener APIs whose address decides which interfaces a server binds, keyed by import path."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from gofix_bind.go.imports import default_name


class Argument(enum.Enum):
    """What a sink's address argument is."""

    STRING = "string"  # "host:port" or a bare host, parsed by the listener
    ADDRESS_STRUCT = "address-struct"  # a *net.TCPAddr, *net.UDPAddr or *net.IPAddr


@dataclass(frozen=True)
class MissingAddress:
    """What a variadic sink listens on when called with no address argument."""

    # How the effective address is shown, e.g. `":"+$PORT or ":8080"`.
    shown: str
    # The port a fix writes when it inserts an address.
    port: str
    # Set when inserting an address changes more than the host (e.g. it drops a $PORT lookup).
    unsafe_reason: str = ""


@dataclass(frozen=True)
class CallSink:
    """A function or method whose argument at address_index is a listen address."""

    import_path: str
    name: str
    address_index: int
    network_index: int | None
    # The network assumed when the call has no network argument, or it is not a literal.
    default_network: str | None
    # The port Go uses when the address is empty ("" listens on ":0" or ":http"); None when
    # the library's choice is not worth guessing, which leaves an empty address without a fix.
    empty_port: str | None
    # Set for methods: the receiver type, declared in import_path.
    receiver: str | None = None
    argument: Argument = Argument.STRING
    # For ADDRESS_STRUCT: the struct type the argument points to (TCPAddr, UDPAddr, IPAddr).
    struct_type: str = ""
    # Functions of import_path that wrap the address as their first argument: iris.Addr(":80").
    wrappers: tuple[str, ...] = ()
    missing: MissingAddress | None = None
    # Where a receiver's configuration overrides default_network: a field set on the receiver
    # (echo's e.ListenerNetwork), or a key of the config struct its constructor takes (fiber).
    network_field: str = ""
    network_config_key: str = ""
    # A receiver field that, once set, makes the sink serve on it and ignore the address.
    listener_field: str = ""

    @property
    def display(self) -> str:
        """Return the sink as users write it, e.g. net.Listen or (*net.ListenConfig).Listen."""
        package = default_name(self.import_path)
        if self.receiver is None:
            return f"{package}.{self.name}"
        return f"(*{package}.{self.receiver}).{self.name}"


@dataclass(frozen=True)
class FieldSink:
    """A struct field holding the address a server later listens on."""

    import_path: str
    type_name: str
    field: str
    default_network: str | None
    empty_port: str | None

    @property
    def display(self) -> str:
        """Return the sink as users write it, e.g. http.Server.Addr."""
        return f"{default_name(self.import_path)}.{self.type_name}.{self.field}"


@dataclass(frozen=True)
class ServerStart:
    """A method that starts a server on its Addr field, which Go defaults to every interface."""

    import_path: str
    type_name: str
    method: str
    field: str
    # The port Go listens on when the field is unset (":http" is port 80).
    default_port: str

    @property
    def display(self) -> str:
        """Return the method as users write it, e.g. (*http.Server).ListenAndServe."""
        return f"(*{default_name(self.import_path)}.{self.type_name}).{self.method}"


# A framework's major versions live at different import paths and share their API.
GIN = ("github.com/gin-gonic/gin",)
ECHO = ("github.com/labstack/echo", "github.com/labstack/echo/v4", "github.com/labstack/echo/v5")
FIBER = ("github.com/gofiber/fiber", "github.com/gofiber/fiber/v2", "github.com/gofiber/fiber/v3")
FASTHTTP = ("github.com/valyala/fasthttp",)
IRIS = ("github.com/kataras/iris", "github.com/kataras/iris/v12")

_GIN_DEFAULT = MissingAddress(
    '":"+$PORT or ":8080"', "8080", "it drops gin's $PORT lookup for a fixed port 8080"
)

CALL_SINKS: tuple[CallSink, ...] = (
    # net.Listen accepts only stream networks, all of which take host:port.
    CallSink("net", "Listen", 1, 0, "tcp", "0"),
    CallSink("net", "ListenPacket", 1, 0, None, "0"),
    CallSink("crypto/tls", "Listen", 1, 0, "tcp", "0"),
    CallSink("net", "Listen", 2, 1, "tcp", "0", receiver="ListenConfig"),
    CallSink("net", "ListenPacket", 2, 1, None, "0", receiver="ListenConfig"),
    CallSink("net/http", "ListenAndServe", 0, None, "tcp", "80"),
    CallSink("net/http", "ListenAndServeTLS", 0, None, "tcp", "443"),
    CallSink("net", "ListenTCP", 1, 0, "tcp", "0", None, Argument.ADDRESS_STRUCT, "TCPAddr"),
    CallSink("net", "ListenUDP", 1, 0, "udp", "0", None, Argument.ADDRESS_STRUCT, "UDPAddr"),
    CallSink("net", "ListenIP", 1, 0, "ip", None, None, Argument.ADDRESS_STRUCT, "IPAddr"),
    # gin hands the address to http.ListenAndServe.
    *(CallSink(p, "Run", 0, None, "tcp", "80", "Engine", missing=_GIN_DEFAULT) for p in GIN),
    *(CallSink(p, "RunTLS", 0, None, "tcp", "443", "Engine") for p in GIN),
    *(
        CallSink(
            p,
            name,
            0,
            None,
            "tcp",
            None,
            "Echo",
            network_field="ListenerNetwork",
            listener_field="Listener",
        )
        for p in ECHO
        for name in ("Start", "StartTLS")
    ),
    # fiber v2 and fasthttp listen on "tcp4" unless configured otherwise.
    *(
        CallSink(p, name, 0, None, "tcp4", "0", "App", network_config_key="Network")
        for p in FIBER
        for name in ("Listen", "ListenTLS")
    ),
    *(CallSink(p, "ListenAndServe", 0, None, "tcp4", "0") for p in FASTHTTP),
    *(CallSink(p, "ListenAndServeTLS", 0, None, "tcp4", "0") for p in FASTHTTP),
    *(CallSink(p, "ListenAndServe", 0, None, "tcp4", "0", "Server") for p in FASTHTTP),
    *(CallSink(p, "ListenAndServeTLS", 0, None, "tcp4", "0", "Server") for p in FASTHTTP),
    *(CallSink(p, "Listen", 0, None, "tcp", None, "Application") for p in IRIS),
    *(
        CallSink(p, "Run", 0, None, "tcp", None, "Application", wrappers=("Addr", "TLS"))
        for p in IRIS
    ),
)

FIELD_SINKS: tuple[FieldSink, ...] = (
    # An empty Addr means :http or :https depending on the method that starts the server.
    FieldSink("net/http", "Server", "Addr", "tcp", None),
)

SERVER_STARTS: tuple[ServerStart, ...] = (
    ServerStart("net/http", "Server", "ListenAndServe", "Addr", "80"),
    ServerStart("net/http", "Server", "ListenAndServeTLS", "Addr", "443"),
)

# Functions whose result has a known framework type, so `r := gin.Default(); r.Run()` resolves.
CONSTRUCTORS: dict[tuple[str, str], str] = {
    **{(p, name): "Engine" for p in GIN for name in ("Default", "New")},
    **{(p, "New"): "Echo" for p in ECHO},
    **{(p, "New"): "App" for p in FIBER},
    **{(p, name): "Application" for p in IRIS for name in ("Default", "New")},
}


# The qualifiers that stand for a standard package when no file of the package imports or
# declares them: code that cannot compile as written (snippets, docs, fragments) calls
# http.ListenAndServe with no import of net/http.
STANDARD_QUALIFIERS: dict[str, str] = {
    default_name(path): path for path in ("net", "net/http", "crypto/tls")
}
# What every listening function of those packages starts with. Such a qualifier counts only in
# a file whose bytes spell it: one search of the bytes then rules out nearly every file, and a
# server literal without a listener call in its file is seldom started.
STANDARD_LISTEN = "Listen"


def is_standard_library(import_path: str) -> bool:
    """Tell whether an import path is in Go's standard library (its first element has no dot)."""
    return "." not in import_path.split("/", 1)[0]
