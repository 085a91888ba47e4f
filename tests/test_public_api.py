"""The public surface is what the README documents, and nothing else is public by accident."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import skmotif

README = Path(__file__).resolve().parents[1] / "README.md"


def documented():
    """{module: set of names} from the README's "API" section."""
    section = README.read_text().split("\n## API\n", 1)[1].split("\n## ", 1)[0]
    modules = {}
    for line in section.splitlines():
        if line.startswith("- `skmotif"):
            names = re.findall(r"`([^`]+)`", line)
            modules[names[0]] = set(names[1:])
    return modules


def public_modules():
    found = ["skmotif"]
    for info in pkgutil.walk_packages(skmotif.__path__, "skmotif."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return found


def test_every_public_module_is_documented_with_exactly_its_names():
    modules = documented()
    assert sorted(modules) == sorted(public_modules())
    for name, names in modules.items():
        module = importlib.import_module(name)
        assert set(module.__all__) == names, name
        for attribute in names:
            getattr(module, attribute)  # each documented name exists


def test_functions_and_classes_defined_in_a_module_are_public_or_private_on_purpose():
    # A helper without a leading underscore is public: it must be in __all__.
    for name in public_modules():
        module = importlib.import_module(name)
        defined = {
            attribute
            for attribute, value in vars(module).items()
            if (inspect.isfunction(value) or inspect.isclass(value))
            and value.__module__ == name
            and not attribute.startswith("_")
        }
        assert defined <= set(module.__all__), (name, defined - set(module.__all__))


def _public_callables():
    """(qualified name, function) of every public function, method and property."""
    seen = set()
    for name in public_modules():
        module = importlib.import_module(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if id(value) in seen:
                continue
            seen.add(id(value))
            if inspect.isfunction(value):
                yield f"{name}.{attribute}", value
            elif inspect.isclass(value):
                for key, member in vars(value).items():
                    if isinstance(member, property):
                        member = member.fget
                    elif isinstance(member, (classmethod, staticmethod)):
                        member = member.__func__
                    if inspect.isfunction(member) and (key == "__init__" or key[0] != "_"):
                        yield f"{name}.{attribute}.{key}", member


def test_every_public_function_and_method_has_type_hints():
    missing = []
    for qualified, function in _public_callables():
        signature = inspect.signature(function)
        for parameter in signature.parameters.values():
            if parameter.name in ("self", "cls") or parameter.kind in (
                parameter.VAR_POSITIONAL,
                parameter.VAR_KEYWORD,
            ):
                continue
            if parameter.annotation is inspect.Parameter.empty:
                missing.append(f"{qualified}({parameter.name})")
        if not qualified.endswith("__init__") and signature.return_annotation is inspect._empty:
            missing.append(f"{qualified} -> ?")
    assert missing == []
