"""A notebook's code cells run in this process's IPython shell, as autograde's kernel runs them."""

from __future__ import annotations

import copy
import traceback
from pathlib import Path

import nbformat
import pytest


def run_cells(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    """A copy of nb with each code cell's outputs, run in folder under NBGRADER_EXECUTION.

    What a cell displays becomes display_data, its value an execute_result and an exception an
    error output, as nbclient records them; no kernel is started, so it takes milliseconds.
    """
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    nb = copy.deepcopy(nb)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NBGRADER_EXECUTION", "autograde")
        patch.chdir(folder)
        for count, cell in enumerate((c for c in nb.cells if c.cell_type == "code"), start=1):
            with capture_output() as out:
                result = shell.run_cell(cell.source, store_history=False, silent=False)
            cell.execution_count = count
            cell.outputs = [nbformat.v4.new_output("display_data", data=dict(o.data),
                                                   metadata=dict(o.metadata or {}))
                            for o in out.outputs]
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                cell.outputs.append(nbformat.v4.new_output(
                    "error", ename=type(error).__name__, evalue=str(error),
                    traceback=traceback.format_exception(error)))
            elif result.result is not None:
                cell.outputs.append(nbformat.v4.new_output(
                    "execute_result", data={"text/plain": repr(result.result)},
                    execution_count=count))
    return nb
