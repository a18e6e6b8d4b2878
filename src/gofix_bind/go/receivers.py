"""What a framework receiver's configuration says about where its sink listens."""

from __future__ import annotations

from dataclasses import dataclass

import tree_sitter

from gofix_bind.go.addresses import assigned_field, writes_field
from gofix_bind.go.package import GoFile
from gofix_bind.go.scope import resolve_type, strip_address_of, text
from gofix_bind.go.sinks import CONSTRUCTORS, CallSink
from gofix_bind.go.values import Evaluator


@dataclass(frozen=True)
class Configured:
    """The receiver's network, when its configuration says, and whether the address is used."""

    network: str | None
    # True when the configuration sets the network to something not known statically.
    network_unknown: bool = False
    # True when the receiver serves on a listener it was given, ignoring the address.
    address_ignored: bool = False


def _constructor_config(
    sink: CallSink, value: tree_sitter.Node, file: GoFile, evaluator: Evaluator
) -> Configured | None:
    """Read the network key of the config a constructor call (fiber.New(cfg)) is given."""
    function = value.child_by_field_name("function")
    arguments = value.child_by_field_name("arguments")
    if value.type != "call_expression" or function is None or arguments is None:
        return None
    operand = function.child_by_field_name("operand")
    name = function.child_by_field_name("field")
    if operand is None or name is None:
        return None
    path = file.imports.path_of(text(operand, file.source))
    if path != sink.import_path or (path, text(name, file.source)) not in CONSTRUCTORS:
        return None
    args = [c for c in arguments.named_children if c.type != "comment"]
    if not args:
        return None
    literal = strip_address_of(args[0])
    if literal is None or literal.type != "composite_literal":
        return Configured(None, network_unknown=True)
    kind = resolve_type(literal.child_by_field_name("type"), file.imports, file.source)
    body = literal.child_by_field_name("body")
    if kind is None or kind[0] != sink.import_path or body is None:
        return Configured(None, network_unknown=True)
    for element in body.named_children:
        key = element.child_by_field_name("key")
        setting = element.child_by_field_name("value")
        if element.type != "keyed_element" or key is None or setting is None:
            continue
        if text(key, file.source) == sink.network_config_key and setting.named_children:
            network = evaluator.spelled(setting.named_children[0], file)
            return Configured(network, network_unknown=network is None)
    return None


def configured(
    sink: CallSink, operand: tree_sitter.Node, file: GoFile, evaluator: Evaluator
) -> Configured:
    """Return what the receiver's configuration says about the sink's network and address."""
    default = Configured(sink.default_network)
    if not (sink.network_field or sink.network_config_key or sink.listener_field):
        return default
    operand = strip_address_of(operand) or operand
    if operand.type == "call_expression" and sink.network_config_key:
        return _constructor_config(sink, operand, file, evaluator) or default
    if operand.type != "identifier":
        return default
    package = evaluator.package
    resolved = package.resolve(operand, file)
    if resolved is None:
        return default
    result = default
    if sink.network_config_key:
        for source_file, value, _ in evaluator.reaching(operand, file, resolved):
            if value is not None:
                result = _constructor_config(sink, value, source_file, evaluator) or result
    for use_file, use in package.variable_uses(resolved, text(operand, file.source)):
        if sink.listener_field and writes_field(use, sink.listener_field):
            return Configured(result.network, result.network_unknown, address_ignored=True)
        if sink.network_field and writes_field(use, sink.network_field):
            value = assigned_field(use, sink.network_field)
            network = None if value is None else evaluator.spelled(value, use_file)
            result = Configured(network, network_unknown=network is None)
    return result
