"""Qt-free, undoable edits to a Briefing: ``inverse = edit.apply(briefing)``.

Each feature keeps its edit classes in its own module here (``facts`` for the fact list); the GUI pushes them
with ``window.undo_stack.push(EditCommand(window, edit))`` (see ``app/ui/undo.py``).
"""

from app.edits.base import CompositeEdit, Edit, EditError, EditLike, find_fact, new_fact_id, plural

__all__ = ["CompositeEdit", "Edit", "EditError", "EditLike", "find_fact", "new_fact_id", "plural"]
