"""Recognise command-line flag definitions (flag, pflag and cobra, kingpin) and their defaults."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.literal import decode
from gofix_bind.go.package import GoFile, Package
from gofix_bind.go.scope import call_arguments, strip_address_of, text, unparen

# Flag packages, and how users spell a flag on the command line.
FLAG_PACKAGES = {
    "flag": "-",
    "github.com/spf13/pflag": "--",
    "github.com/ogier/pflag": "--",
}
KINGPIN = frozenset(
    {
        "gopkg.in/alecthomas/kingpin.v2",
        "github.com/alecthomas/kingpin",
        "github.com/alecthomas/kingpin/v2",
    }
)
# cobra's methods that hand out a command's *pflag.FlagSet.
_COBRA_FLAG_SETS = frozenset({"Flags", "PersistentFlags", "LocalFlags", "InheritedFlags"})
_FLAG_SET_CONSTRUCTORS = frozenset({"NewFlagSet"})
# Method -> (index of the default, index of the &variable or None, number of arguments).
_METHODS = {
    "String": (1, None, 3),
    "StringVar": (2, 0, 4),
    "StringP": (2, None, 4),
    "StringVarP": (3, 0, 5),
}
_PFLAG_ONLY = frozenset({"StringP", "StringVarP"})


@dataclass(frozen=True)
class FlagDefault:
    """A string flag's definition: its name, its default, and the variable it sets."""

    # The flag as users type it: -addr, --listen.
    name: str
    default: tree_sitter.Node
    # X in flag.StringVar(&X, ...); None when the definition returns a pointer.
    target: tree_sitter.Node | None


def _method_call(call: tree_sitter.Node, file: GoFile) -> tuple[str, tree_sitter.Node] | None:
    """Return (method name, operand) for a call of the form operand.Method(...)."""
    function = call.child_by_field_name("function")
    if call.type != "call_expression" or function is None:
        return None
    if function.type != "selector_expression":
        return None
    name_node = function.child_by_field_name("field")
    operand = function.child_by_field_name("operand")
    if name_node is None or operand is None:
        return None
    return text(name_node, file.source), operand


def flag_default(call: tree_sitter.Node, file: GoFile, package: Package) -> FlagDefault | None:
    """Return the flag a call defines, when it is a string flag with a non-empty default."""
    called = _method_call(call, file)
    if called is None:
        return None
    method, operand = called
    args = call_arguments(call)
    if method in ("String", "StringVar") and len(args) <= 1:
        found = _kingpin(operand, args, file, package)
    else:
        found = _flag_package(method, operand, args, file, package)
    if found is None:
        return None
    name, default, target = found
    if default.type in ("interpreted_string_literal", "raw_string_literal"):
        literal = decode(file.source, default.start_byte, default.end_byte)
        if literal is not None and literal.value == "":
            # An empty default means "off unless given", not "every interface".
            return None
    return FlagDefault(name, default, target)


def registration(
    target: tree_sitter.Node, file: GoFile, package: Package
) -> tuple[tree_sitter.Node, FlagDefault] | None:
    """Return the call that registers a flag on &target, and the flag, if there is one."""
    node = target
    while node.parent is not None and node.parent.type in (
        "parenthesized_expression",
        "unary_expression",
    ):
        node = node.parent
    arguments = node.parent
    call = arguments.parent if arguments is not None else None
    if node is target or arguments is None or arguments.type != "argument_list" or call is None:
        return None
    registered = flag_default(call, file, package)
    if registered is None or registered.target is None or registered.target.id != target.id:
        return None
    return call, registered


def _flag_package(
    method: str,
    operand: tree_sitter.Node,
    args: list[tree_sitter.Node],
    file: GoFile,
    package: Package,
) -> tuple[str, tree_sitter.Node, tree_sitter.Node | None] | None:
    shape = _METHODS.get(method)
    if shape is None or len(args) != shape[2]:
        return None
    dash = _flag_set(operand, file, package)
    if dash is None or (dash == "-" and method in _PFLAG_ONLY):
        return None
    default_index, target_index, _ = shape
    name_index = 0 if target_index is None else 1
    name = _string(args[name_index], file) or text(args[name_index], file.source)
    target = None
    if target_index is not None:
        target = _address_of(args[target_index])
        if target is None:
            return None
    return dash + name, args[default_index], target


