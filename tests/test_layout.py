"""The shape of the code: no import circles between skmotif's modules, short functions."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "skmotif"


def _module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph():
    """{module: modules of skmotif it imports}, at any level (functions included)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = (
                    node.module if node.level == 0 else ".".join(filter(None, [base, node.module]))
                )
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    found.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def circles(graph):
    """Every strongly connected group of more than one module (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_one_that_imports_it_back():
    # The package's __init__ files name their modules for users, and the modules
    # import the package's public names lazily; only circles among modules count.
    graph = {
        name: {m for m in deps if not PACKAGE.joinpath(*m.split(".")[1:], "__init__.py").exists()}
        for name, deps in import_graph().items()
    }
    assert circles(graph) == []


def body_lines(source):
    """{function name: lines of its body}, the docstring, blank and comment-only lines not
    counted; ``__init__`` left out (it only stores parameters)."""
    lines = source.splitlines()
    found = {}
    for node in ast.walk(ast.parse(source)):
        if (
            not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            or node.name == "__init__"
        ):
            continue
        body = node.body
        first = body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            if len(body) == 1:
                continue
            first = body[1]
        text = (lines[i].strip() for i in range(first.lineno - 1, node.end_lineno))
        found[node.name] = sum(1 for line in text if line and not line.startswith("#"))
    return found


def test_body_lines_counts_code_only():
    source = (
        "def f(a,\n      b):\n"
        '    """Doc.\n\n    More doc.\n    """\n'
        "    x = 1\n\n    # a comment\n    return x\n\n"
        "def __init__(self):\n    pass\n"
    )
    assert body_lines(source) == {"f": 2}


def test_at_most_five_functions_over_40_lines():
    long = {
        f"{path.relative_to(PACKAGE.parent)}:{name}": n
        for path in PACKAGE.rglob("*.py")
        for name, n in body_lines(path.read_text()).items()
        if n > 40
    }
    assert len(long) <= 5, long


def private_calls(source, names):
    """``(line, attribute)`` of each call ``something._name(...)`` with ``name`` in ``names``,
    other than on ``self`` or ``cls``."""
    return [
        (node.lineno, node.func.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls"))
    ]


def test_private_calls_finds_them():
    source = "a._fit(1)\nself._fit(2)\nb.c._fit()\na.fit()\n"
    assert private_calls(source, {"_fit"}) == [(1, "_fit"), (3, "_fit")]


def test_other_modules_use_a_fitted_estimator_through_its_public_contract():
    """interpret, report, genome, saving and the command line read a model through
    ``network()``, ``head()``, ``outputs()``, ``output_index()``, ``encode()``,
    ``check_params()`` (and a regressor's ``check_targets()``), never its private methods."""
    from skmotif import ConvMotifClassifier, ConvMotifRegressor

    names = {
        name
        for kind in (ConvMotifClassifier, ConvMotifRegressor)
        for name in dir(kind)
        if name.startswith("_") and not name.startswith("__")
    }
    assert {"_layer_spec", "_architecture", "_targets", "_validate_params"} <= names
    found = {
        f"{path.relative_to(PACKAGE.parent)}:{line} {name}"
        for path in PACKAGE.rglob("*.py")
        if "_estimators" not in path.parts
        for line, name in private_calls(path.read_text(), names)
    }
    assert found == set()


def kind_checks(source, names=("is_regressor", "is_classifier")):
    """``(line, name)`` of each import, call or attribute of ``names`` (scikit-learn's tests
    of an estimator's kind)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found += [(node.lineno, a.name) for a in node.names if a.name in names]
        elif isinstance(node, ast.Name) and node.id in names:
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in names:
            found.append((node.lineno, node.attr))
    return sorted(found)


def test_kind_checks_finds_them():
    source = (
        "from sklearn.base import is_regressor\n"
        "import sklearn.base\n"
        "if is_regressor(m): pass\n"
        "sklearn.base.is_classifier(m)\n"
        "m.head().family\n"
    )
    assert kind_checks(source) == [(1, "is_regressor"), (3, "is_regressor"), (4, "is_classifier")]


def test_modules_route_a_fitted_model_by_its_head_not_by_its_kind():
    """The command line, reports and genome code read ``head()`` (its ``family``, ``units``,
    ``task``, ``metric``) and the contract's ``scores()``, ``output_names()``,
    ``output_labels()``, ``output_truth()``; never ``is_regressor`` (or ``is_classifier``),
    so that a new family of heads needs no new branches."""
    found = {
        f"{path.relative_to(PACKAGE.parent)}:{line} {name}"
        for path in PACKAGE.rglob("*.py")
        for line, name in kind_checks(path.read_text())
    }
    assert found == set()
