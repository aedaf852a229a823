"""A macros module that defines nothing: builds with it measure mkdocs-macros on its own.

The benchmark copies this file into a project copy and points the macros plugin at it, so
the plugin's own cost (its imports, git information, rendering each page as a template) can
be told apart from the cost of the plan's macros.
"""


def define_env(env) -> None:
    """Register nothing."""
