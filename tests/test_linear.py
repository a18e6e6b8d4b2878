"""The linear rewrites of verify, realignment and lookups give the answers of the plain walks.

Each rewritten algorithm is checked against a plain reference written here (the walk it
replaced) on real inputs, generated inputs and ones that must be rejected.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
import tree_sitter

from gofix_bind.go import align, scope, suppress
from gofix_bind.go import package as package_module
from gofix_bind.go.compare import _BLANK, _paired_children, _replaced, _replacement_sound
from gofix_bind.go.compare import same_code as linear_same_code
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.parse import language, parse, reparse
from gofix_bind.go.spellings import Spelling, word_pattern
from gofix_bind.model import Edit
from gofix_bind.plan import OverlapError, apply_edits

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "golden" / "go").glob("*/input/*.go"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import findings_scaling  # noqa: E402

GENERATED = findings_scaling.generate(120)


def _touches(node: tree_sitter.Node, edit: Edit) -> bool:
    if edit.start_byte == edit.end_byte:
        return node.start_byte < edit.start_byte < node.end_byte
    return edit.start_byte < node.end_byte and node.start_byte < edit.end_byte


def reference_same_code(
    old_tree: tree_sitter.Tree,
    old_source: bytes,
    new_tree: tree_sitter.Tree,
    new_source: bytes,
    edits: Iterable[Edit],
) -> bool:
    """The walk same_code replaced: every child filters all of its parent's edits."""
    content = [
        e
        for e in edits
        if old_source[e.start_byte : e.end_byte].strip(_BLANK) or e.content.strip(_BLANK)
    ]
    stack = [(old_tree.root_node, new_tree.root_node, content)]
    while stack:
        before, after, around = stack.pop()
        touching = [e for e in around if _touches(before, e)]
        old_text = old_source[before.start_byte : before.end_byte]
        new_text = new_source[after.start_byte : after.end_byte]
        if not touching and before.type == after.type and old_text == new_text:
            continue
        if touching and _replaced(before, touching):
            if not _replacement_sound(before, after, touching, old_text, new_text):
                return False
            continue
        if before.type != after.type or before.is_missing != after.is_missing:
            return False
        if before.child_count == 0 or after.child_count == 0:
            if before.child_count != after.child_count or old_text != new_text:
                return False
            continue
        children = _paired_children(before, after, touching, new_source)
        if children is None:
            return False
        stack.extend(
            (old, new, touching) for old, new in zip(before.children, children, strict=True)
        )
    return True


def _insertions(source: bytes) -> list[Edit]:
    """Insert a host into every `":port"` literal: the edits a run of fixes makes."""
    edits = []
    position = source.find(b'":')
    while position >= 0:
        edits.append(Edit(position + 1, position + 1, b"127.0.0.1"))
        position = source.find(b'":', position + 1)
    return edits


def _cases() -> list[tuple[str, bytes, list[Edit], bytes]]:
    """Return (name, old bytes, edits, new bytes) pairs, sound ones and ones to reject."""
    cases = []
    for path in GOLDEN:
        source = path.read_bytes()
        edits = _insertions(source)
        if not edits:
            continue
        name = path.parent.parent.name
        new = apply_edits(source, edits)
        cases.append((f"{name}/fixed", source, edits, new))
        # A token changed outside the fix.
        outside = new.replace(b"package main", b"package mains", 1)
        if outside != new:
            cases.append((f"{name}/token-outside", source, edits, outside))
        # White space inside a string literal changed: a string's bytes are its token.
        spaced = new.replace(b'"127.0.0.1:', b'" 127.0.0.1:', 1)
        cases.append((f"{name}/space-in-string", source, edits, spaced))
        # The last fix claimed but not made.
        cases.append((f"{name}/fix-missing", source, edits, apply_edits(source, edits[:-1])))
    edits = _insertions(GENERATED)
    new = apply_edits(GENERATED, edits)
    cases.append(("generated/fixed", GENERATED, edits, new))
    cases.append(("generated/token-outside", GENERATED, edits, new.replace(b"go s", b"go  t", 1)))
    cases.append(("generated/extra-call", GENERATED, edits, new.replace(b"nil)", b"nil))", 1)))
    return cases


