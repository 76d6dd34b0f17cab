"""The rule of ../shared/DESIGN.md, "Which app may know which", checked on the code itself.

An app may import only the apps it is allowed to know, and may not reach an
app it must not know through the ORM either: no reverse relation by name
(`article.comments`, `comments__status`, `get_field("comments")`,
`getattr(election, "articles")`). The forbidden names come from the models'
own reverse relations, so renaming a related_name is covered. Tests and
migrations are left out: tests exercise the assembled site, migrations are history.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# Which of our apps each app may know (the project package, which wires everything, may know all).
MAY_KNOW = {
    "articles": {"elections"},
    "comments": {"articles"},
    "elections": set(),
    "pagecache": set(),
    "bounds": set(),
    "jobs": set(),
    "pages": {"articles", "comments"},
}
# Cross-cutting machinery every app may use (page cache, value bounds, task queue): apps knowing none of ours.
SHARED_MACHINERY = {"bounds", "jobs", "pagecache"}
# Calls whose string arguments are ORM lookups or attribute names.
LOOKUP_CALLS = {
    "filter", "exclude", "get", "get_or_create", "update_or_create", "annotate", "alias", "aggregate",
    "values", "values_list", "order_by", "select_related", "prefetch_related", "only", "defer", "distinct",
    "get_field", "getattr", "hasattr", "setattr", "Count", "Sum", "Min", "Max", "Avg", "F", "Q", "OuterRef",
    "Prefetch", "FilteredRelation",
}  # fmt: skip
BASE_DIR = Path(settings.BASE_DIR)


def our_apps() -> dict[str, Path]:
    found = {}
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.is_relative_to(BASE_DIR) and ".venv" not in path.parts:
            found[config.label] = path
    return found


def modules(app_path: Path):
    for path in sorted(app_path.rglob("*.py")):
        parts = path.relative_to(app_path).parts
        if "tests" not in parts and "migrations" not in parts:
            yield path


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:  # "from newsroom import pagecache" is newsroom.pagecache
                yield node.lineno, f"{node.module}.{alias.name}"


def forbidden_relation_names(label: str, allowed: set[str], ours: set[str]) -> set[str]:
    """Names by which `label`'s models are reached from models of our apps it may not know."""
    names = set()
    for model in apps.get_app_config(label).get_models():
        for relation in model._meta.related_objects:
            other = relation.related_model._meta.app_label
            if other == label or other in allowed or other not in ours:
                continue
            names.add(relation.get_accessor_name())
            names.add(relation.field.related_query_name())
    return {name for name in names if name and not name.endswith("+")}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _names_a_relation(value: str, names: set[str]) -> bool:
    return value.split("__", 1)[0] in names


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _is_lookup_path(value: str) -> bool:
    """Like "comments__status": a double underscore inside one word."""
    return "__" in value.strip("_") and " " not in value


def traversals(tree: ast.AST, names: set[str]):
    """(line, what) for every use of a forbidden relation name: attribute, lookup keyword or lookup string."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in names:
            yield node.lineno, f".{node.attr}"
        elif isinstance(node, ast.Call):
            lookup_call = _call_name(node) in LOOKUP_CALLS
            for keyword in node.keywords:
                if keyword.arg and _names_a_relation(keyword.arg, names) and ("__" in keyword.arg or lookup_call):
                    yield node.lineno, f"{keyword.arg}="
            for argument in node.args if lookup_call else []:
                if _is_text(argument) and _names_a_relation(argument.value, names):
                    yield node.lineno, repr(argument.value)
        elif _is_text(node) and _is_lookup_path(node.value) and _names_a_relation(node.value, names):
            yield node.lineno, repr(node.value)


def border_violations() -> list[str]:
    ours = our_apps()
    problems = []
    for label, path in ours.items():
        if label not in MAY_KNOW:
            continue  # the project package wires every app together
        allowed = MAY_KNOW[label]
        names = forbidden_relation_names(label, allowed, set(ours))
        for module in modules(path):
            tree = ast.parse(module.read_text(), filename=str(module))
            where = module.relative_to(BASE_DIR)
            for line, imported in imported_modules(tree):
                top = imported.split(".")[0]
                shared = any(imported == m or imported.startswith(m + ".") for m in SHARED_MACHINERY)
                if top in ours and top != label and top not in allowed and not shared:
                    problems.append(f"{where}:{line} imports {imported} ({label} may know only {sorted(allowed)})")
            problems += [
                f"{where}:{line} reaches another app by its relation {what}" for line, what in traversals(tree, names)
            ]
    return problems


def test_no_app_crosses_its_border():
    assert border_violations() == []


def test_every_app_of_ours_has_a_rule():
    assert set(our_apps()) - {"newsroom"} <= set(MAY_KNOW)


def test_the_forbidden_names_come_from_the_models():
    ours = set(our_apps())
    assert {"comments", "reply_policy"} <= forbidden_relation_names("articles", MAY_KNOW["articles"], ours)
    assert "articles" in forbidden_relation_names("elections", MAY_KNOW["elections"], ours)


@pytest.mark.parametrize(
    "source",
    [
        'Article._meta.get_field("comments").related_model.objects.approved()',
        'Article.objects.annotate(n=Count("comments", filter=Q(comments__status="pending")))',
        'Article.objects.select_related("section", "reply_policy")',
        'articles = getattr(election, "articles", None)',
        "article.comments.all()",
        'list_filter = ["comments__status"]',
    ],
)
def test_the_check_sees_each_way_across(source):
    names = {"comments", "reply_policy", "articles"}
    assert list(traversals(ast.parse(source), names))


@pytest.mark.parametrize(
    "source",
    ['context = {"articles": []}', 'render(request, "comments/x.html")', 'Article.objects.filter(section__slug="x")'],
)
def test_the_check_leaves_ordinary_code_alone(source):
    assert list(traversals(ast.parse(source), {"comments", "articles"})) == []
