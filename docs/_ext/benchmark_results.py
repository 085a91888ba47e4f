"""``benchmark-results`` directive: a table of one benchmark's JSON results.

In a page: ``.. benchmark-results:: bench_speed`` (reST) or
```{benchmark-results} bench_speed``` (MyST) renders
``benchmarks/results/bench_speed.json``: when and where it ran, its options,
then one row per recorded result. The numbers thus come from the file the
script wrote, not from a hand-copied table. ``:where: part=planted`` keeps the
rows whose ``part`` is ``planted`` (a script that records several parts);
``:hide: per_motif`` leaves out the columns named (comma-separated).
"""

import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives

RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"


def _cell(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def _table(rows):
    columns = list(dict.fromkeys(key for row in rows for key in row))
    table = nodes.table()
    group = nodes.tgroup(cols=len(columns))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in columns]
    head, body = nodes.thead(), nodes.tbody()
    group += head
    group += body
    for cells, part in (
        ([columns], head),
        ([[_cell(r.get(c, "")) for c in columns] for r in rows], body),
    ):
        for values in cells:
            row = nodes.row()
            for value in values:
                entry = nodes.entry()
                entry += nodes.paragraph(text=str(value))
                row += entry
            part += row
    return table


class BenchmarkResults(Directive):
    required_arguments = 1
    option_spec = {"where": directives.unchanged, "hide": directives.unchanged}  # noqa: RUF012

    def run(self):
        path = RESULTS / f"{self.arguments[0]}.json"
        self.state.document.settings.record_dependencies.add(str(path))
        if not path.exists():
            raise self.error(f"{path} does not exist: run benchmarks/{self.arguments[0]}.py")
        record = json.loads(path.read_text())
        options = ", ".join(f"{k}={v}" for k, v in record["options"].items())
        intro = nodes.paragraph(
            text=f"python {record['script']} ({options}); skmotif {record['skmotif']}, "
            f"{record['machine']}, {record['when']}."
        )
        rows = record["results"]
        if "where" in self.options:
            key, _, value = self.options["where"].partition("=")
            rows = [
                {k: v for k, v in row.items() if k != key}
                for row in rows
                if str(row.get(key.strip())) == value.strip()
            ]
            if not rows:
                raise self.error(f"{path} has no row with {self.options['where']}")
        hidden = {key.strip() for key in self.options.get("hide", "").split(",")}
        rows = [{k: v for k, v in row.items() if k not in hidden} for row in rows]
        return [intro, _table(rows)]


def setup(app):
    app.add_directive("benchmark-results", BenchmarkResults)
    return {"parallel_read_safe": True}
