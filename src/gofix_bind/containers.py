"""Ports a container publishes: where a loopback fix would make a service unreachable.

Inside a container, loopback is the container's own: a port that its image EXPOSEs, that a
compose file maps or exposes, or that a Kubernetes manifest, a Helm template or fly.toml names
as the container's port is reached from outside it, through the wildcard address. A fix of a
listener on such a port is therefore unsafe. A Dockerfile covers the files under its
directory, a compose service the files under its build context, and a manifest, a template
or fly.toml the whole repository. A templated or variable port matches any port.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from gofix_bind import paths

# Container files larger than this are not read: real ones are a few kilobytes.
_MAX_BYTES = 1 << 20
_DOCKERFILE = re.compile(r"(?:Dockerfile|Containerfile)(?:\..+)?|.+\.(?:Dockerfile|Containerfile)")
_COMPOSE = re.compile(r"(?:docker-)?compose(?:\.[\w.-]+)?\.ya?ml")
_MANIFEST_SUFFIXES = (".yaml", ".yml", ".tpl")
_FLY = "fly.toml"
_EXPOSE = re.compile(r"\s*EXPOSE\s+(.+)", re.IGNORECASE)
_CONTAINER_PORT = re.compile(r"^[ \t]*(?:-[ \t]*)?containerPort:[ \t]*(.+?)[ \t]*(?:#.*)?$", re.M)
_INTERNAL_PORT = re.compile(r"^[ \t]*internal_port[ \t]*=[ \t]*(.+?)[ \t]*(?:#.*)?$", re.M)
_PORT_RANGE = re.compile(r"(\d+)(?:-(\d+))?")
# Directories never searched for container files: they hold other projects' files, or test
# fixtures (a fixture manifest publishes nothing of the repository's own).
_SKIPPED_DIRECTORIES = frozenset(
    {".git", "node_modules", "vendor", "testdata", "fixtures", "golden"}
)


@dataclass(frozen=True)
class Publication:
    """One port a container file publishes, and the files it applies to."""

    # The container file, absolute, and the 1-based line that names the port.
    path: str
    line: int
    # The ports published, first to last; None when templated or variable (any port).
    ports: tuple[int, int] | None
    # "tcp" or "udp"; None when the file does not say.
    protocol: str | None
    # The absolute directory whose files it covers; None for the whole repository.
    scope: str | None
    # What the file says, for the reason.
    says: str

    def covers(self, path: str) -> bool:
        """Tell whether the publication applies to an absolute file path."""
        return self.scope is None or path.startswith(self.scope.rstrip(os.sep) + os.sep)

    def matches(self, port: int | bool | None, network: str) -> bool:
        """Tell whether it publishes port (None: unknown, matching any) on network."""
        if self.protocol is not None and not network.startswith(self.protocol):
            return False
        if port is False:
            return False
        if self.ports is None or port is None:
            return True
        return self.ports[0] <= port <= self.ports[1]


def _ports(text: str) -> tuple[int, int] | None:
    """Read a port or a range; None for a templated or variable one."""
    found = _PORT_RANGE.fullmatch(text.strip().strip("\"'"))
    if found is None:
        return None
    first = int(found.group(1))
    return first, int(found.group(2) or first)


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > _MAX_BYTES:
                return None
            return stream.read().decode("utf-8", "replace")
    except OSError:
        return None


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _dockerfile(path: str, text: str) -> Iterator[Publication]:
    scope = os.path.dirname(path)
    # An instruction may go on over lines that end in a backslash; it is on its first line.
    first, pending = 0, ""
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            first = number
        pending += line
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
            continue
        found = _EXPOSE.match(pending)
        pending = ""
        if found is None:
            continue
        for word in found.group(1).split():
            port, _, protocol = word.partition("/")
            yield Publication(
                path, first, _ports(port), protocol.lower() or None, scope, f"EXPOSE {word}"
            )


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _compose(path: str, text: str) -> Iterator[Publication]:
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    services = _mapping(_mapping(document).get("services"))
    base = os.path.dirname(path)
    for service in services.values():
        fields = _mapping(service)
        build = fields.get("build")
        context = _scalar(build) or _scalar(_mapping(build).get("context"))
        if context is None:
            # An image built elsewhere: none of this repository's files run in it.
            continue
        scope = os.path.normpath(os.path.join(base, context))
        for kind in ("ports", "expose"):
            entries = fields.get(kind)
            if not isinstance(entries, yaml.SequenceNode):
                continue
            for entry in entries.value:
                found = _compose_port(entry)
                if found is not None:
                    ports, protocol, says = found
                    line = entry.start_mark.line + 1
                    yield Publication(path, line, ports, protocol, scope, f"{kind}: {says}")


def _compose_port(entry: yaml.Node) -> tuple[tuple[int, int] | None, str | None, str] | None:
    """Read the container side of a ports or expose entry, its protocol, and its text."""
    if isinstance(entry, yaml.MappingNode):
        fields = _mapping(entry)
        target = _scalar(fields.get("target"))
        if target is None:
            return None
        protocol = _scalar(fields.get("protocol"))
        return _ports(target), protocol.lower() if protocol else None, f"target {target}"
    text = _scalar(entry)
    if text is None:
        return None
    port, _, protocol = text.partition("/")
    # host:container or ip:host:container: the container's side is last.
    container = port.rsplit(":", 1)[-1]
    return _ports(container), protocol.lower() or None, text


def _manifest(path: str, text: str) -> Iterator[Publication]:
    if "containerPort" not in text:
        return
    for match in _CONTAINER_PORT.finditer(text):
        value = match.group(1)
        line = _line_of(text, match.start())
        yield Publication(path, line, _ports(value), None, None, f"containerPort: {value}")


def _fly(path: str, text: str) -> Iterator[Publication]:
    for match in _INTERNAL_PORT.finditer(text):
        value = match.group(1)
        line = _line_of(text, match.start())
        yield Publication(path, line, _ports(value), None, None, f"internal_port = {value}")


def _repository_files(root: str) -> list[str]:
    """Return the repository's files that may publish ports, absolute."""
    if os.path.isdir(os.path.join(root, ".git")) or os.path.isfile(os.path.join(root, ".git")):
        try:
            done = subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root,
                capture_output=True,
                check=True,
            )
            names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
            return [
                os.path.join(root, name)
                for name in names
                if name and _wanted(name) and _kept(name.split("/"))
            ]
        except (OSError, subprocess.CalledProcessError):
            pass
    if _discovered is not None:
        # The files the run's own walk saw: outside git, its named trees are the repository.
        inside = root.rstrip(os.sep) + os.sep
        return [
            path
            for path in _discovered
            if path.startswith(inside) and _kept(path[len(inside) :].split(os.sep))
        ]
    found = []
    for directory, directories, files in os.walk(root):
        directories[:] = [d for d in directories if d not in _SKIPPED_DIRECTORIES]
        found += [os.path.join(directory, name) for name in files if _wanted(name)]
    return found


