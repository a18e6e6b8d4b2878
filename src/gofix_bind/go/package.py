"""A Go package: its parsed files, and the names its files declare at package level."""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import tree_sitter

from gofix_bind.go.imports import Imports, read_imports
from gofix_bind.go.regions import Regions
from gofix_bind.go.scope import (
    FUNCTIONS,
    Binding,
    Declarations,
    TypeRef,
    declared_opaquely,
    local_binding,
    package_bindings,
    text,
    type_of_binding,
    type_of_value,
)
from gofix_bind.go.spellings import Spelling, word_pattern

# Go's predeclared identifiers: types, constants, zero value and builtin functions.
PREDECLARED = frozenset(
    [
        "any",
        "bool",
        "byte",
        "comparable",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "true",
        "false",
        "iota",
        "nil",
        "append",
        "cap",
        "clear",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
    ]
)


# A run of ASCII identifier bytes: where a name made of them is spelled as a word.
_WORD = re.compile(rb"[A-Za-z0-9_]+")
# After this many names are looked up in a file, one pass indexes every word in it: a search of
# the bytes per name costs the file's size for each of its names.
_INDEX_AFTER = 256
# Once the lookups' searches of a package's pending files have cost as much as indexing them
# would, one pass indexes which files spell each word: a search of every pending file per name
# costs the square of the files in a large directory where many names are looked up, and the
# index never costs more than the searches made before it. Rough costs in nanoseconds, per
# file and per byte: a search finds a name at memory speed, an index reads every word.
_SEARCH_NS = (500.0, 0.4)
_INDEX_NS = (2000.0, 33.0)
# Every byte that cannot be part of an ASCII identifier, as a blank: the runs left are words.
_NOT_WORD = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalnum() or byte == ord("_")) else ord(" ")
    for byte in range(256)
)


class Words:
    """Where the words of a file's bytes start, found a name at a time and kept.

    One file may be parsed more than once (a large file, a chunk at a time), and its bytes
    are searched once per name all the same.
    """

    def __init__(self, source: bytes) -> None:
        """Keep the bytes to search."""
        self.source = source
        self._found: dict[bytes, Sequence[int]] = {}
        # Where each word starts, once enough names are looked up (compact: a file may be large).
        self._index: dict[bytes, array[int]] | None = None

    def starts(self, needle: bytes) -> Sequence[int]:
        """Return where needle is spelled with no ASCII identifier byte touching it."""
        found = self._found.get(needle)
        if found is None:
            found = self._found[needle] = self._search(needle)
        return found

    def _search(self, needle: bytes) -> Sequence[int]:
        if self._index is None and len(self._found) >= _INDEX_AFTER:
            index: dict[bytes, array[int]] = {}
            for match in _WORD.finditer(self.source):
                index.setdefault(match.group(), array("I")).append(match.start())
            self._index = index
        if self._index is not None and _WORD.fullmatch(needle):
            # A run of identifier bytes equal to needle is exactly a match of its word pattern.
            return self._index.get(needle, ())
        if needle not in self.source:
            return ()
        return [match.start() for match in word_pattern(needle).finditer(self.source)]


