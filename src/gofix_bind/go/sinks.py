"""The listener APIs whose address argument decides which interfaces a server binds."""

from __future__ import annotations

from dataclasses import dataclass


def package_name(import_path: str) -> str:
    """Return the name a package is known by when imported without an alias."""
    return import_path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CallSink:
    """A function or method whose argument at address_index is a listen address."""

    import_path: str
    name: str
    address_index: int
    network_index: int | None
    # The network assumed when the call has no network argument, or it is not a literal.
    default_network: str | None
    # The port Go uses when the address is empty ("" listens on ":0" or ":http").
    empty_port: str | None
    # Set for methods: the receiver type, declared in import_path.
    receiver: str | None = None

    @property
    def display(self) -> str:
        """Return the sink as users write it, e.g. net.Listen or (*net.ListenConfig).Listen."""
        package = package_name(self.import_path)
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
        return f"{package_name(self.import_path)}.{self.type_name}.{self.field}"


CALL_SINKS: tuple[CallSink, ...] = (
    # net.Listen accepts only stream networks, all of which take host:port.
    CallSink("net", "Listen", 1, 0, "tcp", "0"),
    CallSink("net", "ListenPacket", 1, 0, None, "0"),
    CallSink("crypto/tls", "Listen", 1, 0, "tcp", "0"),
    CallSink("net", "Listen", 2, 1, "tcp", "0", receiver="ListenConfig"),
    CallSink("net", "ListenPacket", 2, 1, None, "0", receiver="ListenConfig"),
    CallSink("net/http", "ListenAndServe", 0, None, "tcp", "80"),
    CallSink("net/http", "ListenAndServeTLS", 0, None, "tcp", "443"),
)

FIELD_SINKS: tuple[FieldSink, ...] = (
    # An empty Addr means :http or :https depending on the method that starts the server.
    FieldSink("net/http", "Server", "Addr", "tcp", None),
)