CASES = _cases()


@pytest.mark.parametrize("name,old,edits,new", CASES, ids=[case[0] for case in CASES])
def test_same_code_agrees_with_the_plain_walk(
    name: str, old: bytes, edits: list[Edit], new: bytes
) -> None:
    old_tree, new_tree = parse(old), parse(new)
    expected = reference_same_code(old_tree, old, new_tree, new, edits)
    assert linear_same_code(old_tree, old, new_tree, new, edits) == expected
    if name == "generated/fixed":
        assert expected
    elif name.startswith("generated/"):
        assert not expected


def test_the_cases_include_rejections() -> None:
    rejected = [
        name
        for name, old, edits, new in CASES
        if not linear_same_code(parse(old), old, parse(new), new, edits)
    ]
    assert any(name.endswith("/token-outside") for name in rejected)
    assert any(name.endswith("/space-in-string") for name in rejected)


def _shape(tree: tree_sitter.Tree) -> list[tuple[str, int, int, tuple[int, int], bool]]:
    found, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        found.append((node.type, node.start_byte, node.end_byte, node.end_point, node.is_missing))
        stack.extend(node.children)
    return found


@pytest.mark.parametrize("name,old,edits,new", CASES, ids=[case[0] for case in CASES])
def test_reparse_gives_the_fresh_parse(
    name: str, old: bytes, edits: list[Edit], new: bytes
) -> None:
    old_tree = parse(old)
    before = _shape(old_tree)
    if name.endswith("/fixed") or name.endswith("/fix-missing"):
        applied = edits if name.endswith("/fixed") else edits[:-1]
        assert _shape(reparse(old, old_tree, applied, new)) == _shape(parse(new))
    # The old tree is left as it was.
    assert _shape(old_tree) == before


def test_reparse_follows_edits_that_add_lines() -> None:
    old = b"package main\n\nfunc f() {\n\tx := 1\n\t_ = x\n}\n"
    edits = [Edit(old.index(b"x := 1") + 6, old.index(b"x := 1") + 6, b"\n\ty := 2\n\t_ = y")]
    new = apply_edits(old, edits)
    assert _shape(reparse(old, parse(old), edits, new)) == _shape(parse(new))


def test_realignment_with_a_remembered_model_matches_a_fresh_one() -> None:
    source = GENERATED
    tree = parse(source)
    edits = _insertions(source)
    align.forget()
    alone = [align.realign(source, tree, [edit]) for edit in edits]
    together = align.realign(source, tree, edits)
    fresh_alone = []
    for edit in edits:
        align.forget()
        fresh_alone.append(align.realign(source, tree, [edit]))
    align.forget()
    assert alone == fresh_alone
    assert together == align.realign(source, tree, edits)
    # The const groups' comments move: realignment has something to do here.
    assert together and all(e.content.strip(b" \t") == b"" for e in together)


def test_identifiers_from_the_word_index_match_the_pattern_search() -> None:
    names = [f"addr{index}" for index in range(300)] + ["http", "nil", "s1", "ListenAndServe"]
    source = GENERATED
    file = GoFile("main.go", source, parse(source))
    found = {name: [n.start_byte for n in file.identifiers(name)] for name in names}
    assert file.words is not None and file.words._index is not None  # enough names for an index
    root = parse(source).root_node
    for name, starts in found.items():
        expected = []
        for match in word_pattern(name.encode()).finditer(source):
            node = root.descendant_for_byte_range(match.start(), match.end())
            span = None if node is None else (node.type, node.start_byte, node.end_byte)
            if span == ("identifier", match.start(), match.end()):
                expected.append(match.start())
        assert starts == expected, name
    assert found["s1"] and found["addr3"]


