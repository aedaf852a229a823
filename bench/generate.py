"""Synthetic plans in the real data format, for the scale benchmark.

`generate(folder, measures)` writes a complete project data folder (``plan.yaml`` copied from
the real plan, the real JSON schemas, and ``omrader/<id>-<slug>.yaml`` files with the schema
line, quoted ids and logg entries) plus one area page per area in the shape of
``docs/omrader/*.md``. Ten tiltak per area page, so 10,000 tiltak make 1,000 area pages.
The text is filler (it is never published); the output is deterministic for a given size.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import project

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
TEMPLATES = Path(__file__).resolve().parent / "templates"
GOALS_PER_AREA = 2
MEASURES_PER_GOAL = 5
STATUS_IDS = ("ikke-startet", "pagar", "lopende", "fullfort", "utsatt", "ikke-viderefort")
WORDS = (
    "kulturskole medlemskommune samarbeid dialog ledersamling kompetanse mangfold fordypning "
    "forskning utvikling undervisning elever lærere rektorer tilbud region nettverk kurs "
    "strategi plan rapport møte konferanse prosjekt veiledning musikk dans teater visuell kunst "
    "skapende skriving fylkesavdeling økonomi søknad midler evaluering erfaring deling"
).split()
FIRST_START = dt.date(2024, 1, 8)
AREA_NAV_LINE = re.compile(r"^(\s+)- .*: omrader/[^/\s]+\.md\s*$")


@dataclass
class LogEntry:
    date: dt.date
    status: str
    text: str
    link: str | None = None


@dataclass
class Measure:
    id: str
    text: str
    items: list[str] = field(default_factory=list)
    see: str | None = None
    owner: str | None = None
    deadline: dt.date | None = None
    log: list[LogEntry] = field(default_factory=list)


@dataclass
class Goal:
    id: str
    text: str
    measures: list[Measure]


@dataclass
class Area:
    id: str
    slug: str
    title: str
    intro: str
    goals: list[Goal]

    @property
    def data_file(self) -> str:
        return f"{self.id}-{self.slug}.yaml"

    @property
    def page_file(self) -> str:
        return f"omrader/{self.slug}.md"


def _environment() -> Environment:
    """Jinja for the YAML and Markdown templates; no autoescape (values go through tojson)."""
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def _sentence(rng: random.Random, low: int, high: int) -> str:
    """A filler sentence of `low`..`high` words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _log(rng: random.Random) -> list[LogEntry]:
    """0–4 dated reports in file order (oldest first), as editors append them."""
    entries, day = [], FIRST_START + dt.timedelta(days=rng.randint(0, 200))
    for _ in range(rng.choice((0, 1, 1, 2, 3, 4))):
        link = f"https://eksempel.no/referat/{rng.randint(1, 99999)}" if rng.random() < 0.3 else None
        entries.append(LogEntry(day, rng.choice(STATUS_IDS), _sentence(rng, 6, 18), link))
        day += dt.timedelta(days=rng.randint(7, 120))
    return entries


def _measure(rng: random.Random, ident: str, previous: list[str]) -> Measure:
    """One tiltak with a realistic mix of the optional fields."""
    return Measure(
        id=ident,
        text=_sentence(rng, 6, 22),
        items=[_sentence(rng, 1, 4) for _ in range(5)] if rng.random() < 0.05 else [],
        see=rng.choice(previous) if previous and rng.random() < 0.05 else None,
        owner=rng.choice(("Fylkesavdelingen", "Styret", "Administrasjonen"))
        if rng.random() < 0.3 else None,
        deadline=dt.date(2026, rng.randint(1, 12), 28) if rng.random() < 0.2 else None,
        log=_log(rng),
    )


def synthetic_areas(measures: int, seed: int = 6) -> list[Area]:
    """Areas of `GOALS_PER_AREA` × `MEASURES_PER_GOAL` tiltak, `measures` tiltak in all."""
    rng = random.Random(seed)
    per_area = GOALS_PER_AREA * MEASURES_PER_GOAL
    areas, ids = [], []
    for a in range(1, max(1, measures // per_area) + 1):
        goals = []
        for g in range(1, GOALS_PER_AREA + 1):
            goal_id = f"{a}.{g}"
            items = []
            for m in range(1, MEASURES_PER_GOAL + 1):
                items.append(_measure(rng, f"{goal_id}.{m}", ids))
                ids.append(items[-1].id)
            ids.append(goal_id)
            goals.append(Goal(goal_id, _sentence(rng, 8, 25), items))
        areas.append(Area(str(a), f"omrade-{a}", f"Område {a}", _sentence(rng, 20, 50), goals))
    return areas


def generate(project: Path, measures: int) -> list[Area]:
    """Write the synthetic data into `project/data` and its area pages into `project/docs`.

    Replaces the real area files and area pages in a project copy; the rest of the docs
    (front page, overview, …) stay as they are, so they call the macros over the whole plan.
    """
    areas = synthetic_areas(measures)
    env = _environment()
    data = project / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "omrader").mkdir(parents=True)
    shutil.copy2(REAL_DATA / "plan.yaml", data / "plan.yaml")
    shutil.copytree(REAL_DATA / "schema", data / "schema")
    pages = project / "docs" / "omrader"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    area_yaml, area_page = env.get_template("omrade.yaml"), env.get_template("omrade.md")
    for area in areas:
        (data / "omrader" / area.data_file).write_text(area_yaml.render(area=area),
                                                      encoding="utf-8")
        (project / "docs" / area.page_file).write_text(area_page.render(area=area),
                                                      encoding="utf-8")
    return areas


def _area_nav(config_text: str, areas: list[Area]) -> str:
    """mkdocs.yml's text with its block of area pages in `nav` replaced by the generated ones.

    Edited as text, so comments and `!ENV` tags survive and every engine reads the result.
    """
    lines = config_text.splitlines(keepends=True)
    block = [i for i, line in enumerate(lines) if AREA_NAV_LINE.match(line)]
    if not block or block != list(range(block[0], block[-1] + 1)):
        raise ValueError("mkdocs.yml must list the area pages as one block in nav")
    indent = AREA_NAV_LINE.match(lines[block[0]]).group(1)
    generated = [f"{indent}- {json.dumps(f'{a.id}. {a.title}', ensure_ascii=False)}: "
                 f"{a.page_file}\n" for a in areas]
    return "".join(lines[:block[0]] + generated + lines[block[-1] + 1:])

def scale_project(dest: Path, measures: int) -> Path:
    """A project copy with a synthetic plan of `measures` tiltak.

    Its `mkdocs.yml` is the real one with only the area pages in the navigation swapped,
    so the scale site has every feature the real site has.
    """
    copy = project.copy_project(dest)
    areas = generate(copy, measures)
    config = copy / project.CONFIG
    config.write_text(_area_nav(config.read_text(encoding="utf-8"), areas), encoding="utf-8")
    return copy
