"""MkDocs hooks, named in mkdocs.yml's `hooks:` and loaded by MkDocs by path (not imported).

- `reload_macros.py`: `mkdocs serve` re-imports the macros package after its code changed;
- `serve.py`: `mkdocs serve` notices saved files sooner, and shows data errors as a page;
- `pages.py`: the pages made from the data (macros/pages.py) join MkDocs' files.

Zensical runs no hooks; macros/engine.py does the same work for it, with the same functions.
"""
