"""Find the values a package's configuration structs give a string field, wherever they are set.

`cfg.ListenAddr` reaching a listener reads whatever the package ever stores in the ListenAddr
field of cfg's struct type: `Config{ListenAddr: ":7879"}`, `c.ListenAddr = ...`, or a flag
registered with `&c.ListenAddr`. Only struct types declared in the package are followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter

from gofix_bind.go.flags import registration
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import language, matches_in, merge_ranges
from gofix_bind.go.scope import strip_address_of, text, unparen
from gofix_bind.go.spellings import Spelling, word_pattern

_COMPOSITES = tree_sitter.Query(
    language(),
    "(composite_literal type: (type_identifier) @type body: (literal_value) @body)",
)
_FIELD_ASSIGNMENTS = tree_sitter.Query(
    language(),
    "(assignment_statement left: (expression_list (selector_expression)) right: (_)) @statement",
)
_FIELD_ADDRESSES = tree_sitter.Query(
    language(),
    '(unary_expression operator: "&" operand: (selector_expression)) @address',
)
_MAX_DEPTH = 8
# The type of an expression that is known not to be one of the package's structs.
_OTHER = ""


@dataclass(frozen=True)
class Write:
    """An expression stored in a field: the value, or the flag registration that sets it."""

    file: GoFile
    node: tree_sitter.Node


@dataclass
class ConfigFields:
    """The string fields of a package's struct types, and every write to them."""

    package: Package
    # Struct type -> field -> its type's source text.
    _structs: dict[str, dict[str, str]] = field(init=False)
    # Function name -> its (first) result type node, and the file it is in.
    _results: dict[str, tuple[GoFile, tree_sitter.Node]] = field(init=False)
    # Field -> the struct types that declare it as a string.
    _owners: dict[str, list[str]] = field(init=False)
    _writes: dict[tuple[str, str], list[Write]] = field(default_factory=dict, init=False)
    # How many of the package's files the index covers; it grows as files are parsed.
    _indexed: int = field(default=-1, init=False)

    def __post_init__(self) -> None:
        """Index the files parsed so far."""
        self._index()

    def _covering(self, name: str, spelling: Spelling, also: str = "") -> None:
        """Parse the package's files that may spell name so, and index them if any were added."""
        self.package.ensure_matching(name, spelling, also)
        if self._indexed != len(self.package.files):
            self._index()

    def _owners_of(self, field_name: str) -> list[str]:
        """Return the struct types whose first declaration has field_name as a string."""
        self._covering(field_name, Spelling.STRING_FIELD)
        while True:
            indexed = self._indexed
            owners = self._owners.get(field_name, [])
            for owner in owners:
                # Another file may declare the type first (build tags), without the field.
                self._covering(owner, Spelling.TYPE)
            if self._indexed == indexed:
                return owners

    def _index(self) -> None:
        """Index the struct types and function results the package declares."""
        self._indexed = len(self.package.files)
        self._structs = {}
        self._results = {}
        ambiguous: set[str] = set()
        for file in self.package.files:
            for node in file.tree.root_node.named_children:
                if node.type == "type_declaration":
                    self._index_types(node, file)
                elif node.type in ("function_declaration", "method_declaration"):
                    name = node.child_by_field_name("name")
                    result = _first_result(node.child_by_field_name("result"))
                    if name is not None and result is not None:
                        key = text(name, file.source)
                        if key in self._results and node.type == "method_declaration":
                            ambiguous.add(key)
                        self._results.setdefault(key, (file, result))
        for key in ambiguous:
            # Two methods of one name: their results cannot be told apart without types.
            del self._results[key]
        self._owners = {}
        for type_name, fields in self._structs.items():
            for field_name, field_type in fields.items():
                if field_type == "string":
                    self._owners.setdefault(field_name, []).append(type_name)

    def _index_types(self, declaration: tree_sitter.Node, file: GoFile) -> None:
        for spec in declaration.named_children:
            name = spec.child_by_field_name("name")
            kind = spec.child_by_field_name("type")
            if spec.type != "type_spec" or name is None or kind is None:
                continue
            if kind.type != "struct_type":
                continue
            fields: dict[str, str] = {}
            for body in kind.named_children:
                for declared in body.named_children:
                    type_node = declared.child_by_field_name("type")
                    if declared.type != "field_declaration" or type_node is None:
                        continue
                    for field_name in declared.children_by_field_name("name"):
                        fields[text(field_name, file.source)] = text(type_node, file.source)
            self._structs.setdefault(text(name, file.source), fields)

    def owner(self, selector: tree_sitter.Node, file: GoFile) -> str | None:
        """Return the package struct type whose string field a selector reads, if it is one."""
        operand = selector.child_by_field_name("operand")
        name_node = selector.child_by_field_name("field")
        if operand is None or name_node is None:
            return None
        if operand.type == "identifier" and self.package.resolve(operand, file) is None:
            # pkg.Name: a name of another package, not a field.
            return None
        field_name = text(name_node, file.source)
        found = self._type_of(operand, file, 0)
        if found is None:
            # Unknown operand type: only an unambiguous field name is followed.
            owners = self._owners_of(field_name)
            return owners[0] if len(owners) == 1 else None
        if found == _OTHER or self._structs[found].get(field_name) != "string":
            return None
        return found

    def writes(self, type_name: str, field_name: str) -> list[Write]:
        """Return every expression the package stores in type_name's field_name."""
        key = (type_name, field_name)
        if key not in self._writes:
            self._writes[key] = self._find_writes(type_name, field_name)
        return self._writes[key]

    def _find_writes(self, type_name: str, field_name: str) -> list[Write]:
        self._covering(field_name, Spelling.SELECTOR_WRITE)
        # A keyed write is counted only in a literal that spells its type: T{Field: v}.
        self._covering(field_name, Spelling.KEY, also=type_name)
        found: list[Write] = []
        needle = field_name.encode("utf-8")
        for file in list(self.package.files):
            if needle not in file.source:
                continue
            root = file.tree.root_node
            # Every write spells the field's name: query only around those bytes.
            ranges = merge_ranges([m.span() for m in word_pattern(needle).finditer(file.source)])
            if not ranges:
                continue
            for captures in matches_in(_COMPOSITES, root, ranges, "body"):
                if text(captures["type"][0], file.source) != type_name:
                    continue
                for element in captures["body"][0].named_children:
                    key = element.child_by_field_name("key")
                    value = element.child_by_field_name("value")
                    if element.type != "keyed_element" or key is None or value is None:
                        continue
                    if text(key, file.source).strip() == field_name and value.named_children:
                        found.append(Write(file, value.named_children[0]))
            for captures in matches_in(_FIELD_ASSIGNMENTS, root, ranges, "statement"):
                statement = captures["statement"][0]
                found.extend(self._assigned(statement, file, type_name, field_name))
            for captures in matches_in(_FIELD_ADDRESSES, root, ranges, "address"):
                registration = self._registration(
                    captures["address"][0], file, type_name, field_name
                )
                if registration is not None:
                    found.append(registration)
        return found

    def _assigned(
        self, statement: tree_sitter.Node, file: GoFile, type_name: str, field_name: str
    ) -> list[Write]:
        operator = statement.child_by_field_name("operator")
        left = statement.child_by_field_name("left")
        right = statement.child_by_field_name("right")
        if operator is None or operator.type != "=" or left is None or right is None:
            return []
        targets = left.named_children
        values = [v for v in right.named_children if v.type != "comment"]
        if len(targets) != len(values):
            return []
        return [
            Write(file, value)
            for target, value in zip(targets, values, strict=True)
            if self._names_field(target, file, type_name, field_name)
        ]

    def _registration(
        self, address: tree_sitter.Node, file: GoFile, type_name: str, field_name: str
    ) -> Write | None:
        """Return the flag registration that &x.Field is handed to, if it is one."""
        target = strip_address_of(address)
        if target is None or not self._names_field(target, file, type_name, field_name):
            return None
        found = registration(target, file, self.package)
        return None if found is None else Write(file, found[0])

    def _names_field(
        self, node: tree_sitter.Node, file: GoFile, type_name: str, field_name: str
    ) -> bool:
        if node.type != "selector_expression":
            return False
        name_node = node.child_by_field_name("field")
        if name_node is None or text(name_node, file.source) != field_name:
            return False
        return self.owner(node, file) == type_name

    def _type_of(self, node: tree_sitter.Node, file: GoFile, depth: int) -> str | None:
        """Return an expression's package struct type; _OTHER for other types, None if unknown."""
        node = strip_address_of(unparen(node)) or node
        if depth > _MAX_DEPTH:
            return None
        if node.type == "unary_expression":
            operand = node.child_by_field_name("operand")
            return None if operand is None else self._type_of(operand, file, depth + 1)
        if node.type == "identifier":
            resolved = self.package.resolve(node, file)
            if resolved is None:
                return None
            binding = resolved.binding
            if binding.type_node is not None:
                return self._named(binding.type_node, resolved.file)
            if binding.value is None:
                return None
            return self._type_of(binding.value, resolved.file, depth + 1)
        if node.type == "composite_literal":
            return self._named(node.child_by_field_name("type"), file)
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            operand = function.child_by_field_name("operand") if function is not None else None
            if (
                operand is not None
                and operand.type == "identifier"
                and self.package.resolve(operand, file) is None
            ):
                # pkg.F(), whatever the import's name: another package returns its own types.
                return _OTHER
            if function is not None and function.type == "selector_expression":
                # s.getOpts(): a method's result, when its name is declared once.
                method = function.child_by_field_name("field")
                found = None
                if method is not None:
                    self._covering(text(method, file.source), Spelling.FUNCTION)
                    found = self._results.get(text(method, file.source))
                return None if found is None else self._named(found[1], found[0])
            if function is None or function.type != "identifier":
                return None
            name = text(function, file.source)
            if name == "new":
                arguments = node.child_by_field_name("arguments")
                args = [] if arguments is None else arguments.named_children
                return self._named(args[0], file) if len(args) == 1 else None
            self._covering(name, Spelling.FUNCTION)
            result = self._results.get(name)
            return None if result is None else self._named(result[1], result[0])
        if node.type == "selector_expression":
            operand = node.child_by_field_name("operand")
            name_node = node.child_by_field_name("field")
            if operand is None or name_node is None:
                return None
            owner = self._type_of(operand, file, depth + 1)
            if not owner:
                return owner
            field_type = self._structs[owner].get(text(name_node, file.source))
            if field_type is None:
                return None
            named = field_type.lstrip("*")
            self._covering(named, Spelling.TYPE)
            return _OTHER if named not in self._structs else named
        return None

    def _named(self, node: tree_sitter.Node | None, file: GoFile) -> str | None:
        while node is not None and node.type in ("pointer_type", "parenthesized_type"):
            node = node.named_children[0] if node.named_children else None
        if node is None:
            return None
        name = text(node, file.source)
        if node.type != "type_identifier":
            return _OTHER
        self._covering(name, Spelling.TYPE)
        return name if name in self._structs else _OTHER


def _first_result(result: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """Return a function's only or first result type: T in `func f() (T, error)`."""
    if result is None or result.type != "parameter_list":
        return result
    declarations = [c for c in result.named_children if c.type == "parameter_declaration"]
    return declarations[0].child_by_field_name("type") if declarations else None