COMMENTED = b"""package main

import "net/http" // the server

/* a block // with a line comment's opener */
const u = "http://example.com/*not a comment*/" // after a URL

func main() { // opens
	x := '/' // a rune
	_ = x /2 // division, not a comment
	go http.ListenAndServe(":8080", nil) /* trailing */ // and another
}
"""


@pytest.mark.parametrize(
    "source", [COMMENTED, *(p.read_bytes() for p in GOLDEN)], ids=["commented", *map(str, GOLDEN)]
)
def test_comments_found_from_bytes_are_the_query_captures(source: bytes) -> None:
    root = parse(source).root_node
    query = tree_sitter.Query(language(), "(comment) @comment")
    captured = tree_sitter.QueryCursor(query).captures(root).get("comment", [])
    expected = sorted((n.start_byte, n.end_byte) for n in captured)
    assert [(n.start_byte, n.end_byte) for n in suppress._comment_nodes(root, source)] == expected


@pytest.mark.parametrize("source", [b"", b"a", b"a\n", b"a\r\nb\n\nc", b"\n\n", COMMENTED])
def test_lines_cut_on_demand_are_the_split_lines(source: bytes) -> None:
    expected = [line.removesuffix(b"\r") for line in source.split(b"\n")]
    lines = suppress._Lines(source)
    assert len(lines) == len(expected)
    assert [lines[row] for row in range(len(lines))] == expected
    assert lines[-1] == expected[-1]


def reference_apply_edits(source: bytes, edits: list[Edit]) -> bytes:
    """The byte array apply_edits replaced, out-of-range edits checked from the back."""
    ordered = sorted(edits, key=lambda e: (e.start_byte, e.end_byte))
    result = bytearray(source)
    for edit in reversed(ordered):
        if not 0 <= edit.start_byte <= edit.end_byte <= len(source):
            raise OverlapError(f"edit at bytes {edit.start_byte}-{edit.end_byte} is out of range")
        result[edit.start_byte : edit.end_byte] = edit.content
    return bytes(result)


@pytest.mark.parametrize(
    "edits",
    [
        [],
        [Edit(0, 0, b"x")],
        [Edit(3, 5, b""), Edit(0, 1, b"AB"), Edit(9, 9, b"!")],
        [Edit(2, 4, b"yy"), Edit(4, 4, b"z")],
        [Edit(8, 12, b"q"), Edit(20, 21, b"")],
        [Edit(17, 17, b""), Edit(20, 21, b"")],
    ],
)
def test_apply_edits_matches_the_byte_array_edit(edits: list[Edit]) -> None:
    source = b"0123456789abcdef"
    try:
        expected: bytes | str = reference_apply_edits(source, edits)
    except OverlapError as error:
        expected = str(error)
    try:
        got: bytes | str = apply_edits(source, edits)
    except OverlapError as error:
        got = str(error)
    assert got == expected


def _pending_sources() -> dict[str, bytes]:
    """Files that spell names in every way the word index must tell apart."""
    spellings = [
        b"var addr1 = x",
        b"var addr10 = x",  # addr1 touches an identifier byte: not a spelling of addr1
        b"// addr2 in a comment",
        b"x := \xc3\xa9addr3",  # a non-ASCII neighbour counts as a boundary
        b"f(addr4)",
        b"const (\n\taddr5 = 1\n)",
        b's := "addr6"',
        b"var \xc3\xa9t\xc3\xa9 = addr7",  # a name that is not ASCII
        b"p := &addr8",
        b"_addr9 := 1",
        b"type addr0 struct{ addr2, addr5 string }",
        b"v := T{addr4: 1}",
        b"cfg.addr6 = 2",
    ]
    sources = {
        f"f{index}.go": b"package p\n\nfunc g" + str(index).encode() + b"() {\n\t" + line + b"\n}\n"
        for index, line in enumerate(spellings * 3)
    }
    # An import's name, spelled in the file's header.
    sources["imports.go"] = b'package p\n\nimport addr3 "example.com/addr3"\n'
    return sources