@dataclass(eq=False)
class GoFile:
    """One parsed file of a package; reported is False for files read only to resolve names."""

    path: str
    source: bytes
    tree: tree_sitter.Tree
    reported: bool = True
    imports: Imports = field(init=False)
    package_name: str = field(init=False)
    # The byte ranges that may hold listener sites; None means the whole file.
    site_ranges: list[tuple[int, int]] | None = None
    # A large file's tree covers only these chunks of it (see regions), parsed from view.
    regions: Regions | None = None
    view: bytes | None = field(default=None, repr=False)
    # The chunks the tree lacks that a lookup would have read: the next pass parses them.
    missed: set[int] = field(default_factory=set, init=False)
    # Where names are spelled in source; given when the bytes were searched before.
    words: Words | None = field(default=None, repr=False)
    _identifiers: dict[str, list[tree_sitter.Node]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        """Read the file's imports and package clause once."""
        if self.words is None:
            self.words = Words(self.source)
        root = self.tree.root_node
        self.imports = read_imports(root, self.source)
        self.package_name = ""
        for child in root.named_children:
            if child.type == "package_clause":
                names = [c for c in child.named_children if c.type == "package_identifier"]
                self.package_name = text(names[0], self.source) if names else ""
                break

    def identifiers(self, name: str) -> list[tree_sitter.Node]:
        """Return every identifier node spelling name, found from the name's bytes."""
        found = self._identifiers.get(name)
        if found is None:
            found = []
            needle = name.encode("utf-8")
            starts = self._word_starts(needle)
            self.note(starts)
            if starts:
                root = self.tree.root_node
                for start in starts:
                    end = start + len(needle)
                    node = root.descendant_for_byte_range(start, end)
                    if (
                        node is not None
                        and node.type == "identifier"
                        and node.start_byte == start
                        and node.end_byte == end
                    ):
                        found.append(node)
            self._identifiers[name] = found
        return found

    def note(self, offsets: Iterable[int]) -> None:
        """Record that a lookup reads these offsets, wherever the tree lacks them."""
        if self.regions is not None:
            self.missed |= self.regions.excluded(offsets)

    def note_spelled(self, name: str, spelling: Spelling) -> None:
        """Record the chunks the tree lacks that may spell name in a kind of code."""
        if self.regions is None:
            return
        needle = name.encode("utf-8")
        for chunk in self.regions.excluded(self._word_starts(needle)) - self.missed:
            start, end = self.regions.span(chunk)
            if spelling.found_in(self.source[start:end], name):
                self.missed.add(chunk)

    def _word_starts(self, needle: bytes) -> Sequence[int]:
        """Return where needle is spelled with no ASCII identifier byte touching it."""
        assert self.words is not None
        return self.words.starts(needle)


@dataclass(frozen=True)
class Resolved:
    """A name's declaration and the file it is written in."""

    file: GoFile
    binding: Binding
    package_level: bool


class Package:
    """The files sharing one directory and package clause, with their package-level names.

    Files may come parsed, or pending as bytes with a loader: a pending file is parsed the
    first time a lookup asks for a name its bytes spell (ensure), since a file that never
    spells a name can neither declare nor use it. Lookups thus see exactly what they would
    with every file parsed.
    """

    def __init__(
        self,
        files: list[GoFile],
        pending: dict[str, bytes] | None = None,
        loader: Callable[[str], GoFile | None] | None = None,
        order: dict[str, int] | None = None,
    ) -> None:
        """Index the package-level names of the parsed files; keep the pending ones as bytes."""
        self.files: list[GoFile] = []
        # The files that may hold listener sites: the ones parsed up front.
        self.site_files = list(files)
        self.name = files[0].package_name if files else ""
        self._order = order or {}
        # A name may be declared once per build-constrained file (config_linux.go, ...).
        self._globals: dict[str, list[Resolved]] = defaultdict(list)
        # Type name -> (file rank, kind) per declaring file; the last file's kind counts.
        self._type_kinds: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._pending = dict(pending or {})
        self._loader = loader
        # What the searches of pending files have cost so far (nanoseconds, roughly), then
        # which pending files spell each word once an index pays.
        self._pending_bytes = sum(len(source) for source in self._pending.values())
        self._searched_ns = 0.0
        self._spelled_in: dict[bytes, list[str]] | None = None
        # Per kind of spelling, the names whose files are all parsed already.
        self._matched: dict[Spelling, set[tuple[str, str]]] = defaultdict(set)
        # Function-local bindings by identifier: False for none, True for a local declaration
        # no binding describes (declared_opaquely).
        self._locals: dict[tuple[str, int, int], Binding | bool] = {}
        self._declarations: dict[str, Declarations] = {}
        # Every name a lookup has noted so far, and the kind of code it was looked up in.
        self._noted: list[tuple[str, Spelling]] = []
        for file in files:
            self._add(file)

    def _rank(self, file: GoFile) -> int:
        return self._order.get(file.path, len(self._order))

    def _add(self, file: GoFile) -> None:
        """Add a parsed file, keeping files and declarations in the directory's file order."""
        rank = self._rank(file)
        index = len(self.files)
        while index > 0 and self._rank(self.files[index - 1]) > rank:
            index -= 1
        self.files.insert(index, file)
        for name, binding in package_bindings(file.tree.root_node, file.source).items():
            entries = self._globals[name]
            entries.append(Resolved(file, binding, package_level=True))
            entries.sort(key=lambda r: self._rank(r.file))
        for name, kind in _type_kinds(file).items():
            self._type_kinds[name].append((rank, kind))
        if file.regions is not None:
            for name, spelling in self._noted:
                file.note_spelled(name, spelling)

    def _note(self, name: str, spelling: Spelling) -> None:
        """Note, in each large file parsed in part, the chunks a lookup of name would read.

        Kept for the files parsed later, which the lookups made so far would have read too.
        """
        self._noted.append((name, spelling))
        for file in self.files:
            file.note_spelled(name, spelling)

    def type_kind(self, name: str) -> str | None:
        """Return the kind of type (struct_type, map_type) the package declares name as."""
        self.ensure_matching(name, Spelling.TYPE)
        kinds = self._type_kinds.get(name)
        return max(kinds)[1] if kinds else None

    def ensure(self, name: str) -> None:
        """Parse every pending file whose bytes spell name, before a lookup of its uses."""
        self.ensure_matching(name, Spelling.WORD)

    def ensure_declared(self, name: str) -> None:
        """Parse every pending file whose bytes may declare name, before a lookup of it."""
        self.ensure_matching(name, Spelling.DECLARATION)

    def ensure_matching(self, name: str, spelling: Spelling, also: str = "") -> None:
        """Parse every pending file that may spell name in the given kind of code.

        With also, only the files that spell that word too.
        """
        done = self._matched[spelling]
        # The files that spell name at all include those of every other kind.
        if (name, also) in done or (name, "") in self._matched[Spelling.WORD]:
            return
        done.add((name, also))
        self._note(name, spelling)
        if not self._pending or self._loader is None:
            return
        matching = [
            path
            for path in self._candidates(name)
            if spelling.found_in(self._pending[path], name)
            and (not also or Spelling.WORD.found_in(self._pending[path], also))
        ]
        for path in matching:
            self._pending_bytes -= len(self._pending.pop(path))
            file = self._loader(path)
            if file is not None:
                self._add(file)

    def _candidates(self, name: str) -> list[str]:
        """Return the pending files that may spell name at all, in the directory's order."""
        needle = name.encode("utf-8")
        if not _WORD.fullmatch(needle):
            # Not made of ASCII identifier bytes: the index has no word for it.
            return list(self._pending)
        if self._spelled_in is None:
            files, size = len(self._pending), self._pending_bytes
            self._searched_ns += _SEARCH_NS[0] * files + _SEARCH_NS[1] * size
            if self._searched_ns < _INDEX_NS[0] * files + _INDEX_NS[1] * size:
                return list(self._pending)
            spelled_in: dict[bytes, list[str]] = {}
            for path, source in self._pending.items():
                for word in set(source.translate(_NOT_WORD).split()):
                    spelled_in.setdefault(word, []).append(path)
            self._spelled_in = spelled_in
        # A run of identifier bytes equal to the name is exactly where its word pattern matches.
        return [path for path in self._spelled_in.get(needle, ()) if path in self._pending]

    def declarations_in(self, file: GoFile) -> Declarations:
        """Return the function-local declarations of file looked up so far, to add to."""
        return self._declarations.setdefault(file.path, {})

    def resolve(self, identifier: tree_sitter.Node, file: GoFile) -> Resolved | None:
        """Find what an identifier refers to: a local declaration, else a package-level one."""
        key = (file.path, identifier.start_byte, identifier.end_byte)
        local = self._locals.get(key)
        if local is None:
            # A range or type-switch variable hides any package-level name it spells.
            root = file.tree.root_node
            local = self._locals[key] = local_binding(
                identifier, file.source, root, self.declarations_in(file)
            ) or declared_opaquely(identifier, file.source, root)
        if isinstance(local, Binding):
            return Resolved(file, local, package_level=False)
        if local:
            return None
        name = text(identifier, file.source)
        if name not in file.imports.names and name not in PREDECLARED:
            # An import or a predeclared name is looked up only among the parsed files: Go
            # forbids a package-level name that clashes with an import, and redeclaring len
            # or string at package level would not carry a listen address.
            self.ensure_declared(name)
        else:
            # A large file's tree must still hold any declaration of it that a whole one would.
            self._note(name, Spelling.DECLARATION)
        found = self._globals.get(name)
        return found[0] if found else None

    def declarations(self, name: str) -> list[Resolved]:
        """Return every package-level declaration of name, one per build-constrained file."""
        self.ensure_declared(name)
        return self._globals.get(name, [])

    def type_of(self, identifier: tree_sitter.Node, file: GoFile) -> TypeRef | None:
        """Return the declared type of a variable, if its declaration says."""
        resolved = self.resolve(identifier, file)
        if resolved is None:
            return None
        return type_of_binding(resolved.binding, resolved.file.imports, resolved.file.source)

    def _is_field_key(self, identifier: tree_sitter.Node, file: GoFile) -> bool:
        """Tell whether an identifier is a struct field name in a keyed composite literal."""
        element = identifier.parent
        keyed = element.parent if element is not None else None
        if element is None or keyed is None or keyed.type != "keyed_element":
            return False
        key = keyed.child_by_field_name("key")
        body = keyed.parent
        literal = body.parent if body is not None else None
        if key is None or key.id != element.id or literal is None:
            return False
        if literal.type != "composite_literal":
            # An elided type ({k: v} inside a slice or map): the key may be a value; count it.
            return False
        kind = literal.child_by_field_name("type")
        if kind is None:
            return False
        if kind.type == "type_identifier":
            return self.type_kind(text(kind, file.source)) == "struct_type"
        # Imported named types are overwhelmingly structs (http.Server{Addr: ...}).
        return kind.type in ("struct_type", "qualified_type", "generic_type")

    def variable_uses(
        self, resolved: Resolved, name: str
    ) -> Iterator[tuple[GoFile, tree_sitter.Node]]:
        """Yield every identifier, other than its declaration, that names the same variable."""
        if resolved.package_level:
            self.ensure(name)
        files = list(self.files) if resolved.package_level else [resolved.file]
        scope = None
        if not resolved.package_level:
            scope = resolved.binding.declaration.parent
            while scope is not None and scope.type not in FUNCTIONS:
                scope = scope.parent
        declaration = resolved.binding.declaration.id
        for file in files:
            for use in file.identifiers(name):
                if scope is not None and not scope.start_byte <= use.start_byte < scope.end_byte:
                    continue
                if use.id == resolved.binding.name_node.id:
                    continue
                other = self.resolve(use, file)
                if other is not None and other.binding.declaration.id == declaration:
                    yield file, use

    def uses(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the identifiers in the package that refer to the package-level name."""
        self.ensure(name)
        found = []
        for file in list(self.files):
            for node in file.identifiers(name):
                if _is_written(node) or self._is_field_key(node, file):
                    continue
                resolved = self.resolve(node, file)
                if resolved is not None and resolved.package_level:
                    found.append((file, node))
        return found

    def functions(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the package's function declarations of name, one per build-constrained file."""
        self.ensure_matching(name, Spelling.FUNCTION)
        found = []
        for file in self.files:
            for node in file.tree.root_node.named_children:
                declared = node.child_by_field_name("name")
                if (
                    node.type == "function_declaration"
                    and declared is not None
                    and text(declared, file.source) == name
                ):
                    found.append((file, node))
        return found

    def calls(self, name: str) -> list[tuple[GoFile, tree_sitter.Node]]:
        """Return the identifiers that call the package function name, or refer to it."""
        self.ensure(name)
        found = []
        for file in list(self.files):
            for node in file.identifiers(name):
                parent = node.parent
                if parent is not None and parent.type == "function_declaration":
                    continue
                if self.resolve(node, file) is None:
                    found.append((file, node))
        return found


def _type_kinds(file: GoFile) -> dict[str, str]:
    """Map the file's package-level type names to their kind of type (struct_type, map_type)."""
    kinds = {}
    for declaration in file.tree.root_node.named_children:
        if declaration.type != "type_declaration":
            continue
        for spec in declaration.named_children:
            name = spec.child_by_field_name("name")
            kind = spec.child_by_field_name("type")
            if spec.type == "type_spec" and name is not None and kind is not None:
                kinds[text(name, file.source)] = kind.type
    return kinds


def _is_written(identifier: tree_sitter.Node) -> bool:
    """Tell whether an identifier is declared or assigned here rather than read."""
    parent = identifier.parent
    if parent is None:
        return False
    if parent.type in ("var_spec", "const_spec", "parameter_declaration"):
        return any(n.id == identifier.id for n in parent.children_by_field_name("name"))
    holder = parent.parent
    if (
        parent.type == "expression_list"
        and holder is not None
        and holder.type in ("short_var_declaration", "assignment_statement")
    ):
        left = holder.child_by_field_name("left")
        return left is not None and left.id == parent.id
    return False


def receiver_type(operand: tree_sitter.Node, file: GoFile, package: Package) -> TypeRef | None:
    """Return the type a method is called on: srv in srv.Run(), (*lc) in (*lc).Listen()."""
    while True:
        inner = [c for c in operand.named_children if c.type != "comment"]
        operator = operand.child_by_field_name("operator")
        if operand.type == "parenthesized_expression" and len(inner) == 1:
            operand = inner[0]
        elif operand.type == "unary_expression" and operator is not None and operator.type == "*":
            # (*lc).Listen: the pointer's element type has the same methods.
            operand = inner[-1]
        else:
            break
    if operand.type == "identifier":
        return package.type_of(operand, file)
    return type_of_value(operand, file.imports, file.source)