def _flag_set(operand: tree_sitter.Node, file: GoFile, package: Package) -> str | None:
    """Return the dash style of the flag set operand stands for, or None if it is not one."""
    operand = unparen(operand)
    if operand.type == "selector_expression":
        # flag.CommandLine.String(...)
        inner = operand.child_by_field_name("operand")
        field_node = operand.child_by_field_name("field")
        if inner is None or field_node is None or text(field_node, file.source) != "CommandLine":
            return None
        return _flag_set(inner, file, package) if inner.type == "identifier" else None
    if operand.type == "identifier":
        resolved = package.resolve(operand, file)
        if resolved is None:
            path = file.imports.path_of(text(operand, file.source))
            return FLAG_PACKAGES.get(path or "")
        type_node = resolved.binding.type_node
        if type_node is not None:
            type_text = text(type_node, file.source).lstrip("*")
            package_name, _, type_name = type_text.partition(".")
            path = resolved.file.imports.path_of(package_name)
            return FLAG_PACKAGES.get(path or "") if type_name == "FlagSet" else None
        value = resolved.binding.value
        if value is None or value.type != "call_expression":
            return None
        return _flag_set_call(value, resolved.file, package)
    if operand.type == "call_expression":
        return _flag_set_call(operand, file, package)
    return None


def _flag_set_call(call: tree_sitter.Node, file: GoFile, package: Package) -> str | None:
    """Return the dash style when call makes or hands out a flag set: flag.NewFlagSet, cmd.Flags."""
    called = _method_call(call, file)
    if called is None:
        return None
    name, operand = called
    if name in _COBRA_FLAG_SETS and not call_arguments(call):
        return "--"
    if (
        name in _FLAG_SET_CONSTRUCTORS
        and operand.type == "identifier"
        and package.resolve(operand, file) is None
    ):
        return FLAG_PACKAGES.get(file.imports.path_of(text(operand, file.source)) or "")
    return None


def _kingpin(
    operand: tree_sitter.Node, args: list[tree_sitter.Node], file: GoFile, package: Package
) -> tuple[str, tree_sitter.Node, tree_sitter.Node | None] | None:
    """Read kingpin's Flag("addr", ...).Default(":8080").String() (or .StringVar(&x))."""
    target = None
    if args:
        target = _address_of(args[0])
        if target is None:
            return None
    default = None
    node = unparen(operand)
    while node.type == "call_expression":
        called = _method_call(node, file)
        if called is None:
            return None
        method, inner = called
        call_args = call_arguments(node)
        if method == "Default":
            default = call_args[0] if len(call_args) == 1 else None
        elif method in ("Flag", "Arg"):
            if default is None or not call_args or not _kingpin_root(inner, file, package):
                return None
            flag_name = _string(call_args[0], file) or text(call_args[0], file.source)
            return ("--" if method == "Flag" else "") + flag_name, default, target
        node = unparen(inner)
    return None


def _kingpin_root(node: tree_sitter.Node, file: GoFile, package: Package, depth: int = 0) -> bool:
    """Tell whether node is the kingpin package, or an app (kingpin.New) or command made with it."""
    node = unparen(node)
    if depth > 4:
        return False
    if node.type == "identifier":
        resolved = package.resolve(node, file)
        if resolved is None:
            return file.imports.path_of(text(node, file.source)) in KINGPIN
        value = resolved.binding.value
        return value is not None and _kingpin_root(value, resolved.file, package, depth + 1)
    called = _method_call(node, file)
    if called is None:
        return False
    method, operand = called
    # kingpin.New(...), app.Command(...), cmd.Command(...)
    return method in ("New", "Command") and _kingpin_root(operand, file, package, depth + 1)


def _address_of(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """Return X in &X, when X is a variable or a field."""
    if unparen(node).type != "unary_expression":
        return None
    inner = strip_address_of(node)
    if inner is None or inner.type not in ("identifier", "selector_expression"):
        return None
    return inner


def _string(node: tree_sitter.Node, file: GoFile) -> str | None:
    node = unparen(node)
    if node.type not in ("interpreted_string_literal", "raw_string_literal"):
        return None
    literal = decode(file.source, node.start_byte, node.end_byte)
    return None if literal is None else literal.value