@pytest.mark.parametrize("spelling", list(Spelling))
def test_the_pending_word_index_finds_the_files_a_search_finds(
    spelling: Spelling, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"addr{index}" for index in range(11)] + ["\xe9t\xe9", "x", "g3", "missing"]
    loaded: dict[int, list[list[str]]] = {}
    for after in (0, 10**9):  # indexed at the first lookup, and never
        monkeypatch.setattr(package_module, "_INDEX_NS", (float(after), float(after)))
        sources = _pending_sources()
        order: list[list[str]] = []

        def load(path: str, sources: dict[str, bytes] = sources) -> GoFile:
            return GoFile(path, sources[path], parse(sources[path]))

        package = Package([], dict(sources), load, {path: i for i, path in enumerate(sources)})
        for name in names:
            before = {file.path for file in package.files}
            package.ensure_matching(name, spelling)
            order.append(sorted({file.path for file in package.files} - before))
        assert (package._spelled_in is not None) == (after == 0)
        loaded[after] = order
    assert loaded[0] == loaded[10**9]
    assert any(loaded[0])


NESTED = b"""package main

import "net/http"

func serve(addr string, more ...string) {
	a, b := ":1", ":2"
	if c := a; c != "" {
		var d = c
		go http.ListenAndServe(d, nil)
	} else if e := b; e != "" {
		const f = ":3"
		_ = f
	}
	switch g := a; g {
	case ":1":
		h := g
		_ = h
	default:
		var i, j = 1, 2
		_, _ = i, j
	}
	run := func(k string) {
		l := k
		go http.ListenAndServe(l, nil)
	}
	for m := 0; m < 1; m++ {
		a := a
		run(a)
	}
	select {
	case n := <-make(chan string):
		_ = n
	}
}
"""


def reference_declarations(
    function: tree_sitter.Node, source: bytes
) -> dict[str, list[scope.Declaration]]:
    """The walk the declaration query replaced: every node of the function, in Python."""
    found: dict[str, list[scope.Declaration]] = {}
    stack: list[tuple[tree_sitter.Node, tuple[tuple[int, int], ...]]] = [(function, ())]
    while stack:
        node, scopes = stack.pop()
        if node.type in scope._DECLARATIONS:
            for name in scope._declared_names(node, source):
                if scope.binding_in(node, name, source) is not None:
                    found.setdefault(name, []).append((node.start_byte, scopes, node))
        for child in node.children:
            if child.type in scope.SCOPES:
                stack.append((child, (*scopes, (child.start_byte, child.end_byte))))
            else:
                stack.append((child, scopes))
    for declarations in found.values():
        declarations.sort(key=lambda declaration: declaration[0])
    return found


def _functions(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type in scope.FUNCTIONS:
            found.append(node)
        stack.extend(node.children)
    return found


def _comparable(declarations: dict[str, list[scope.Declaration]]) -> object:
    return {
        name: [(start, scopes, node.id) for start, scopes, node in found]
        for name, found in declarations.items()
    }


@pytest.mark.parametrize(
    "source",
    [NESTED, GENERATED, *(p.read_bytes() for p in GOLDEN)],
    ids=["nested", "generated", *map(str, GOLDEN)],
)
def test_declarations_from_the_query_match_the_walk(source: bytes) -> None:
    root = parse(source).root_node
    for function in _functions(root):
        expected = reference_declarations(function, source)
        assert _comparable(scope._declarations(function, source)) == _comparable(expected)
        for name in expected:
            alone = scope._declarations(function, source, name)
            assert _comparable(alone) == _comparable({name: expected[name]})


def test_declarations_in_nested_scopes_keep_their_scopes() -> None:
    root = parse(NESTED).root_node
    (function,) = (f for f in _functions(root) if f.type == "function_declaration")
    found = scope._declarations(function, NESTED)
    assert set("abcdefghijklm") | {"addr", "run"} == found.keys()
    assert len(found["a"]) == 2  # the loop body's a := a hides the function's a
    assert all(len(scopes) >= 2 for _, scopes, _ in found["l"])  # the literal and its block
