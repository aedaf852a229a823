"""Draw the illustration of the "Meld status" form for CONTRIBUTING.md (`make skjemabilde`).

There is no GitHub to take a screenshot of, so the picture is drawn from the form file itself
(.github/ISSUE_TEMPLATE/meld-status.yml): the same labels, descriptions, options and required
marks, laid out the way GitHub shows an issue form, with the tiltak and title filled in as the
site's "Meld status" link does. Rendered offline in Chromium; nothing is fetched.

    .venv/bin/python .github/bilder/skjemabilde.py [OUT.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml
from jinja2 import Environment
from markupsafe import Markup

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from macros.formlink import FORM_FILE, report_title  # noqa: E402

OUT = Path(__file__).resolve().parent / "meld-status-skjema.png"
EXAMPLE_TILTAK = "1.1.1"

PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ form.name }}</title>
<style>
  body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
  .top { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 14px 24px; font-size: 16px; }
  .top b { font-weight: 600; }
  main { max-width: 720px; margin: 0 auto; padding: 20px 24px 28px; }
  .template { border: 1px solid #d1d9e0; border-radius: 6px; padding: 10px 14px; margin-bottom: 16px; }
  .template h1 { font-size: 16px; margin: 0; }
  .template p { margin: 2px 0 0; color: #59636e; }
  label, .label { display: block; font-weight: 600; margin: 16px 0 4px; }
  .req { color: #d1242f; }
  .desc { color: #59636e; font-size: 13px; margin: 0 0 6px; }
  .box { border: 1px solid #d1d9e0; border-radius: 6px; padding: 5px 12px; min-height: 20px; background: #f6f8fa; }
  .box.filled { background: #fff; }
  .box.placeholder { color: #818b98; }
  .box.area { min-height: 86px; }
  .select { display: inline-block; border: 1px solid #d1d9e0; border-radius: 6px; padding: 5px 12px; background: #f6f8fa; font-weight: 500; }
  .note { margin-top: 14px; }
  .note p { margin: 8px 0; }
  .options { margin: 6px 0 0; padding: 0; list-style: none; border: 1px solid #d1d9e0; border-radius: 6px; max-width: 260px; }
  .options li { padding: 3px 12px; border-top: 1px solid #eef1f4; }
  .options li:first-child { border-top: 0; }
  .actions { margin-top: 22px; display: flex; justify-content: flex-end; gap: 8px; }
  .button { border: 1px solid #d1d9e0; border-radius: 6px; padding: 5px 16px; background: #f6f8fa; font-weight: 600; }
  .button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
  .caption { margin-top: 14px; color: #59636e; font-size: 12px; }
</style></head>
<body>
<div class="top"><b>eier / handlingsplan</b> › Issues › New issue</div>
<main>
<div class="template"><h1>{{ form.name }}</h1><p>{{ form.description }}</p></div>
<span class="label">Add a title <span class="req">*</span></span>
<div class="box filled">{{ title }}</div>
{% for element in form.body %}
{% set a = element.attributes %}
{% if element.type == "markdown" %}
<div class="note">{{ a.value | markdown }}</div>
{% else %}
{% set required = element.validations and element.validations.required %}
<span class="label">{{ a.label }}{% if required %} <span class="req">*</span>{% endif %}</span>
{% if a.description %}<p class="desc">{{ a.description }}</p>{% endif %}
{% if element.type == "dropdown" %}
<span class="select">Selections: None ▾</span>
<ul class="options">{% for option in a.options %}<li>{{ option }}</li>{% endfor %}</ul>
{% elif element.type == "textarea" %}
<div class="box area placeholder">{{ a.placeholder or "" }}</div>
{% elif element.id == "tiltak" %}
<div class="box filled">{{ tiltak }}</div>
{% else %}
<div class="box placeholder">{{ a.placeholder or "" }}</div>
{% endif %}
{% endif %}
{% endfor %}
<div class="actions"><span class="button">Cancel</span><span class="button primary">Create</span></div>
<p class="caption">Illustrasjon tegnet fra {{ form_path }} (ikke et skjermbilde fra GitHub).</p>
</main>
</body></html>
"""


def form_html(form_path: Path = FORM_FILE, tiltak: str = EXAMPLE_TILTAK) -> str:
    """The illustration as HTML; every text from the form is escaped."""
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    # The form's own Markdown note (our text, not the reporter's) is shown as GitHub shows it.
    env.filters["markdown"] = lambda text: Markup(markdown.markdown(text))
    form = yaml.safe_load(form_path.read_text(encoding="utf-8"))
    return env.from_string(PAGE).render(
        form=form, tiltak=tiltak, title=report_title(tiltak),
        form_path=form_path.relative_to(ROOT).as_posix())


def main(out: Path = OUT) -> None:
    from playwright.sync_api import sync_playwright

    from browser import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        page = chromium.new_page(viewport={"width": 780, "height": 600}, device_scale_factor=1)
        page.set_content(form_html())
        page.screenshot(path=str(out), full_page=True)
        chromium.close()
    print(f"Skrev {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else OUT)