def _kept(parts: list[str]) -> bool:
    """Tell whether a file's path below the root passes through no skipped directory."""
    return _SKIPPED_DIRECTORIES.isdisjoint(parts[:-1])


def wanted(name: str) -> bool:
    """Tell whether a file of this name may publish a port."""
    return _wanted(name)


def _wanted(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return (
        base == _FLY or base.endswith(_MANIFEST_SUFFIXES) or _DOCKERFILE.fullmatch(base) is not None
    )


@cache
def _publications(root: str) -> tuple[Publication, ...]:
    """Read every publication of the repository at root, once per process."""
    found: list[Publication] = []
    for path in sorted(_repository_files(root)):
        base = os.path.basename(path)
        text = _read(path)
        if text is None:
            continue
        if _DOCKERFILE.fullmatch(base):
            found += _dockerfile(path, text)
        elif base == _FLY:
            found += _fly(path, text)
        else:
            if _COMPOSE.fullmatch(base):
                found += _compose(path, text)
            found += _manifest(path, text)
    return tuple(found)


# The container files a run's discovery saw, absolute; None when no walk told.
_discovered: list[str] | None = None


def seen(paths: Sequence[str]) -> None:
    """Take the container files discovery saw, so that no second walk looks for them."""
    global _discovered
    _discovered = [os.path.realpath(path) for path in paths]


def forget() -> None:
    """Drop what was read of container files: a new run reads them again."""
    global _discovered
    _discovered = None
    _publications.cache_clear()
    _state.cache_clear()


def listener_port(address: str) -> int | bool | None:
    """Read the port of a listen address: a number, None when unknown, False when none.

    No port, or port 0 (the system picks one), is never a published port.
    """
    if address.startswith("["):
        _, _, rest = address.partition("]")
        if not rest.startswith(":"):
            return False
        port = rest[1:]
    elif address.count(":") == 1:
        port = address.partition(":")[2]
    else:
        return False
    if port.isdigit():
        return int(port) or False
    return None if port else False


def published_reason(path: str, address: str, network: str | None) -> str | None:
    """Say which container file publishes the listener's port, or None.

    path is the listener's file on disk, absolute or relative to the working directory.
    """
    found = published(path, address, network)
    if found is None:
        return None
    where = paths.shown(os.path.relpath(found.path))
    return (
        f"{where}:{found.line} publishes its port ({found.says}): in a container, a listener "
        "on loopback cannot be reached from outside it"
    )


def _root(absolute: str, directory: str) -> str:
    """Return the repository a file's container files are looked for in."""
    git = paths.git_root(Path(directory))
    if git is not None:
        return str(git)
    # Outside git, the run's own directory stands for the repository.
    cwd = os.path.realpath(os.getcwd())
    return cwd if absolute.startswith(cwd.rstrip(os.sep) + os.sep) else directory


@cache
def _state(root: str) -> str:
    """Return a digest of the names and stat of every container file of the repository."""
    digest = hashlib.sha256()
    for path in sorted(_repository_files(root)):
        try:
            info = os.stat(path)
        except OSError:
            continue
        digest.update(
            f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\0".encode(
                "utf-8", "surrogateescape"
            )
        )
    return digest.hexdigest()


def inputs_digest(directory: str) -> str:
    """Return what the container files a directory's fixes are judged by look like now.

    A result cache keys on it: a container file added, removed or changed anywhere in the
    repository can change which fixes are safe.
    """
    absolute = os.path.realpath(os.path.abspath(directory))
    return _state(_root(os.path.join(absolute, "x"), absolute))


def published(path: str, address: str, network: str | None) -> Publication | None:
    """Return the first publication of the address's port that covers the file, if any."""
    port = listener_port(address)
    if port is False:
        return None
    absolute = os.path.realpath(os.path.abspath(path))
    root = _root(absolute, os.path.dirname(absolute))
    for publication in _publications(root):
        if publication.covers(absolute) and publication.matches(port, network or "tcp"):
            return publication
    return None
