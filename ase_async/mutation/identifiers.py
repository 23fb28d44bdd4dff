"""Where identifiers occur, and in what role, for the five languages.

Renaming is by name, not by scope: every occurrence of ``load_rows`` in a renamable
position becomes ``fetch_rows``, in every file. That is consistent by construction as long
as no occurrence refers to something outside the project, so what matters is the *role*
of each occurrence:

=================  ====================================================================
role               meaning, and what renaming does with it
=================  ====================================================================
``def_func``       a function defined here (renamed, and its member uses with it)
``def_method``     a method defined here (likewise)
``def_var``        a variable, parameter or other local binding (renamed)
``use``            a bare name (renamed when the name is renamed)
``member``         ``x.name``, ``$x->name``, ``X::name`` (renamed only for functions and
                   methods, and only when the name is never used on something external)
``shorthand``      JavaScript ``{ name }`` (key and value at once: expanded when needed)
``key``            keyword arguments, object keys, struct literal keys (never renamed,
                   and the name is then protected: the key must keep matching)
``protect``        types, fields, properties, packages, overrides, external imports
                   (never renamed, and no other occurrence of the name is either)
``external``       a member used on something outside the project (protects the name)
=================  ====================================================================
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from .syntax_tree import Node, Source, walk

__all__ = ["Occurrence", "occurrences"]


@dataclasses.dataclass(frozen=True)
class Occurrence:
    """One identifier: its text, where it is (character offsets) and its role."""

    name: str
    start: int
    end: int
    role: str


def occurrences(src: Source, project_modules: frozenset[str] = frozenset()) -> list[Occurrence]:
    """Every identifier of ``src`` with its role, in document order.

    Args:
        src: the parsed file.
        project_modules: import roots that belong to the project (Python top-level
            modules, the Go module path, Java package prefixes); imports of anything
            else are external.
    """
    classify = _CLASSIFIERS[src.language]
    found = list(classify(src, project_modules))
    found.sort(key=lambda o: (o.start, o.end))
    return found


def _field(node: Node) -> str | None:
    parent = node.parent
    if parent is None:
        return None
    for index, child in enumerate(parent.children):
        if child.id == node.id:
            return parent.field_name_for_child(index)  # type: ignore[no-any-return]
    return None


def _occ(src: Source, node: Node, role: str) -> Occurrence:
    start, end = src.span(node)
    return Occurrence(src.text[start:end], start, end, role)


def _member_root(node: Node) -> Node:
    """The leftmost operand of a member chain: ``a`` in ``a.b(c).d``."""
    current = node
    while True:
        nxt = (
            current.child_by_field_name("object")
            or current.child_by_field_name("operand")
            or current.child_by_field_name("function")
            or current.child_by_field_name("scope")
        )
        if nxt is None:
            return current
        current = nxt


# --- Python -------------------------------------------------------------------------


def _python(src: Source, project: frozenset[str]) -> Iterator[Occurrence]:
    external_names: set[str] = set()
    # Imports first: names bound from outside the project are external everywhere.
    for node in walk(src.root):
        if node.type == "import_from_statement":
            module = node.child_by_field_name("module_name")
            text = src.of(module) if module is not None else ""
            is_project = text.startswith(".") or text.split(".")[0] in project
            for child in node.children_by_field_name("name"):
                target = child.child_by_field_name("name") if child.type == "aliased_import" else child
                alias = child.child_by_field_name("alias") if child.type == "aliased_import" else None
                if target is not None:
                    for ident in walk(target):
                        if ident.type == "identifier":
                            role = "use" if is_project else "protect"
                            if not is_project:
                                external_names.add(src.of(ident))
                            yield _occ(src, ident, role)
                if alias is not None:
                    yield _occ(src, alias, "def_var" if is_project else "protect")
            if module is not None:
                for ident in walk(module):
                    if ident.type == "identifier":
                        yield _occ(src, ident, "protect")
        elif node.type == "import_statement":
            for child in node.children_by_field_name("name"):
                for ident in walk(child):
                    if ident.type == "identifier":
                        external_names.add(src.of(ident))
                        yield _occ(src, ident, "protect")
    for node in walk(src.root):
        if node.type != "identifier":
            continue
        parent = node.parent
        if parent is None or _inside(node, ("import_from_statement", "import_statement")):
            continue
        field = _field(node)
        ptype = parent.type
        if ptype == "attribute" and field == "attribute":
            root = _member_root(parent)
            external = root.type != "identifier" or src.of(root) in external_names
            yield _occ(src, node, "external" if external else "member")
        elif ptype == "keyword_argument" and field == "name":
            yield _occ(src, node, "key")
        elif ptype == "function_definition" and field == "name":
            yield _occ(src, node, "def_method" if _in_class(parent) else "def_func")
        elif ptype == "class_definition" and field == "name":
            yield _occ(src, node, "protect")
        elif ptype in ("parameters", "lambda_parameters", "default_parameter", "typed_parameter",
                       "typed_default_parameter", "list_splat_pattern", "dictionary_splat_pattern"):
            yield _occ(src, node, "def_var")
        elif _is_assignment_target(node):
            yield _occ(src, node, _python_binding_role(node))
        else:
            yield _occ(src, node, "use")


def _python_binding_role(node: Node) -> str:
    """Module-level names are also reached as ``module.NAME``; class attributes as
    ``self.NAME``, which renaming by name cannot follow (so they are protected)."""
    current = node.parent
    while current is not None:
        if current.type in ("function_definition", "lambda"):
            return "def_var"
        if current.type == "class_definition":
            return "protect"
        if current.type == "module":
            return "def_global"
        current = current.parent
    return "def_var"


def _inside(node: Node, types: tuple[str, ...]) -> bool:
    current = node.parent
    while current is not None:
        if current.type in types:
            return True
        current = current.parent
    return False


def _in_class(node: Node) -> bool:
    parent = node.parent
    if parent is not None and parent.type == "decorated_definition":
        parent = parent.parent
    return parent is not None and parent.type == "block" and parent.parent is not None and parent.parent.type == "class_definition"


def _is_assignment_target(node: Node) -> bool:
    current = node
    while current.parent is not None and current.parent.type in ("pattern_list", "tuple_pattern", "list_pattern", "expression_list"):
        current = current.parent
    parent = current.parent
    if parent is None:
        return False
    field = _field(current)
    if parent.type in ("assignment", "augmented_assignment", "for_statement", "for_in_clause") and field == "left":
        return True
    return parent.type in ("as_pattern_target", "named_expression", "global_statement", "nonlocal_statement")


# --- JavaScript ---------------------------------------------------------------------

_JS_GLOBAL_ROOTS = frozenset("""
JSON Math Object Array String Number Boolean Date RegExp Promise Reflect Symbol Buffer
process console module exports require globalThis Intl URL URLSearchParams
""".split())


def _javascript(src: Source, project: frozenset[str]) -> Iterator[Occurrence]:
    external_names: set[str] = set()
    for node in walk(src.root):
        # const x = require('pkg') / import x from 'pkg': x is bound to the outside world.
        if node.type == "variable_declarator":
            value = node.child_by_field_name("value")
            name = node.child_by_field_name("name")
            module = _required_module(src, value)
            if module is not None and name is not None and not module.startswith("."):
                for ident in walk(name):
                    if ident.type in ("identifier", "shorthand_property_identifier_pattern"):
                        external_names.add(src.of(ident))
        elif node.type == "import_statement":
            source = node.child_by_field_name("source")
            if source is not None and not src.of(source).strip("'\"").startswith("."):
                for ident in walk(node):
                    if ident.type == "identifier":
                        external_names.add(src.of(ident))
    for node in walk(src.root):
        kind = node.type
        parent = node.parent
        if parent is None:
            continue
        field = _field(node)
        if kind == "identifier":
            if _inside(node, ("import_statement",)):
                yield _occ(src, node, "protect" if src.of(node) in external_names else "use")
            elif parent.type in ("function_declaration", "generator_function_declaration") and field == "name":
                yield _occ(src, node, "def_func")
            elif parent.type == "class_declaration" and field == "name":
                yield _occ(src, node, "protect")
            elif parent.type == "variable_declarator" and field == "name":
                value = parent.child_by_field_name("value")
                is_function = value is not None and value.type in ("arrow_function", "function_expression", "function")
                yield _occ(src, node, "def_func" if is_function else "def_var")
            elif parent.type in ("formal_parameters", "rest_pattern", "catch_clause", "array_pattern") or (
                parent.type == "arrow_function" and field == "parameter"
            ) or (parent.type == "assignment_pattern" and field == "left") or (
                parent.type == "pair_pattern" and field == "value"
            ):
                yield _occ(src, node, "def_var")
            elif parent.type in ("labeled_statement", "break_statement", "continue_statement"):
                continue
            else:
                yield _occ(src, node, "use")
        elif kind == "property_identifier":
            if parent.type == "member_expression" and field == "property":
                root = _member_root(parent)
                text = src.of(root)
                external = root.type not in ("identifier", "this") or text in external_names or text in _JS_GLOBAL_ROOTS
                yield _occ(src, node, "external" if external else "member")
            elif parent.type == "method_definition" and parent.parent is not None and parent.parent.type == "class_body":
                yield _occ(src, node, "def_method")
            else:
                yield _occ(src, node, "key")
        elif kind in ("shorthand_property_identifier", "shorthand_property_identifier_pattern"):
            yield _occ(src, node, "shorthand")
        elif kind == "private_property_identifier":
            yield _occ(src, node, "protect")


def _required_module(src: Source, value: Node | None) -> str | None:
    """``'pkg'`` for ``require('pkg')`` (also ``require('pkg').x``), else None."""
    while value is not None and value.type == "member_expression":
        value = value.child_by_field_name("object")
    if value is None or value.type != "call_expression":
        return None
    function = value.child_by_field_name("function")
    if function is None or src.of(function) != "require":
        return None
    arguments = value.child_by_field_name("arguments")
    if arguments is None or arguments.named_child_count != 1:
        return None
    return src.of(arguments.named_children[0]).strip("'\"`")


# --- PHP ----------------------------------------------------------------------------


def _php(src: Source, project: frozenset[str]) -> Iterator[Occurrence]:
    for node in walk(src.root):
        if node.type != "name":
            continue
        parent = node.parent
        if parent is None:
            continue
        field = _field(node)
        ptype = parent.type
        if ptype == "variable_name":
            grand = parent.parent
            # Properties are reached as `$this->name`; keep them and every variable
            # that shares their name.
            if grand is not None and grand.type in ("property_element", "property_promotion_parameter"):
                yield _occ(src, node, "protect")
            else:
                yield _occ(src, node, "def_var")
        elif ptype == "function_definition" and field == "name":
            yield _occ(src, node, "def_func")
        elif ptype == "method_declaration" and field == "name":
            yield _occ(src, node, "def_method")
        elif ptype == "function_call_expression" and field == "function":
            yield _occ(src, node, "use")
        elif ptype in ("member_call_expression", "nullsafe_member_call_expression", "scoped_call_expression") and field == "name":
            yield _occ(src, node, "member")
        elif ptype == "argument" and field == "name":
            yield _occ(src, node, "key")
        else:
            # Class names, constants, member properties, namespaces: never renamed.
            yield _occ(src, node, "protect")


# --- Go -----------------------------------------------------------------------------


def _go(src: Source, project: frozenset[str]) -> Iterator[Occurrence]:
    external_packages: set[str] = set()
    for node in walk(src.root):
        if node.type == "import_spec":
            path = node.child_by_field_name("path")
            alias = node.child_by_field_name("name")
            text = src.of(path).strip('"`') if path is not None else ""
            if not any(text == p or text.startswith(p + "/") for p in project):
                external_packages.add(src.of(alias) if alias is not None else text.rsplit("/", 1)[-1])
    for node in walk(src.root):
        kind = node.type
        parent = node.parent
        if parent is None:
            continue
        field = _field(node)
        if kind == "identifier":
            if parent.type == "function_declaration" and field == "name":
                yield _occ(src, node, "def_func")
            elif parent.type == "literal_element" and parent.parent is not None and parent.parent.type == "keyed_element" and _field(parent) == "key":
                yield _occ(src, node, "key")
            elif parent.type in ("var_spec", "const_spec") and not _inside(node, ("function_declaration", "method_declaration", "func_literal")):
                yield _occ(src, node, "def_global")  # reached as pkg.Name from other packages
            elif parent.type in ("parameter_declaration", "variadic_parameter_declaration", "var_spec", "const_spec"):
                yield _occ(src, node, "def_var")
            elif parent.type == "expression_list" and parent.parent is not None and parent.parent.type in ("short_var_declaration", "range_clause") and _field(parent) == "left":
                yield _occ(src, node, "def_var")
            else:
                yield _occ(src, node, "use")
        elif kind == "field_identifier":
            if parent.type == "selector_expression" and field == "field":
                root = _member_root(parent)
                external = root.type == "identifier" and src.of(root) in external_packages
                yield _occ(src, node, "external" if external else "member")
            elif parent.type in ("method_declaration", "method_elem", "method_spec") and field == "name":
                yield _occ(src, node, "def_method")
            else:
                yield _occ(src, node, "protect")
        elif kind in ("type_identifier", "package_identifier"):
            yield _occ(src, node, "protect")


# --- Java ---------------------------------------------------------------------------


def _java(src: Source, project: frozenset[str]) -> Iterator[Occurrence]:
    types = {name[5:] for name in project if name.startswith("type:")}
    declared: dict[str, set[str]] = {}
    for node in walk(src.root):
        if node.type in ("local_variable_declaration", "field_declaration", "formal_parameter", "catch_formal_parameter", "enhanced_for_statement"):
            kind = node.child_by_field_name("type")
            simple = re.sub(r"<.*>|\[\]", "", src.of(kind)).split(".")[-1].strip() if kind is not None else "?"
            for child in node.named_children:
                name = child.child_by_field_name("name") if child.type == "variable_declarator" else (child if child.type == "identifier" else None)
                if name is not None:
                    declared.setdefault(src.of(name), set()).add(simple)
    for node in walk(src.root):
        kind = node.type
        parent = node.parent
        if parent is None:
            continue
        if kind == "type_identifier":
            yield _occ(src, node, "protect")
            continue
        if kind != "identifier":
            continue
        field = _field(node)
        ptype = parent.type
        if _inside(node, ("package_declaration", "import_declaration", "annotation", "marker_annotation")):
            yield _occ(src, node, "protect")
        elif ptype == "method_declaration" and field == "name":
            override = any(
                src.of(m).lstrip("@").strip() == "Override"
                for child in parent.children if child.type == "modifiers"
                for m in child.children if m.type in ("marker_annotation", "annotation")
            )
            yield _occ(src, node, "protect" if override else "def_method")
        elif ptype == "method_invocation" and field == "name":
            obj = parent.child_by_field_name("object")
            external = obj is not None and _java_external(src, obj, types, declared)
            yield _occ(src, node, "external" if external else "member")
        elif ptype == "field_access" and field == "field":
            yield _occ(src, node, "protect")
        elif ptype == "method_reference":
            yield _occ(src, node, "member" if node.id != parent.named_children[0].id else "use")
        elif ptype == "variable_declarator" and field == "name":
            grand = parent.parent
            if grand is not None and grand.type in ("field_declaration", "constant_declaration"):
                yield _occ(src, node, "protect")
            else:
                yield _occ(src, node, "def_var")
        elif ptype in ("formal_parameter", "catch_formal_parameter", "enhanced_for_statement", "inferred_parameters", "lambda_expression") and (
            field in ("name", "parameters", None)
        ):
            record = parent.parent is not None and parent.parent.parent is not None and parent.parent.parent.type == "record_declaration"
            yield _occ(src, node, "protect" if record else "def_var")
        elif ptype in ("class_declaration", "interface_declaration", "enum_declaration", "record_declaration",
                       "constructor_declaration", "enum_constant", "scoped_identifier", "scoped_type_identifier",
                       "labeled_statement", "break_statement", "continue_statement"):
            yield _occ(src, node, "protect")
        else:
            yield _occ(src, node, "use")


def _java_external(src: Source, obj: Node, types: set[str], declared: dict[str, set[str]]) -> bool:
    """Whether a receiver may be something outside the project.

    Only receivers we can see are ours count as ours: ``this``, a project class name,
    or a variable, parameter or field every declaration of which has a project type.
    ``props.load()`` on a ``Properties`` and ``store.find(id).getTitle()`` (the type of a
    call is not tracked) are external, so ``load`` and ``getTitle`` keep their names.
    """
    if obj.type == "this":
        return False
    if obj.type == "field_access":
        field = obj.child_by_field_name("field")
        target = obj.child_by_field_name("object")
        if field is None or target is None or target.type != "this":
            return True
        obj = field
    if obj.type != "identifier":
        return True
    name = src.of(obj)
    if name in types:
        return False
    kinds = declared.get(name)
    return not kinds or not kinds <= types


_CLASSIFIERS = {
    "python": _python,
    "javascript": _javascript,
    "php": _php,
    "go": _go,
    "java": _java,
}
